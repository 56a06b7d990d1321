package plan_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/plan"
	"github.com/sagectl/sagectl/plan/live"
)

// transition is how long endpoint operations take in the emulator (fake time).
const transition = time.Minute

// emu is an emulator on a fake clock with an SDK client pointed at it.
type emu struct {
	srv    *emulator.Server
	clock  *emulator.FakeClock
	client *sagemaker.Client
}

func startEmulator(t testing.TB) *emu {
	t.Helper()
	clock := emulator.NewFakeClock(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	srv, err := emulator.Start(emulator.Options{Clock: clock, CreateDuration: transition, UpdateDuration: transition, DeleteDuration: transition})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }}
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	// Cleanups run last-in first-out: the client's connections close before the
	// emulator shuts down, which would otherwise wait for connections never used.
	t.Cleanup(tr.CloseIdleConnections)
	client := sagemaker.NewFromConfig(cfg, func(o *sagemaker.Options) {
		o.BaseEndpoint, o.HTTPClient = aws.String(srv.URL()), &http.Client{Transport: tr}
	})
	return &emu{srv: srv, clock: clock, client: client}
}

// seed creates in the emulator, through the API, every resource of a snapshot, with
// its tags, endpoint weights and counts, and endpoint status (InService, Updating or
// Failed).
func (e *emu) seed(t testing.TB, d *live.Dir) {
	t.Helper()
	ctx := context.Background()
	read := func(k manifest.Kind) []*live.Resource {
		names, err := d.List(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		var out []*live.Resource
		for _, n := range names {
			r, err := d.Read(ctx, k, n)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	for _, r := range read(manifest.KindModel) {
		in := &sagemaker.CreateModelInput{}
		decodeInto(t, r, in)
		in.Tags = tags(r)
		if _, err := e.client.CreateModel(ctx, in); err != nil {
			t.Fatalf("seeding model %s: %v", r.Name, err)
		}
	}
	for _, r := range read(manifest.KindEndpointConfig) {
		in := &sagemaker.CreateEndpointConfigInput{}
		decodeInto(t, r, in)
		in.Tags = tags(r)
		if _, err := e.client.CreateEndpointConfig(ctx, in); err != nil {
			t.Fatalf("seeding endpoint config %s: %v", r.Name, err)
		}
	}
	var updating []*live.Resource
	for _, r := range read(manifest.KindEndpoint) {
		if r.Str("EndpointStatus") == "Failed" {
			e.srv.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: r.Name, Reason: r.Str("FailureReason")})
		}
		in := &sagemaker.CreateEndpointInput{EndpointName: aws.String(r.Name), EndpointConfigName: aws.String(r.Str("EndpointConfigName")), Tags: tags(r)}
		if _, err := e.client.CreateEndpoint(ctx, in); err != nil {
			t.Fatalf("seeding endpoint %s: %v", r.Name, err)
		}
		if r.Str("EndpointStatus") == "Updating" {
			updating = append(updating, r)
		}
	}
	e.clock.Advance(transition + time.Second)
	for _, r := range read(manifest.KindEndpoint) {
		var want []types.DesiredWeightAndCapacity
		vs, _ := r.Body["ProductionVariants"].([]any)
		for _, v := range vs {
			m, _ := v.(map[string]any)
			dw := types.DesiredWeightAndCapacity{VariantName: aws.String(m["VariantName"].(string))}
			if w, ok := m["DesiredWeight"].(json.Number); ok {
				f, _ := w.Float64()
				dw.DesiredWeight = aws.Float32(float32(f))
			}
			if c, ok := m["DesiredInstanceCount"].(json.Number); ok {
				n, _ := c.Int64()
				dw.DesiredInstanceCount = aws.Int32(int32(n))
			}
			want = append(want, dw)
		}
		if len(want) == 0 || r.Str("EndpointStatus") == "Failed" {
			continue
		}
		if _, err := e.client.UpdateEndpointWeightsAndCapacities(ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{
			EndpointName: aws.String(r.Name), DesiredWeightsAndCapacities: want}); err != nil {
			t.Fatalf("seeding the weights of endpoint %s: %v", r.Name, err)
		}
	}
	e.clock.Advance(transition + time.Second)
	for _, r := range updating {
		// An update in flight: the same weights again, and the clock stays put.
		out, err := e.client.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String(r.Name)})
		if err != nil {
			t.Fatal(err)
		}
		var same []types.DesiredWeightAndCapacity
		for _, v := range out.ProductionVariants {
			same = append(same, types.DesiredWeightAndCapacity{VariantName: v.VariantName, DesiredWeight: v.DesiredWeight})
		}
		if _, err := e.client.UpdateEndpointWeightsAndCapacities(ctx, &sagemaker.UpdateEndpointWeightsAndCapacitiesInput{
			EndpointName: aws.String(r.Name), DesiredWeightsAndCapacities: same}); err != nil {
			t.Fatalf("putting endpoint %s in Updating: %v", r.Name, err)
		}
	}
	e.srv.ResetCalls()
}

// decodeInto fills an SDK create input from a describe body (unknown members ignored).
func decodeInto(t testing.TB, r *live.Resource, in any) {
	t.Helper()
	data, err := json.Marshal(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, in); err != nil {
		t.Fatalf("%s %s: %v", r.Kind, r.Name, err)
	}
}

func tags(r *live.Resource) []types.Tag {
	var out []types.Tag
	for k, v := range r.Tags {
		out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// TestGoldenEmulator plans every scenario against the emulator, seeded through the
// API with the scenario's snapshot, and expects the very plan the snapshot gives:
// the same text (plan.txt) and the same actions, calls and inputs.
func TestGoldenEmulator(t *testing.T) {
	for _, sc := range scenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			snap := sc.snapshot(t)
			fromDir, err := plan.Build(context.Background(), sc.set, snap, sc.opt)
			if err != nil {
				t.Fatal(err)
			}
			e := startEmulator(t)
			e.seed(t, snap)
			fromAPI, err := plan.Build(context.Background(), sc.set, &live.API{Client: e.client}, sc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := renderText(t, fromAPI), renderText(t, fromDir); got != want {
				t.Errorf("plan against the emulator differs from the plan from the snapshot:\n--- emulator\n%s\n--- snapshot\n%s", got, want)
			}
			if got, want := actionsJSON(t, fromAPI), actionsJSON(t, fromDir); got != want {
				t.Errorf("actions differ between emulator and snapshot:\n--- emulator\n%s\n--- snapshot\n%s", got, want)
			}
			if n := writes(e.srv.CallCounts()); n != 0 {
				t.Errorf("planning made %d mutating calls; plan must only read", n)
			}
		})
	}
}

// writes counts the calls that are not Describe*, List* or ListTags.
func writes(counts map[string]int) int {
	n := 0
	for op, c := range counts {
		if !(len(op) > 8 && op[:8] == "Describe" || len(op) > 4 && op[:4] == "List") {
			n += c
		}
	}
	return n
}
