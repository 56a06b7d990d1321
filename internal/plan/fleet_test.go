package plan_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/awsclient"
	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// fleet is n endpoints, each with its own config and model, live in an emulator on
// the wall clock, and the manifests that describe them exactly.
type fleet struct {
	srv    *emulator.Server
	client *sagemaker.Client
	set    *manifest.Set
	n      int
}

func newFleet(tb testing.TB, n, workers int) *fleet {
	tb.Helper()
	srv, err := emulator.Start(emulator.Options{CreateDuration: time.Millisecond, UpdateDuration: time.Millisecond, DeleteDuration: time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = srv.Close() })
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }}
	client := awsclient.NewFromConfig(cfg, awsclient.Options{EndpointURL: srv.URL(), Concurrency: workers})
	ctx := context.Background()
	owned := func(id string) []types.Tag {
		return []types.Tag{{Key: aws.String(plan.TagManagedBy), Value: aws.String(plan.ManagedByValue)},
			{Key: aws.String(plan.TagLogicalID), Value: aws.String(id)}, {Key: aws.String("team"), Value: aws.String("churn")}}
	}
	var docs strings.Builder
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("svc-%04d", i)
		model := &sagemaker.CreateModelInput{ModelName: aws.String(name), ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/sagemaker-execution"),
			PrimaryContainer: &types.ContainerDefinition{Image: aws.String("763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1"),
				ModelDataUrl: aws.String("s3://acme-models/" + name + "/model.tar.gz")}, Tags: owned(name)}
		if _, err := client.CreateModel(ctx, model); err != nil {
			tb.Fatal(err)
		}
		config := &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String(name), Tags: owned(name),
			ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("main"), ModelName: aws.String(name),
				InstanceType: types.ProductionVariantInstanceTypeMlM5Large, InitialInstanceCount: aws.Int32(1)}}}
		if _, err := client.CreateEndpointConfig(ctx, config); err != nil {
			tb.Fatal(err)
		}
		if _, err := client.CreateEndpoint(ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String(name), EndpointConfigName: aws.String(name), Tags: owned(name)}); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&docs, `---
kind: Model
ModelName: %[1]s
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker-execution
PrimaryContainer:
  Image: 763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1.7-1
  ModelDataUrl: s3://acme-models/%[1]s/model.tar.gz
Tags: [{Key: team, Value: churn}]
---
kind: EndpointConfig
EndpointConfigName: %[1]s
ProductionVariants:
  - {VariantName: main, ModelName: %[1]s, InstanceType: ml.m5.large, InitialInstanceCount: 1}
Tags: [{Key: team, Value: churn}]
---
kind: Endpoint
EndpointName: %[1]s
EndpointConfigName: %[1]s
Tags: [{Key: team, Value: churn}]
`, name)
	}
	time.Sleep(5 * time.Millisecond) // endpoints leave Creating
	f, ds, fs := manifest.Parse("fleet.yaml", []byte(docs.String()))
	if len(fs) > 0 {
		tb.Fatalf("fleet manifests: %v", fs)
	}
	srv.ResetCalls()
	return &fleet{srv: srv, client: client, set: &manifest.Set{Files: []*manifest.File{f}, Docs: ds}, n: n}
}

// minCalls is the fewest reads a plan of the fleet can make: one Describe* and one
// ListTags per resource.
func (f *fleet) minCalls() int { return 6 * f.n }

func (f *fleet) plan(tb testing.TB, workers int) *plan.Plan {
	tb.Helper()
	p, err := plan.Build(context.Background(), f.set, &live.API{Client: f.client}, plan.Options{Concurrency: workers})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func totalCalls(s *emulator.Server) int {
	n := 0
	for _, c := range s.CallCounts() {
		n += c
	}
	return n
}

// TestFleetReadsAreMinimal: planning an unchanged fleet makes exactly one Describe*
// and one ListTags per resource, and finds no changes.
func TestFleetReadsAreMinimal(t *testing.T) {
	f := newFleet(t, 20, 8)
	p := f.plan(t, 8)
	if p.HasChanges() {
		t.Fatalf("unchanged fleet has changes:\n%s", renderText(t, p))
	}
	counts := f.srv.CallCounts()
	for _, op := range []string{"DescribeModel", "DescribeEndpointConfig", "DescribeEndpoint"} {
		if counts[op] != f.n {
			t.Errorf("%s called %d times, want %d", op, counts[op], f.n)
		}
	}
	if counts["ListTags"] != 3*f.n || totalCalls(f.srv) != f.minCalls() {
		t.Errorf("calls = %v, want %d in all", counts, f.minCalls())
	}
	if len(p.Fingerprints) != 3*f.n {
		t.Errorf("%d fingerprints, want %d", len(p.Fingerprints), 3*f.n)
	}
}

// BenchmarkPlan500 plans 500 endpoints with their configs and models against the
// emulator answering each call after 50 ms, with 50 calls at once. It fails unless
// the calls equal the minimum, and reports the wall time against the bound
// calls × latency / concurrency (target: ratio ≤ 1.2).
func BenchmarkPlan500(b *testing.B) {
	const (
		n       = 500
		latency = 50 * time.Millisecond
		workers = 50
	)
	f := newFleet(b, n, workers)
	f.srv.Inject(emulator.Fault{Kind: emulator.Latency, Delay: latency})
	b.ResetTimer()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		f.srv.ResetCalls()
		start := time.Now()
		p := f.plan(b, workers)
		elapsed += time.Since(start)
		if p.HasChanges() {
			b.Fatal("unchanged fleet has changes")
		}
		if got := totalCalls(f.srv); got != f.minCalls() {
			b.Fatalf("%d API calls, want the minimum %d", got, f.minCalls())
		}
	}
	bound := time.Duration(f.minCalls()) * latency / workers
	per := elapsed / time.Duration(b.N)
	b.ReportMetric(float64(f.minCalls()), "calls/op")
	b.ReportMetric(bound.Seconds(), "bound-s")
	b.ReportMetric(per.Seconds()/bound.Seconds(), "x-bound")
}
