package awsclient

import (
	"context"
	"strings"
	"testing"

	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

// Connect names the account of the credentials (STS at --endpoint-url), and refuses to go
// on when STS fails.
func TestConnect(t *testing.T) {
	for k, v := range map[string]string{"AWS_CONFIG_FILE": t.TempDir() + "/none", "AWS_SHARED_CREDENTIALS_FILE": t.TempDir() + "/none",
		"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": ""} {
		t.Setenv(k, v)
	}
	emu, err := emulator.Start(emulator.Options{Account: "210987654321", Region: "eu-west-1"})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	ctx := context.Background()
	clients, w, err := Connect(ctx, Options{Region: "eu-west-1", EndpointURL: emu.URL(), MaxAttempts: 1})
	if err != nil || clients.SageMaker == nil || clients.Autoscaling == nil {
		t.Fatalf("Connect: %+v, %v", clients, err)
	}
	// The Application Auto Scaling client goes to --endpoint-url too.
	if _, err := clients.Autoscaling.DescribeScalableTargets(ctx, &aas.DescribeScalableTargetsInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker}); err != nil {
		t.Errorf("DescribeScalableTargets: %v", err)
	}
	if n := emu.Calls("AnyScaleFrontendService.DescribeScalableTargets"); n != 1 {
		t.Errorf("the emulator saw %d DescribeScalableTargets calls, want 1", n)
	}
	if want := (Where{Account: "210987654321", Region: "eu-west-1", EndpointURL: emu.URL()}); w != want {
		t.Errorf("Where = %+v, want %+v", w, want)
	}
	emu.Inject(emulator.Fault{Kind: emulator.Denied, Op: "GetCallerIdentity"})
	_, _, err = Connect(ctx, Options{Region: "eu-west-1", EndpointURL: emu.URL(), MaxAttempts: 1})
	for _, want := range []string{"sts:GetCallerIdentity at " + emu.URL(), "AccessDeniedException", "no SageMaker call in an account it cannot name"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("STS denied: err = %v, want it to say %q", err, want)
		}
	}
	if n := emu.Calls("DescribeEndpoint") + emu.Calls("ListEndpoints"); n != 0 {
		t.Errorf("%d SageMaker calls", n)
	}
}
