package apply

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
)

// testPoll is the production polling schedule (see New).
var testPoll = Backoff{Start: time.Second, Cap: DefaultPollMax, Factor: 2}

func newWaiter(api API, clock Clock) *Waiter {
	return &Waiter{API: api, Clock: clock, Poll: testPoll, Visible: Backoff{Start: 100 * time.Millisecond, Cap: time.Second, Factor: 2},
		Timeout: time.Hour, VisibleTimeout: time.Minute}
}

func TestConfigVisibleAfterStaleReads(t *testing.T) {
	api, clock := newFakeAPI(), newFakeClock()
	api.addConfig("c1", true)
	api.hiddenConfig["c1"] = 3
	if err := newWaiter(api, clock).ConfigVisible(context.Background(), "c1"); err != nil {
		t.Fatal(err)
	}
	if got := api.count("DescribeEndpointConfig"); got != 4 {
		t.Errorf("DescribeEndpointConfig calls = %d, want 4 (3 stale reads + 1)", got)
	}
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}
	if !equalDurations(clock.slept, want) {
		t.Errorf("sleeps = %v, want %v", clock.slept, want)
	}
}

func TestConfigVisibleGivesUp(t *testing.T) {
	api, clock := newFakeAPI(), newFakeClock()
	err := newWaiter(api, clock).ConfigVisible(context.Background(), "ghost")
	if err == nil || !strings.Contains(err.Error(), `endpoint config "ghost" was created but is still not readable after 1m0s`) {
		t.Fatalf("err = %v", err)
	}
	if clock.Now().Sub(newFakeClock().Now()) > time.Minute {
		t.Errorf("waited %v, beyond the 1m visibility timeout", clock.Now().Sub(newFakeClock().Now()))
	}
}

func TestModelVisibleOtherErrorNotRetried(t *testing.T) {
	api := &erroringAPI{err: &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "no"}}
	err := newWaiter(api, newFakeClock()).ModelVisible(context.Background(), "m")
	if err == nil || !strings.Contains(err.Error(), `reading back model "m"`) || api.n != 1 {
		t.Fatalf("err = %v after %d calls, want one failed call", err, api.n)
	}
}

type erroringAPI struct {
	API
	err error
	n   int
}

func (e *erroringAPI) DescribeModel(context.Context, *sagemaker.DescribeModelInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error) {
	e.n++
	return nil, e.err
}

// scripted answers DescribeEndpoint with the statuses in order, repeating the last.
func scripted(api *fakeAPI, reason string, statuses ...types.EndpointStatus) {
	api.onDescribeEndpoint = func(name string, n int) (*sagemaker.DescribeEndpointOutput, error) {
		s := statuses[min(n, len(statuses))-1]
		if s == "" {
			return nil, notFound("endpoint")
		}
		out := &sagemaker.DescribeEndpointOutput{EndpointName: aws.String(name), EndpointStatus: s}
		if s == types.EndpointStatusFailed || s == types.EndpointStatusUpdateRollbackFailed {
			out.FailureReason = aws.String(reason)
		}
		return out, nil
	}
}

func TestEndpointWait(t *testing.T) {
	tests := []struct {
		name     string
		statuses []types.EndpointStatus
		kind     Kind   // "" means success
		message  string // in the error
		calls    int
	}{
		{"creating then in service", []types.EndpointStatus{"Creating", "Creating", "InService"}, "", "", 3},
		{"not yet readable after create", []types.EndpointStatus{"", "Creating", "InService"}, "", "", 3},
		{"all pending statuses", []types.EndpointStatus{"Updating", "SystemUpdating", "RollingBack", "InService"}, "", "", 4},
		{"failed", []types.EndpointStatus{"Creating", "Failed"}, KindFailed, `Failed: FailureReason "ping health check"`, 2},
		{"update rollback failed", []types.EndpointStatus{"Updating", "UpdateRollbackFailed"}, KindHardStop, "needs a human", 2},
		{"deleted underneath", []types.EndpointStatus{"Creating", "Deleting"}, KindUnexpected, "is Deleting, not InService", 2},
		{"timeout", []types.EndpointStatus{"Creating"}, KindTimeout, "still Creating after the 1h0m0s wait timeout", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, clock := newFakeAPI(), newFakeClock()
			scripted(api, "ping health check", tt.statuses...)
			rec := &recordingProgress{}
			w := newWaiter(api, clock)
			w.Progress = rec
			out, err := w.Endpoint(context.Background(), "ep")
			if tt.kind == "" {
				if err != nil || out.EndpointStatus != types.EndpointStatusInService {
					t.Fatalf("got %v, %v; want InService", out, err)
				}
			} else {
				var e *Error
				if !errors.As(err, &e) || e.Kind != tt.kind || !strings.Contains(err.Error(), tt.message) {
					t.Fatalf("err = %v, want kind %s containing %q", err, tt.kind, tt.message)
				}
			}
			if tt.calls > 0 && api.count("DescribeEndpoint") != tt.calls {
				t.Errorf("DescribeEndpoint calls = %d, want %d", api.count("DescribeEndpoint"), tt.calls)
			}
			if !rec.done["ep"] {
				t.Error("progress was not told the wait ended")
			}
		})
	}
}

// TestEndpointWaitEndsWithinOnePollInterval checks the backoff cap: however long the endpoint
// takes, the wait returns at most one (capped) interval after it reached InService.
func TestEndpointWaitEndsWithinOnePollInterval(t *testing.T) {
	for _, ready := range []time.Duration{0, 5 * time.Second, 95 * time.Second, 17 * time.Minute} {
		api, clock := newFakeAPI(), newFakeClock()
		start := clock.Now()
		api.onDescribeEndpoint = func(name string, _ int) (*sagemaker.DescribeEndpointOutput, error) {
			s := types.EndpointStatusCreating
			if clock.Now().Sub(start) >= ready {
				s = types.EndpointStatusInService
			}
			return &sagemaker.DescribeEndpointOutput{EndpointName: aws.String(name), EndpointStatus: s}, nil
		}
		if _, err := newWaiter(api, clock).Endpoint(context.Background(), "ep"); err != nil {
			t.Fatal(err)
		}
		if late := clock.Now().Sub(start) - ready; late < 0 || late > testPoll.Cap {
			t.Errorf("ready after %v: wait ended %v later, want within %v", ready, late, testPoll.Cap)
		}
	}
}

// TestEndpointAfterWaitsThroughStaleReads: right after an update, reads may still show the
// endpoint as it was (InService, old config, same LastModifiedTime); the wait must not end
// there, but only once the deployment is seen through.
func TestEndpointAfterWaitsThroughStaleReads(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	before := &sagemaker.DescribeEndpointOutput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("old"),
		EndpointStatus: types.EndpointStatusInService, LastModifiedTime: aws.Time(t0)}
	answers := []*sagemaker.DescribeEndpointOutput{before, before,
		{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("old"), EndpointStatus: types.EndpointStatusUpdating, LastModifiedTime: aws.Time(t0.Add(time.Second))},
		{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("new"), EndpointStatus: types.EndpointStatusInService, LastModifiedTime: aws.Time(t0.Add(time.Minute))},
	}
	api, clock := newFakeAPI(), newFakeClock()
	api.onDescribeEndpoint = func(_ string, n int) (*sagemaker.DescribeEndpointOutput, error) {
		return answers[min(n, len(answers))-1], nil
	}
	w := newWaiter(api, clock)
	out, err := w.EndpointAfter(context.Background(), "ep", before)
	if err != nil || aws.ToString(out.EndpointConfigName) != "new" || api.count("DescribeEndpoint") != 4 {
		t.Fatalf("got %v on %q after %d polls", err, aws.ToString(out.EndpointConfigName), api.count("DescribeEndpoint"))
	}
	if err := VerifySwap(before, out, "new"); err != nil {
		t.Error(err)
	}
	// A change that never shows within the visibility timeout ends the wait; the swap check
	// then says no deployment was observed.
	api, clock = newFakeAPI(), newFakeClock()
	api.onDescribeEndpoint = func(string, int) (*sagemaker.DescribeEndpointOutput, error) { return before, nil }
	out, err = newWaiter(api, clock).EndpointAfter(context.Background(), "ep", before)
	var e *Error
	if err != nil || !errors.As(VerifySwap(before, out, "new"), &e) || e.Kind != KindNotDeployed {
		t.Fatalf("never observed: wait %v, verify %v", err, VerifySwap(before, out, "new"))
	}
	if waited := clock.Now().Sub(t0); waited < time.Minute {
		t.Errorf("gave up after %v, before the 1m visibility timeout", waited)
	}
}

func TestEndpointWaitInterrupted(t *testing.T) {
	api, clock := newFakeAPI(), newFakeClock()
	scripted(api, "", "Updating")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newWaiter(api, clock).Endpoint(ctx, "ep")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindInterrupted || !strings.Contains(err.Error(), "stopped waiting while Updating") {
		t.Fatalf("err = %v", err)
	}
}

func TestBackoff(t *testing.T) {
	b := Backoff{Start: time.Second, Cap: 5 * time.Second, Factor: 2}
	var got []time.Duration
	var d time.Duration
	for range 5 {
		d = b.Next(d)
		got = append(got, d)
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	if !equalDurations(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if d := (Backoff{}).Next(0); d != time.Millisecond {
		t.Errorf("zero Backoff first delay = %v, want 1ms (never a busy loop)", d)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type recordingProgress struct {
	updates []Status
	done    map[string]bool
}

func (r *recordingProgress) Update(s Status) { r.updates = append(r.updates, s) }
func (r *recordingProgress) Done(ep string) {
	if r.done == nil {
		r.done = map[string]bool{}
	}
	r.done[ep] = true
}

func (r *recordingProgress) Print(string) {}

func TestPendingText(t *testing.T) {
	p := &types.PendingDeploymentSummary{EndpointConfigName: aws.String("c2"), ProductionVariants: []types.PendingProductionVariantSummary{
		{VariantName: aws.String("a"), CurrentInstanceCount: aws.Int32(1), DesiredInstanceCount: aws.Int32(2),
			VariantStatus: []types.ProductionVariantStatus{{Status: types.VariantStatusCreating}, {Status: types.VariantStatusBaking}}},
		{VariantName: aws.String("b")},
	}}
	if got, want := pendingText(p), "→ c2 a 1/2 Baking b 0/0"; got != want {
		t.Errorf("pendingText = %q, want %q", got, want)
	}
	if got := pendingText(nil); got != "" {
		t.Errorf("pendingText(nil) = %q", got)
	}
}

func TestEndpointGone(t *testing.T) {
	tests := []struct {
		name     string
		statuses []types.EndpointStatus
		message  string // "" means gone
	}{
		{"deleted", []types.EndpointStatus{"Deleting", "Deleting", ""}, ""},
		{"already gone", []types.EndpointStatus{""}, ""},
		{"failed to delete", []types.EndpointStatus{"Deleting", "Failed"}, `Failed: FailureReason "boom"`},
		{"stuck", []types.EndpointStatus{"Deleting"}, "still Deleting after the 1h0m0s wait timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI()
			scripted(api, "boom", tt.statuses...)
			err := newWaiter(api, newFakeClock()).EndpointGone(context.Background(), "ep")
			if tt.message == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("err = %v, want %q", err, tt.message)
			}
		})
	}
}

// TestEndpointWaitRunsToTheDeadline: --wait-timeout 14s with polls at 0, 1, 3 and 7 s gave
// up at 7 s (the next backoff step, 15 s, was past the deadline) while the endpoint was
// InService at 9 s. The last poll is made at the deadline.
func TestEndpointWaitRunsToTheDeadline(t *testing.T) {
	for _, tt := range []struct {
		ready time.Duration
		ok    bool
	}{{9 * time.Second, true}, {14 * time.Second, true}, {15 * time.Second, false}} {
		api, clock := newFakeAPI(), newFakeClock()
		start := clock.Now()
		api.onDescribeEndpoint = func(name string, _ int) (*sagemaker.DescribeEndpointOutput, error) {
			s := types.EndpointStatusCreating
			if clock.Now().Sub(start) >= tt.ready {
				s = types.EndpointStatusInService
			}
			return &sagemaker.DescribeEndpointOutput{EndpointName: aws.String(name), EndpointStatus: s}, nil
		}
		w := newWaiter(api, clock)
		w.Timeout = 14 * time.Second
		_, err := w.Endpoint(context.Background(), "ep")
		if (err == nil) != tt.ok {
			t.Errorf("ready at %v, 14s timeout: err = %v, want ok %v", tt.ready, err, tt.ok)
		}
		if elapsed := clock.Now().Sub(start); elapsed != 14*time.Second {
			t.Errorf("ready at %v: the wait ended at %v, want at the 14s deadline (polls 0, 1, 3, 7, 14 s)", tt.ready, elapsed)
		}
		if !tt.ok && (err == nil || !strings.Contains(err.Error(), "still Creating after the 14s wait timeout")) {
			t.Errorf("err = %v", err)
		}
	}
}
