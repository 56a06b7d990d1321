package apply

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// emuClock is apply's Clock on the emulator's fake clock: a wait advances the time endpoint
// transitions run on, so nothing really sleeps.
type emuClock struct{ *emulator.FakeClock }

func (c emuClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

// harness is an emulator whose endpoints take 10 minutes (of fake time) to create or update,
// an instrumented client with a fast retryer, and an executor.
type harness struct {
	emu   *emulator.Server
	clock emuClock
	raw   *sagemaker.Client // uninstrumented, no retries: for setup and checks
	rec   *Recorder
	x     *Executor
	ctx   context.Context
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := emuClock{emulator.NewFakeClock(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))}
	emu, err := emulator.Start(emulator.Options{Clock: clock.FakeClock, CreateDuration: 10 * time.Minute,
		UpdateDuration: 10 * time.Minute, DeleteDuration: 2 * time.Minute, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	raw := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(emu.URL()), Retryer: aws.NopRetryer{},
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	rec := &Recorder{Clock: clock}
	api := rec.Instrument(raw, Retryer(6, time.Millisecond))
	x := New(api, clock, nil, Options{Parallelism: 8, WaitTimeout: time.Hour})
	return &harness{emu: emu, clock: clock, raw: raw, rec: rec, x: x, ctx: context.Background()}
}

func modelInput(name string) *sagemaker.CreateModelInput {
	return &sagemaker.CreateModelInput{ModelName: aws.String(name),
		PrimaryContainer: &types.ContainerDefinition{Image: aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1"), ModelDataUrl: aws.String("s3://models/churn.tar.gz")},
		ExecutionRoleArn: aws.String("arn:aws:iam::123456789012:role/sagemaker")}
}

func configInput(name string, models ...string) *sagemaker.CreateEndpointConfigInput {
	in := &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String(name)}
	for _, m := range models {
		in.ProductionVariants = append(in.ProductionVariants, types.ProductionVariant{VariantName: aws.String("v-" + m), ModelName: aws.String(m),
			InstanceType: types.ProductionVariantInstanceTypeMlM5Xlarge, InitialInstanceCount: aws.Int32(1), InitialVariantWeight: aws.Float32(1)})
	}
	return in
}

func step(kind manifest.Kind, name string, action plan.ActionKind, inputs ...any) Step {
	return Step{Kind: kind, Name: name, Action: action, Inputs: inputs}
}

func createModel(name string) Step { return step(manifest.KindModel, name, "create", modelInput(name)) }

func createConfig(name string, models ...string) Step {
	return step(manifest.KindEndpointConfig, name, "create", configInput(name, models...))
}

func createEndpoint(name, config string) Step {
	return step(manifest.KindEndpoint, name, "create", &sagemaker.CreateEndpointInput{EndpointName: aws.String(name), EndpointConfigName: aws.String(config)})
}

func swapConfig(name, config string) Step {
	return step(manifest.KindEndpoint, name, "swap-config", &sagemaker.UpdateEndpointInput{EndpointName: aws.String(name), EndpointConfigName: aws.String(config)})
}

func deleteConfig(name string) Step {
	return step(manifest.KindEndpointConfig, name, "delete", &sagemaker.DeleteEndpointConfigInput{EndpointConfigName: aws.String(name)})
}

func deleteModel(name string) Step {
	return step(manifest.KindModel, name, "delete", &sagemaker.DeleteModelInput{ModelName: aws.String(name)})
}

// deployed sets up, without apply, model m, config c and endpoint ep on c, InService; owned
// ones carry the ownership tag.
func (h *harness) deployed(t *testing.T, ep, c, m string, owned bool) {
	t.Helper()
	var tags []types.Tag
	if owned {
		tags = h.x.withOwnership(nil)
	}
	mi, ci := modelInput(m), configInput(c, m)
	mi.Tags, ci.Tags = tags, tags
	if _, err := h.raw.CreateModel(h.ctx, mi); err != nil {
		t.Fatal(err)
	}
	if _, err := h.raw.CreateEndpointConfig(h.ctx, ci); err != nil {
		t.Fatal(err)
	}
	if _, err := h.raw.CreateEndpoint(h.ctx, &sagemaker.CreateEndpointInput{EndpointName: &ep, EndpointConfigName: &c, Tags: tags}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(11 * time.Minute)
	if s := h.describe(t, ep).EndpointStatus; s != types.EndpointStatusInService {
		t.Fatalf("setup: %s is %s", ep, s)
	}
	h.emu.ResetCalls()
}

func (h *harness) describe(t *testing.T, ep string) *sagemaker.DescribeEndpointOutput {
	t.Helper()
	out, err := h.raw.DescribeEndpoint(h.ctx, &sagemaker.DescribeEndpointInput{EndpointName: &ep})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (h *harness) configExists(t *testing.T, name string) bool {
	t.Helper()
	_, err := h.raw.DescribeEndpointConfig(h.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
	if err != nil && !IsNotFound(err) {
		t.Fatal(err)
	}
	return err == nil
}

func (h *harness) modelExists(t *testing.T, name string) bool {
	t.Helper()
	_, err := h.raw.DescribeModel(h.ctx, &sagemaker.DescribeModelInput{ModelName: &name})
	if err != nil && !IsNotFound(err) {
		t.Fatal(err)
	}
	return err == nil
}

// states returns each step's state, in order.
func states(r *Result) []State {
	out := make([]State, len(r.Steps))
	for i, o := range r.Steps {
		out[i] = o.State
	}
	return out
}

// planned links hand-built steps as a real apply gets them: through a saved plan, whose
// dependencies the planner computed.
func planned(t testing.TB, steps ...Step) []Step {
	t.Helper()
	p := &plan.Plan{}
	for _, s := range steps {
		a := plan.Action{Kind: s.Action, Resource: s.Kind, Name: s.Name, PhysicalName: s.Name, Blocked: s.Blocked}
		for _, in := range s.Inputs {
			input, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			op := strings.TrimSuffix(reflect.TypeOf(in).Elem().Name(), "Input")
			var c plan.Call
			if err := json.Unmarshal(fmt.Appendf(nil, `{"operation": %q, "input": %s}`, op, input), &c); err != nil {
				t.Fatal(err)
			}
			a.Calls = append(a.Calls, c)
		}
		p.Actions = append(p.Actions, a)
	}
	return Steps(p.Saved())
}
