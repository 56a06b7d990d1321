package plan_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/emulatortest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// transition is how long endpoint operations take in the emulator (fake time).
const transition = time.Minute

// emu is an emulator on a fake clock with an SDK client pointed at it.
type emu struct {
	srv    *emulator.Server
	clock  *emulator.FakeClock
	client *sagemaker.Client
	// scaling is the Application Auto Scaling client, pointed at the same emulator.
	scaling *aas.Client
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
	scaling := aas.NewFromConfig(cfg, func(o *aas.Options) {
		o.BaseEndpoint, o.HTTPClient = aws.String(srv.URL()), &http.Client{Transport: tr}
	})
	return &emu{srv: srv, clock: clock, client: client, scaling: scaling}
}

// seed creates a snapshot's resources in the emulator, through the API.
func (e *emu) seed(t testing.TB, d *live.Dir) {
	t.Helper()
	emulatortest.Seeder{Client: e.client, Autoscaling: e.scaling,
		Settle: func(testing.TB, []string) { e.clock.Advance(transition + time.Second) },
		Fail: func(endpoint, reason string) {
			e.srv.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: endpoint, Reason: reason})
		},
	}.Seed(t, d)
	e.srv.ResetCalls()
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
			fromAPI, err := plan.Build(context.Background(), sc.set, &live.API{Client: e.client, Autoscaling: e.scaling}, sc.opt)
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

// writes counts the calls that are not Describe*, List* or ListTags (of SageMaker or, with
// its X-Amz-Target prefix, Application Auto Scaling).
func writes(counts map[string]int) int {
	n := 0
	for op, c := range counts {
		op = strings.TrimPrefix(op, "AnyScaleFrontendService.")
		if !(len(op) > 8 && op[:8] == "Describe" || len(op) > 4 && op[:4] == "List") {
			n += c
		}
	}
	return n
}
