package awscmd

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// TestPlanTarget: --target plans one resource and what it depends on, nothing else.
func TestPlanTarget(t *testing.T) {
	code, out, stderr := run(demoArgs("--target", "endpoint/Churn-Prod")...)
	if code != lintcmd.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Endpoint churn-prod", "EndpointConfig churn-prod", "Model churn-v8", "Model churn-v9"} {
		if !strings.Contains(out, want) {
			t.Errorf("the targeted plan lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sentiment") {
		t.Errorf("the targeted plan holds another endpoint's resources:\n%s", out)
	}
	code, out, _ = run(demoArgs("--target", "Model/churn-v9")...)
	if code != lintcmd.ExitOK || strings.Contains(out, "Endpoint") || !strings.Contains(out, "Model churn-v9") {
		t.Errorf("a model target plans the model alone: exit %d\n%s", code, out)
	}
	for args, want := range map[string]string{
		"Endpoint/churn-prd":  `--target Endpoint/churn-prd: no endpoint named "churn-prd" in the manifests (did you mean Endpoint/churn-prod?)`,
		"Endpont/churn-prod":  `unknown kind "Endpont" (did you mean Endpoint/churn-prod?)`,
		"churn-prod":          "write KIND/NAME, e.g. Endpoint/churn-prod",
		"Endpoint/x --prune":  "--prune with --target would delete every owned resource outside the target",
		"ScalingPolicy/p":     `no scaling policy named "p" in the manifests`,
		"endpoint-config/zzz": "no endpoint config named",
	} {
		a := strings.Fields(args)
		code, _, stderr := run(demoArgs(append([]string{"--target", a[0]}, a[1:]...)...)...)
		if code != lintcmd.ExitFindings || !strings.Contains(stderr, want) {
			t.Errorf("--target %s: exit %d, stderr %q, want %q", args, code, stderr, want)
		}
	}
}
