package awscmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/lintcmd"
)

// churnWorld has what testdata/plan/create-all's churn.yaml names: its role, image and
// artifact, and a quota of 4 ml.m5.xlarge.
func churnWorld() emulator.World {
	return emulator.World{
		Roles:   map[string]string{"sagemaker-execution": ""},
		Images:  map[string][]string{"xgboost-inference": {"1.7-1"}},
		Objects: map[string][]string{"acme-models": {"churn/v9/model.tar.gz"}},
		Quotas:  map[string]float64{"ml.m5.xlarge": 4},
	}
}

// seededEmulator starts an emulator holding w, with the AWS environment pointed at nothing else.
func seededEmulator(t *testing.T, w emulator.World) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	srv.Seed(w)
	emulatorEnv(t)
	return srv
}

// emulatorEnv points the standard credential chain at fake keys and nothing else.
func emulatorEnv(t *testing.T) {
	t.Helper()
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_REGION", "")
}

// churnManifest writes churn.yaml with the replacements old → new applied and returns its path.
func churnManifest(t *testing.T, oldnew ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(scenarios, "create-all", "manifests", "churn.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "churn.yaml")
	if err := os.WriteFile(path, []byte(strings.NewReplacer(oldnew...).Replace(string(b))), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPreflightPassesAndShowsCapacity: everything churn.yaml names exists, so the plan shows a
// clean preflight and the capacity it needs against the applied quota.
func TestPreflightPassesAndShowsCapacity(t *testing.T) {
	srv := seededEmulator(t, churnWorld())
	code, out, stderr := run("plan", "--endpoint-url", srv.URL(), churnManifest(t))
	if code != lintcmd.ExitOK || !strings.Contains(out, "Preflight: 0 error(s), 0 warning(s), 0 note(s)") ||
		!strings.Contains(out, "ml.m5.xlarge: 2 needed, quota 4 (applied): endpoint churn-prod: 2 new") {
		t.Fatalf("exit %d, stdout %s, stderr %s", code, out, stderr)
	}
	if srv.Calls("GetRole") != 1 || srv.Calls("DescribeImages") != 1 || srv.Calls("HeadObject") != 1 || srv.Calls("GetServiceQuota") != 1 {
		t.Errorf("preflight calls: %v", srv.CallCounts())
	}
}

// rollbackAlarm gives churn.yaml's endpoint an auto-rollback alarm, churn-5xx, at line 25.
const rollbackAlarm = `EndpointName: churn-prod
DeploymentConfig:
  AutoRollbackConfiguration:
    Alarms:
      - AlarmName: churn-5xx
`

// TestPreflightChecksTheRollbackAlarm: an alarm that exists passes, and is asked once.
func TestPreflightChecksTheRollbackAlarm(t *testing.T) {
	w := churnWorld()
	w.Alarms = []string{"churn-5xx"}
	srv := seededEmulator(t, w)
	code, out, stderr := run("plan", "--endpoint-url", srv.URL(), churnManifest(t, "EndpointName: churn-prod\n", rollbackAlarm))
	if code != lintcmd.ExitOK || !strings.Contains(out, "Preflight: 0 error(s), 0 warning(s), 0 note(s)") || srv.Calls("DescribeAlarms") != 1 {
		t.Fatalf("exit %d, %d DescribeAlarms calls\nstdout %s\nstderr %s", code, srv.Calls("DescribeAlarms"), out, stderr)
	}
}

// TestPreflightFailsThePlanAtTheManifestLine is the done: a wrong role, a missing tag,
// a missing artifact or too low a quota fails the plan at the line, before any deploy call.
func TestPreflightFailsThePlanAtTheManifestLine(t *testing.T) {
	for _, c := range []struct {
		name   string
		oldnew []string
		world  func(*emulator.World)
		want   string
	}{
		{"wrong role", []string{"role/sagemaker-execution", "role/sagemaker-exec"}, nil,
			":3:19: error: execution role arn:aws:iam::123456789012:role/sagemaker-exec does not exist"},
		{"role SageMaker cannot assume", nil, func(w *emulator.World) {
			w.Roles["sagemaker-execution"] = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
		}, ":3:19: error: execution role arn:aws:iam::123456789012:role/sagemaker-execution cannot be assumed by SageMaker"},
		{"missing tag", []string{"xgboost-inference:1.7-1", "xgboost-inference:1.7-2"}, nil,
			":5:10: error: image xgboost-inference:1.7-2 does not exist in ECR repository xgboost-inference in us-east-1"},
		{"missing artifact", []string{"churn/v9/", "churn/v8/"}, nil,
			":6:17: error: model artifact s3://acme-models/churn/v8/model.tar.gz does not exist"},
		{"missing rollback alarm", []string{"EndpointName: churn-prod\n", rollbackAlarm}, func(w *emulator.World) { w.Alarms = []string{"churn-latency"} },
			":25:20: error: CloudWatch alarm churn-5xx does not exist in us-east-1: the deployment could not watch it to roll back"},
		{"low quota", nil, func(w *emulator.World) { w.Quotas["ml.m5.xlarge"] = 1 },
			`:15:19: error: the deployment needs 2 ml.m5.xlarge at its peak (endpoint churn-prod: 2 new) but the account's quota "ml.m5.xlarge for endpoint usage" is 1 (applied)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := churnWorld()
			if c.world != nil {
				c.world(&w)
			}
			srv := seededEmulator(t, w)
			manifest := churnManifest(t, c.oldnew...)
			saved := filepath.Join(t.TempDir(), "plan.json")
			code, out, stderr := run("plan", "--endpoint-url", srv.URL(), "--out", saved, manifest)
			if code != lintcmd.ExitFindings || !strings.Contains(out, manifest+c.want) ||
				!strings.Contains(stderr, "preflight found 1 error(s)") || !strings.Contains(stderr, saved+" was not written") {
				t.Fatalf("exit %d\nstdout %s\nstderr %s\nwant %s%s", code, out, stderr, manifest, c.want)
			}
			if _, err := os.Stat(saved); err == nil {
				t.Errorf("--out was written for a plan preflight refused")
			}
			code, _, stderr = run("apply", "--endpoint-url", srv.URL(), "--auto-approve", manifest)
			if code != lintcmd.ExitFindings || !strings.Contains(stderr, "preflight found 1 error(s)") || srv.Calls("CreateModel") != 0 {
				t.Errorf("apply: exit %d, stderr %s, %d CreateModel calls; want refused before any call", code, stderr, srv.Calls("CreateModel"))
			}
			code, out, _ = run("plan", "--endpoint-url", srv.URL(), "--no-preflight", manifest)
			if code != lintcmd.ExitOK || !strings.Contains(out, "Preflight: not run (--no-preflight).") {
				t.Errorf("--no-preflight: exit %d, stdout %s", code, out)
			}
		})
	}
}

// TestPreflightAccessDeniedWarns: a denied check is a warning naming the permission, and the
// plan goes on.
func TestPreflightAccessDeniedWarns(t *testing.T) {
	srv := seededEmulator(t, churnWorld())
	srv.Inject(emulator.Fault{Kind: emulator.Denied, Op: "GetRole"})
	code, out, stderr := run("plan", "--endpoint-url", srv.URL(), "--format", "json", churnManifest(t))
	if code != lintcmd.ExitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var doc struct {
		Preflight struct {
			Ran      bool
			Findings []struct{ Rule, Severity, Message, File string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Preflight.Findings
	if !doc.Preflight.Ran || len(f) != 1 || f[0].Rule != "preflight-not-checked" || f[0].Severity != "warning" || !strings.Contains(f[0].Message, "lacks iam:GetRole") {
		t.Errorf("JSON preflight = %+v", doc.Preflight)
	}
}

// TestLiveDirPlanSaysPreflightDidNotRun: an offline plan has no API to check against.
func TestLiveDirPlanSaysPreflightDidNotRun(t *testing.T) {
	code, out, stderr := run(demoArgs()...)
	if code != lintcmd.ExitOK || !strings.Contains(out, "Preflight: not run (a --live-dir plan reads no AWS API).") {
		t.Errorf("exit %d, stdout %s, stderr %s", code, out, stderr)
	}
}

// TestApplySavedPlanChecksAgain: apply PLANFILE runs preflight again, since the account may
// have changed since the plan (a quota lowered) or the plan skipped it (--no-preflight); its
// findings are at the lines of the plan file, and an error stops apply before any call.
func TestApplySavedPlanChecksAgain(t *testing.T) {
	for _, c := range []struct {
		name      string
		oldnew    []string
		planFlags []string
		drift     emulator.World
		field     string // the saved call input's field the finding is at
		want      string
	}{
		{"quota lowered since the plan", nil, nil, emulator.World{Quotas: map[string]float64{"ml.m5.xlarge": 1}},
			`"InstanceType"`, `error: the deployment needs 2 ml.m5.xlarge at its peak`},
		{"plan made with --no-preflight", []string{"role/sagemaker-execution", "role/sagemaker-exec"}, []string{"--no-preflight"}, emulator.World{},
			`"ExecutionRoleArn"`, "error: execution role arn:aws:iam::123456789012:role/sagemaker-exec does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := seededEmulator(t, churnWorld())
			saved := filepath.Join(t.TempDir(), "plan.json")
			args := append(append([]string{"plan", "--endpoint-url", srv.URL(), "--out", saved}, c.planFlags...), churnManifest(t, c.oldnew...))
			if code, _, stderr := run(args...); code != lintcmd.ExitOK {
				t.Fatalf("plan: exit %d, stderr %s", code, stderr)
			}
			srv.Seed(c.drift)
			code, out, stderr := run("apply", "--endpoint-url", srv.URL(), saved)
			at := saved + ":" + lineCol(t, saved, c.field) + ": " + c.want
			if code != lintcmd.ExitFindings || !strings.Contains(out, at) || !strings.Contains(stderr, "preflight found 1 error(s), each at its call's line of "+saved) {
				t.Fatalf("exit %d\nstdout %s\nstderr %s\nwant %s", code, out, stderr, at)
			}
			if n := srv.Calls("CreateModel"); n != 0 {
				t.Errorf("%d CreateModel calls after preflight refused the plan", n)
			}
			if code, _, stderr := run("apply", "--endpoint-url", srv.URL(), "--no-preflight", saved); code != lintcmd.ExitOK {
				t.Errorf("apply --no-preflight: exit %d, stderr %s", code, stderr)
			}
		})
	}
}

// lineCol is the line:col of the value of the first field named field (quoted) in file.
func lineCol(t *testing.T, file, field string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		if k := strings.Index(line, field+": "); k >= 0 {
			return fmt.Sprintf("%d:%d", i+1, k+len(field)+3)
		}
	}
	t.Fatalf("%s has no field %s", file, field)
	return ""
}

// TestPreflightCountsTheAccountsOtherEndpoints: the quota counts every endpoint of the
// account, so a second endpoint that fits alone fails the plan when the first one holds
// the rest of the quota.
func TestPreflightCountsTheAccountsOtherEndpoints(t *testing.T) {
	w := churnWorld()
	w.Quotas["ml.m5.xlarge"] = 3
	srv := seededEmulator(t, w)
	if code, _, stderr := run("apply", "--endpoint-url", srv.URL(), "--auto-approve", churnManifest(t)); code != lintcmd.ExitOK {
		t.Fatalf("apply: exit %d, stderr %s", code, stderr)
	}
	canary := churnManifest(t, "EndpointName: churn-prod", "EndpointName: churn-canary")
	code, out, stderr := run("plan", "--endpoint-url", srv.URL(), canary)
	want := canary + `:22:21: error: the deployment needs 4 ml.m5.xlarge at its peak (endpoint churn-canary: 2 new; 2 running on the account's other endpoints (churn-prod: 2))`
	if code != lintcmd.ExitFindings || !strings.Contains(out, want) {
		t.Fatalf("exit %d\nstdout %s\nstderr %s\nwant %s", code, out, stderr, want)
	}
}
