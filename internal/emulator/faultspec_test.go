package emulator_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

func install(t *testing.T, e *env, spec string) {
	t.Helper()
	f, err := emulator.ParseFault(spec)
	if err != nil {
		t.Fatalf("ParseFault(%q): %v", spec, err)
	}
	f(e.srv)
}

func TestParseFaultInstallsWhatItSays(t *testing.T) {
	t.Run("throttle", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "throttle:op=ListModels,times=1")
		apiErr(t, e.listModels(), "ThrottlingException", "Rate exceeded")
		if err := e.listModels(); err != nil {
			t.Error(err)
		}
	})
	t.Run("rate", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "throttle:rate=1")
		if err := e.listModels(); err != nil {
			t.Error(err)
		}
		apiErr(t, e.listModels(), "ThrottlingException", "Rate exceeded")
	})
	t.Run("errors", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "error:times=1")
		install(t, e, "error:status=503,times=1")
		apiErr(t, e.listModels(), "InternalFailure", "")
		apiErr(t, e.listModels(), "ServiceUnavailable", "")
	})
	t.Run("latency", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "latency:ms=1500,op=ListModels")
		if err := e.listModels(); err != nil {
			t.Fatal(err)
		}
		if d := e.clock.Now().Sub(epoch); d != 1500*time.Millisecond {
			t.Errorf("clock moved %v", d)
		}
	})
	t.Run("stale", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "stale:op=CreateModel,calls=1")
		e.model(t, "m")
		_, err := e.client.DescribeModel(e.ctx, &sagemaker.DescribeModelInput{ModelName: aws.String("m")})
		apiErr(t, err, "ValidationException", "Could not find model")
	})
	t.Run("rollback", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "rollback-update:endpoint=ep,reason=alarm, then rollback")
		deployed(t, e)
		e.update(t, &sagemaker.UpdateEndpointInput{EndpointConfigName: aws.String("cfg-b")})
		e.clock.Advance(time.Minute)
		d := e.describe(t, "ep")
		if aws.ToString(d.FailureReason) != "alarm, then rollback" || aws.ToString(d.EndpointConfigName) != "cfg-a" {
			t.Errorf("%q on %q", aws.ToString(d.FailureReason), aws.ToString(d.EndpointConfigName))
		}
	})
	t.Run("fail-create", func(t *testing.T) {
		e := newEnv(t)
		install(t, e, "fail-create")
		e.model(t, "a")
		e.config(t, "cfg-a", "a")
		must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("x"), EndpointConfigName: aws.String("cfg-a")}))
		e.clock.Advance(time.Minute)
		if d := e.describe(t, "x"); d.EndpointStatus != types.EndpointStatusFailed || !strings.Contains(aws.ToString(d.FailureReason), "ping health check") {
			t.Errorf("%s %q", d.EndpointStatus, aws.ToString(d.FailureReason))
		}
	})
}

func TestParseFaultErrors(t *testing.T) {
	tests := []struct{ spec, want string }{
		{"throtle", `unknown fault "throtle": did you mean "throttle"?`},
		{"explode", `unknown fault "explode"; the kinds are throttle, error`},
		{"throttle:op=DescribeEndpont", "op=DescribeEndpont is not an operation here: did you mean DescribeEndpoint?"},
		{"throttle:op=Nothing", "op=Nothing is not one of AddTags"},
		{"stale:op=DescribeModel,calls=1", "op=DescribeModel is not one of CreateModel, CreateEndpointConfig, CreateEndpoint"},
		{"throttle:times=-1", "times=-1: want a whole number"},
		{"throttle:times", `"times" is not key=value`},
		{"throttle:times=1,times=2", "times= is given twice"},
		{"throttle:p=2", "p=2: want a probability between 0 and 1"},
		{"throttle:rate=x", "rate=x: want a number"},
		{"error:status=404", "status=404: want 500 or 503"},
		{"error:rate=3", "rate= does not apply to this fault"},
		{"latency", "latency needs ms=MILLISECONDS"},
		{"stale", "stale needs calls=N or ms=MILLISECONDS"},
		{"fail-create:op=CreateEndpoint", "op= does not apply"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := emulator.ParseFault(tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseFault(%q) = %v, want an error containing %q", tt.spec, err, tt.want)
			}
		})
	}
}
