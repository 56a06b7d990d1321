package emulator_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

func (e *env) listModels() error {
	_, err := e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{})
	return err
}

func statusOf(t *testing.T, err error) int {
	t.Helper()
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("want an HTTP response error, got %v", err)
	}
	return re.HTTPStatusCode()
}

func TestThrottleNextCalls(t *testing.T) {
	e := newEnv(t)
	e.srv.Inject(emulator.Fault{Kind: emulator.Throttle, Op: "ListModels", Times: 2})
	for i := range 2 {
		err := e.listModels()
		apiErr(t, err, "ThrottlingException", "Rate exceeded")
		if s := statusOf(t, err); s != http.StatusBadRequest {
			t.Errorf("call %d: status %d, want 400", i, s)
		}
	}
	if err := e.listModels(); err != nil {
		t.Errorf("third call: %v (the fault expired after 2)", err)
	}
	if _, err := e.client.ListEndpoints(e.ctx, &sagemaker.ListEndpointsInput{}); err != nil {
		t.Errorf("other operation: %v", err)
	}
	if got := e.srv.Calls("ListModels"); got != 3 {
		t.Errorf("ListModels calls = %d, want 3", got)
	}
}

func TestSDKRetriesThrottlingAndServerErrors(t *testing.T) {
	e := newEnv(t)
	client := newClient(e.srv.URL(), retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 5
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
	}))
	e.srv.Inject(emulator.Fault{Kind: emulator.Throttle, Op: "ListModels", Times: 2})
	e.srv.Inject(emulator.Fault{Kind: emulator.Unavailable, Op: "ListModels", Times: 1})
	if _, err := client.ListModels(e.ctx, &sagemaker.ListModelsInput{}); err != nil {
		t.Fatalf("the SDK should retry through 2 throttles and a 503: %v", err)
	}
	if got := e.srv.Calls("ListModels"); got != 4 {
		t.Errorf("ListModels calls = %d, want 4 (3 faults, then success)", got)
	}
}

func TestThrottleAboveRate(t *testing.T) {
	e := newEnv(t)
	e.srv.Inject(emulator.Fault{Kind: emulator.Throttle, Rate: 2})
	var throttled []int
	for i := range 5 {
		if err := e.listModels(); err != nil {
			apiErr(t, err, "ThrottlingException", "Rate exceeded")
			throttled = append(throttled, i)
		}
	}
	// A bucket of 2 tokens: calls 0 and 1 pass, 2..4 are throttled.
	if len(throttled) != 3 || throttled[0] != 2 {
		t.Fatalf("throttled calls %v, want [2 3 4]", throttled)
	}
	e.clock.Advance(500 * time.Millisecond) // one token back at 2/s
	if err := e.listModels(); err != nil {
		t.Errorf("after 0.5s: %v", err)
	}
	if err := e.listModels(); err == nil {
		t.Errorf("second call after 0.5s passed; the bucket held one token")
	}
	e.clock.Advance(time.Hour) // refills to the cap, not beyond
	for i := range 3 {
		if err := e.listModels(); (err != nil) != (i == 2) {
			t.Errorf("after an hour, call %d: %v", i, err)
		}
	}
}

func TestServerErrors(t *testing.T) {
	e := newEnv(t)
	e.srv.Inject(emulator.Fault{Kind: emulator.InternalError, Op: "DescribeEndpoint", Times: 1})
	e.srv.Inject(emulator.Fault{Kind: emulator.Unavailable, Times: 1})
	_, err := e.client.DescribeEndpoint(e.ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String("x")})
	apiErr(t, err, "InternalFailure", "internal error")
	if s := statusOf(t, err); s != 500 {
		t.Errorf("status %d, want 500", s)
	}
	err = e.listModels()
	apiErr(t, err, "ServiceUnavailable", "Service Unavailable")
	if s := statusOf(t, err); s != 503 {
		t.Errorf("status %d, want 503", s)
	}
	if err := e.listModels(); err != nil {
		t.Errorf("after both faults expired: %v", err)
	}
	e.srv.Inject(emulator.Fault{Kind: emulator.InternalError})
	for range 3 {
		apiErr(t, e.listModels(), "InternalFailure", "")
	}
	e.srv.ClearFaults()
	if err := e.listModels(); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

func TestLatencyAdvancesTheFakeClock(t *testing.T) {
	e := newEnv(t)
	e.srv.Inject(emulator.Fault{Kind: emulator.Latency, Op: "ListModels", Delay: 3 * time.Second})
	e.srv.Inject(emulator.Fault{Kind: emulator.Latency, Delay: time.Second, Times: 1})
	if err := e.listModels(); err != nil {
		t.Fatal(err)
	}
	if got := e.clock.Now().Sub(epoch); got != 4*time.Second {
		t.Errorf("clock moved %v, want 4s (3s + 1s)", got)
	}
	if err := e.listModels(); err != nil {
		t.Fatal(err)
	}
	if got := e.clock.Now().Sub(epoch); got != 7*time.Second {
		t.Errorf("clock moved %v, want 7s", got)
	}
}

func TestLatencyOnTheWallClock(t *testing.T) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.Inject(emulator.Fault{Kind: emulator.Latency, Delay: 20 * time.Millisecond})
	start := time.Now()
	if _, err := newClient(srv.URL(), aws.NopRetryer{}).ListModels(t.Context(), &sagemaker.ListModelsInput{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 20*time.Millisecond {
		t.Errorf("answered after %v, want at least the 20ms latency", d)
	}
}

// The same seed gives the same sequence of failures; another seed another one.
func TestProbabilisticFaultsAreSeeded(t *testing.T) {
	run := func(seed uint64) []bool {
		e := newEnv(t, func(o *emulator.Options) { o.Seed = seed })
		e.srv.Inject(emulator.Fault{Kind: emulator.Unavailable, Probability: 0.5})
		var out []bool
		for range 32 {
			out = append(out, e.listModels() != nil)
		}
		return out
	}
	a, b, c := run(1), run(1), run(2)
	failed := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seed 1 gave different sequences: %v vs %v", a, b)
		}
		if a[i] {
			failed++
		}
	}
	if failed == 0 || failed == len(a) {
		t.Errorf("probability 0.5 failed %d of %d calls", failed, len(a))
	}
	same := true
	for i := range a {
		same = same && a[i] == c[i]
	}
	if same {
		t.Errorf("seeds 1 and 2 gave the same sequence %v", a)
	}
}

func TestStaleReadsForCalls(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.srv.SetStaleReads(emulator.StaleReads{Op: "CreateEndpointConfig", Calls: 2})
	e.config(t, "cfg", "m") // the model was created before: visible
	for range 2 {
		_, err := e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("cfg")})
		apiErr(t, err, "ValidationException", `Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/cfg"`)
	}
	must[*sagemaker.DescribeEndpointConfigOutput](t)(e.client.DescribeEndpointConfig(e.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String("cfg")}))
	// Creating the same name again sees it at once (the write path is consistent).
	e.config(t, "cfg2", "m")
	_, err := e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("cfg2"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}}})
	apiErr(t, err, "ValidationException", "Cannot create already existing endpoint configuration")
	// CreateEndpoint's own lookup of the config is an eventually consistent read too.
	_, err = e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("cfg2")})
	apiErr(t, err, "ValidationException", "Could not find endpoint configuration")
}

func TestStaleReadsForDuration(t *testing.T) {
	e := newEnv(t)
	e.srv.SetStaleReads(emulator.StaleReads{For: 2 * time.Second})
	e.model(t, "m")
	_, err := e.client.DescribeModel(e.ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("m")})
	apiErr(t, err, "ValidationException", "Could not find model")
	if l := must[*sagemaker.ListModelsOutput](t)(e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{})); len(l.Models) != 0 {
		t.Errorf("ListModels shows the stale model: %v", l.Models)
	}
	// The config's model lookup is a read too.
	_, err = e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("c"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}}})
	apiErr(t, err, "ValidationException", "Could not find model")
	e.clock.Advance(2 * time.Second)
	must[*sagemaker.DescribeModelOutput](t)(e.client.DescribeModel(e.ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("m")}))
	e.srv.SetStaleReads(emulator.StaleReads{})
	e.model(t, "m2")
	must[*sagemaker.DescribeModelOutput](t)(e.client.DescribeModel(e.ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("m2")}))
}

func TestCallCounters(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	for range 3 {
		_ = e.listModels()
	}
	counts := e.srv.CallCounts()
	if counts["CreateModel"] != 1 || counts["ListModels"] != 3 || len(counts) != 2 {
		t.Errorf("CallCounts = %v", counts)
	}
	counts["ListModels"] = 99 // a copy
	if e.srv.Calls("ListModels") != 3 {
		t.Error("CallCounts returned the live map")
	}
	e.srv.ResetCalls()
	if e.srv.Calls("ListModels") != 0 || len(e.srv.CallCounts()) != 0 {
		t.Errorf("after ResetCalls: %v", e.srv.CallCounts())
	}
}
