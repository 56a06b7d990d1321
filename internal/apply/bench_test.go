package apply

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/emulator"
)

// benchCreate is the simulated time an endpoint takes to create.
const benchCreate = 300 * time.Millisecond

// benchPoll caps the polling interval, so a wait ends at most this long after InService.
const benchPoll = 10 * time.Millisecond

// fleetSteps creates n endpoints, each with its own model and config.
func fleetSteps(b testing.TB, n int) []Step {
	var steps []Step
	for i := range n {
		m, c, e := fmt.Sprintf("m%02d", i), fmt.Sprintf("c%02d", i), fmt.Sprintf("ep%02d", i)
		steps = append(steps, createModel(m), createConfig(c, m), createEndpoint(e, c))
	}
	return planned(b, steps...)
}

// applyFleet applies n endpoints to a fresh wall-clock emulator and returns the elapsed time.
func applyFleet(b *testing.B, n, parallelism int) time.Duration {
	b.Helper()
	emu, err := emulator.New(emulator.Options{CreateDuration: benchCreate})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	defer srv.Close()
	client := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	rec := &Recorder{Clock: RealClock{}}
	x := New(rec.Instrument(client, Retryer(8, 10*time.Millisecond)), RealClock{}, nil,
		Options{Parallelism: parallelism, PollMax: benchPoll})
	start := time.Now()
	if res := x.Run(context.Background(), fleetSteps(b, n)); !res.OK() {
		b.Fatalf("apply failed: %+v", res.Steps)
	}
	return time.Since(start)
}

// BenchmarkApply50Endpoints applies 50 independent endpoints (model, config, endpoint each)
// whose creation takes 300 ms, and reports the total against the critical path: the time
// to apply one of them alone.
func BenchmarkApply50Endpoints(b *testing.B) {
	for _, p := range []int{10, 50} {
		b.Run(fmt.Sprintf("parallelism=%d", p), func(b *testing.B) {
			var total, critical time.Duration
			for range b.N {
				critical += applyFleet(b, 1, 1)
				total += applyFleet(b, 50, p)
			}
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "total-ms")
			b.ReportMetric(float64(critical.Milliseconds())/float64(b.N), "critical-path-ms")
		})
	}
}
