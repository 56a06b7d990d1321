package clitest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulatortest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestPlanScenariosConverge replays the plan scenarios of testdata/plan on the emulator:
// their live state is created there, then apply and plan (with the scenario's flags) must
// leave no changes. Scenarios whose live endpoint is Updating or Failed are skipped here:
// this test seeds every endpoint InService, apply refuses to touch an Updating one by
// design (see TestApplyBusyEndpointIsNotTouched), and a Failed one's recovery is tested in
// failed_test.go; exact-config-in-use and projects (another project's endpoint) are plans
// the planner blocks; TestCLIProjects applies the projects scenario.
func TestPlanScenariosConverge(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "plan", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	skip := map[string]bool{"endpoint-updating": true, "endpoint-failed-prune": true, "endpoint-failed-recreate": true, "exact-config-in-use": true, "projects": true}
	ran := 0
	for _, dir := range dirs {
		name := filepath.Base(dir)
		if skip[name] {
			continue
		}
		ran++
		t.Run(name, func(t *testing.T) {
			c := newCLIEnv(t)
			seed(t, c.url, filepath.Join(dir, "live"))
			args := scenarioArgs(t, dir)
			code, out := c.run(append(append([]string{"apply", "--auto-approve", "--poll-max", "5ms", "--retry-max-backoff", "5ms"}, args...),
				filepath.Join(dir, "manifests"))...)
			if code != 0 || strings.Contains(out, "Apply complete") == (name == "no-changes") {
				t.Fatalf("apply: exit %d\n%s", code, out)
			}
			code, out = c.run(append(append([]string{"plan", "--detailed-exitcode"}, args...), filepath.Join(dir, "manifests"))...)
			if code != 0 || !strings.Contains(out, "no changes") {
				t.Fatalf("plan after apply: exit %d\n%s", code, out)
			}
		})
	}
	if ran < 5 {
		t.Errorf("only %d scenarios ran", ran)
	}
}

// scenarioArgs turns a scenario's args file (prune, naming=hashed) into flags.
func scenarioArgs(t *testing.T, dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "args"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	for _, f := range strings.Fields(string(data)) {
		flags = append(flags, "--"+f)
	}
	return flags
}

// seed creates the resources of a --live-dir snapshot on the emulator and waits until every
// endpoint serves with the snapshot's desired weights.
func seed(t *testing.T, url, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return // nothing live yet
	}
	d, err := live.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw := sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	scaling := aas.New(aas.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	emulatortest.Seeder{Client: raw, Autoscaling: scaling, Settle: func(t testing.TB, endpoints []string) {
		for _, e := range endpoints {
			waitInService(t, raw, e)
		}
	}}.Seed(t, d)
}

func waitInService(t testing.TB, raw *sagemaker.Client, name string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		out, err := raw.DescribeEndpoint(context.Background(), &sagemaker.DescribeEndpointInput{EndpointName: &name})
		if err == nil && out.EndpointStatus == types.EndpointStatusInService {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("seeded endpoint %s not InService after 20s: %v", name, err)
		}
		time.Sleep(time.Millisecond)
	}
}
