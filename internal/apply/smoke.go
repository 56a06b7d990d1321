package apply

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemakerruntime"
	rttypes "github.com/aws/aws-sdk-go-v2/service/sagemakerruntime/types"

	"github.com/sagectl/sagectl/internal/jsonpath"
	"github.com/sagectl/sagectl/internal/plan"
)

// RuntimeAPI is the part of *sagemakerruntime.Client smoke tests use.
type RuntimeAPI interface {
	InvokeEndpoint(context.Context, *sagemakerruntime.InvokeEndpointInput, ...func(*sagemakerruntime.Options)) (*sagemakerruntime.InvokeEndpointOutput, error)
}

var _ RuntimeAPI = (*sagemakerruntime.Client)(nil)

// smoke runs smoke test t (RunSmoke) on its endpoint, which the step's earlier calls
// created or switched to a new config and waited for. When every attempt fails and the plan
// recorded the config the endpoint ran before (t.RollbackTo), the endpoint is switched back
// to it, waited for and verified; the error reports the test's failure and the rollback's
// outcome. The step fails either way, so the steps that depend on it (the superseded
// config's delete) do not run.
func (x *Executor) smoke(ctx context.Context, w *Waiter, t *plan.SmokeTest) error {
	err := x.runSmoke(ctx, w, t)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindSmokeFailed || x.Runtime == nil {
		return err
	}
	if t.RollbackTo == "" {
		e.Reason += "; the endpoint is new, so there is no earlier config to switch back to: it is left InService for diagnosis " +
			"(fix the model and apply again, or delete the endpoint)"
		return e
	}
	e.Reason += "; " + x.smokeRollback(ctx, t)
	return e
}

// RunSmoke runs smoke test t once its endpoint is InService (sagectl rollback's check): up
// to t.Attempts invocations, t.IntervalSeconds apart, until an answer is what t.Expect
// says. A failure is an *Error of KindSmokeFailed, an interruption one of KindInterrupted.
func (x *Executor) RunSmoke(ctx context.Context, t *plan.SmokeTest) error {
	return x.runSmoke(ctx, x.Waiter, t)
}

func (x *Executor) runSmoke(ctx context.Context, w *Waiter, t *plan.SmokeTest) error {
	if x.Runtime == nil {
		return &Error{Resource: "endpoint", Name: t.EndpointName, Kind: KindSmokeFailed,
			Reason: fmt.Sprintf("smoke test %s not run: this apply has no SageMaker Runtime client", t.SmokeTestName)}
	}
	var last error
	n := max(1, t.Attempts)
	for i := range n {
		if i > 0 {
			if err := w.Clock.Sleep(ctx, time.Duration(t.IntervalSeconds)*time.Second); err != nil {
				return x.smokeInterrupted(t, last)
			}
		}
		if last = x.invoke(ctx, t); last == nil {
			return nil
		}
	}
	return &Error{Resource: "endpoint", Name: t.EndpointName, Kind: KindSmokeFailed,
		Reason: fmt.Sprintf("smoke test %s (%s) failed %d of %d attempts, the last: %v", t.SmokeTestName, t.Source, n, n, last)}
}

// smokeInterrupted is the error of a smoke test stopped between attempts (Ctrl-C).
func (x *Executor) smokeInterrupted(t *plan.SmokeTest, last error) error {
	reason := fmt.Sprintf("interrupted during smoke test %s (last attempt: %v): the endpoint runs its new config, not verified", t.SmokeTestName, last)
	if t.RollbackTo != "" {
		reason += fmt.Sprintf("; to switch it back: aws sagemaker update-endpoint --endpoint-name %s --endpoint-config-name %s", t.EndpointName, t.RollbackTo)
	}
	return &Error{Resource: "endpoint", Name: t.EndpointName, Kind: KindInterrupted, Reason: reason}
}

// smokeRollback switches the endpoint back to t.RollbackTo after a failed test and says how
// that went.
func (x *Executor) smokeRollback(ctx context.Context, t *plan.SmokeTest) string {
	c := context.WithoutCancel(ctx)
	before, err := x.API.DescribeEndpoint(c, &sagemaker.DescribeEndpointInput{EndpointName: &t.EndpointName})
	if err != nil {
		return fmt.Sprintf("NOT rolled back: reading the endpoint failed: %v; to switch it back: aws sagemaker update-endpoint --endpoint-name %s --endpoint-config-name %s",
			err, t.EndpointName, t.RollbackTo)
	}
	r := &Rollback{Endpoint: t.EndpointName, From: aws.ToString(before.EndpointConfigName), To: t.RollbackTo, before: before}
	if err := x.RunRollback(ctx, r); err != nil {
		return fmt.Sprintf("rolling back to %s FAILED: %v; the endpoint needs a human: see aws sagemaker describe-endpoint --endpoint-name %s",
			t.RollbackTo, err, t.EndpointName)
	}
	return fmt.Sprintf("rolled back: the endpoint serves %s again (InService, verified); %s is kept for diagnosis", t.RollbackTo, r.From)
}

// invoke sends t's request once and checks the answer.
func (x *Executor) invoke(ctx context.Context, t *plan.SmokeTest) error {
	in := &sagemakerruntime.InvokeEndpointInput{EndpointName: &t.EndpointName, Body: t.Body,
		ContentType: opt(t.ContentType), Accept: opt(t.Accept), TargetVariant: opt(t.TargetVariant),
		TargetModel: opt(t.TargetModel), InferenceComponentName: opt(t.InferenceComponentName)}
	out, err := x.Runtime.InvokeEndpoint(context.WithoutCancel(ctx), in)
	status, body := 200, []byte(nil)
	if err == nil {
		body = out.Body
	} else if me := (*rttypes.ModelError)(nil); errors.As(err, &me) && me.OriginalStatusCode != nil {
		status, body = int(*me.OriginalStatusCode), []byte(aws.ToString(me.OriginalMessage))
	} else {
		return fmt.Errorf("InvokeEndpoint: %w", err)
	}
	return check(t.Expect, status, body)
}

// opt is s as an optional request member: nil when empty.
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// check compares an answer with what e expects.
func check(e plan.SmokeExpect, status int, body []byte) error {
	want := e.Status
	if want == 0 {
		want = 200
	}
	if status != want {
		return fmt.Errorf("the model answered status %d, want %d: %s", status, want, excerpt(body))
	}
	if e.Contains != "" && !bytes.Contains(body, []byte(e.Contains)) {
		return fmt.Errorf("the answer does not contain %q: %s", e.Contains, excerpt(body))
	}
	if e.JSONPath == "" {
		return nil
	}
	return checkPath(e, body)
}

// checkPath checks that e.JSONPath exists in the answer parsed as JSON, with the value
// e.Equals when set.
func checkPath(e plan.SmokeExpect, body []byte) error {
	p, err := jsonpath.Parse(e.JSONPath)
	if err != nil {
		return fmt.Errorf("Expect.JSONPath %q: %v", e.JSONPath, err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("the answer is not JSON (%v), so %s cannot be read: %s", err, e.JSONPath, excerpt(body))
	}
	v, ok := p.Lookup(doc)
	if !ok {
		return fmt.Errorf("the answer has no %s: %s", e.JSONPath, excerpt(body))
	}
	if e.Equals == nil {
		return nil
	}
	got, isString := v.(string)
	if !isString {
		b, _ := json.Marshal(v)
		got = string(b)
	}
	if got != *e.Equals {
		return fmt.Errorf("%s is %s, want %q", e.JSONPath, strings.TrimSpace(got), *e.Equals)
	}
	return nil
}

// excerpt quotes the start of an answer for a message.
func excerpt(body []byte) string {
	const n = 200
	if len(body) > n {
		return fmt.Sprintf("%q...", body[:n])
	}
	return fmt.Sprintf("%q", body)
}
