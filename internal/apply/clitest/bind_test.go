package clitest_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// otherEmulator is a second emulator, in the given account and region, driven with c's AWS
// settings: another account, region or URL than the one a plan was made in.
func (c *cliEnv) otherEmulator(account, region string) *cliEnv {
	c.t.Helper()
	emu, err := emulator.New(emulator.Options{Account: account, Region: region, CreateDuration: 40 * time.Millisecond,
		UpdateDuration: 40 * time.Millisecond, DeleteDuration: 20 * time.Millisecond, Seed: 4})
	if err != nil {
		c.t.Fatal(err)
	}
	srv := httptest.NewServer(emu)
	c.t.Cleanup(srv.Close)
	return &cliEnv{t: c.t, emu: emu, url: srv.URL}
}

// sageMakerCalls counts the SageMaker requests an emulator received (STS not included).
func sageMakerCalls(s *emulator.Server) int {
	n := 0
	for op, k := range s.CallCounts() {
		if op != "GetCallerIdentity" {
			n += k
		}
	}
	return n
}

// savePlan plans dir against c into a file and returns its path.
func (c *cliEnv) savePlan(dir string, extra ...string) string {
	c.t.Helper()
	file := filepath.Join(c.t.TempDir(), "plan.json")
	code, out := c.run(append([]string{"plan", "--naming", "hashed", "--out", file, dir}, extra...)...)
	if code != 0 {
		c.t.Fatalf("plan --out: exit %d\n%s", code, out)
	}
	return file
}

// applyFile runs sagectl apply on a saved plan with fast polling.
func (c *cliEnv) applyFile(file string, extra ...string) (int, string) {
	c.t.Helper()
	return c.run(append([]string{"apply", "--poll-max", "5ms", "--retry-max-backoff", "5ms", file}, extra...)...)
}

// wantRefused asserts an apply exited 1, said every want, and made no SageMaker call.
func wantRefused(t *testing.T, target *cliEnv, code int, out string, want ...string) {
	t.Helper()
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, out)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output does not say %q:\n%s", w, out)
		}
	}
	if n := sageMakerCalls(target.emu); n != 0 {
		t.Errorf("%d SageMaker calls were made (%v), want none before the refusal", n, target.emu.CallCounts())
	}
}

// A saved plan records where it was made, and apply refuses it anywhere else before any
// SageMaker call, naming both sides.
func TestSavedPlanIsBound(t *testing.T) {
	c := newCLIEnv(t)
	file := c.savePlan(testdata("v1"))
	var doc struct {
		Target         map[string]any `json:"target"`
		SagectlVersion string         `json:"sagectl_version"`
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Target["account"] != "123456789012" || doc.Target["region"] != "us-east-1" || doc.Target["endpoint_url"] != c.url || doc.SagectlVersion != "dev" {
		t.Fatalf("saved plan records target %v, version %q; want the emulator's account, region and URL, and dev", doc.Target, doc.SagectlVersion)
	}

	t.Run("another account", func(t *testing.T) {
		b := c.otherEmulator("222222222222", "us-east-1")
		code, out := b.applyFile(file)
		wantRefused(t, b, code, out, "made in AWS account 123456789012", "for account 222222222222", "no SageMaker call was made")
	})
	t.Run("another region", func(t *testing.T) {
		c.emu.ResetCalls()
		code, out := c.applyFile(file, "--region", "eu-west-1")
		wantRefused(t, c, code, out, "made in region us-east-1", "in region eu-west-1", "pass --region us-east-1")
	})
	t.Run("another endpoint URL", func(t *testing.T) {
		b := c.otherEmulator("123456789012", "us-east-1")
		code, out := b.applyFile(file)
		wantRefused(t, b, code, out, "--endpoint-url "+c.url, "this apply calls --endpoint-url "+b.url)
	})
	t.Run("another sagectl version", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "plan.json")
		if err := os.WriteFile(other, []byte(strings.Replace(string(data), `"sagectl_version": "dev"`, `"sagectl_version": "0.9.0"`, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		c.emu.ResetCalls()
		code, out := c.applyFile(other)
		wantRefused(t, c, code, out, "written by sagectl 0.9.0, this is sagectl dev")
		if n := c.emu.Calls("GetCallerIdentity"); n != 0 {
			t.Errorf("a plan of another version was refused after %d STS calls, want none", n)
		}
	})
	t.Run("version 2 plan", func(t *testing.T) {
		old := filepath.Join(t.TempDir(), "plan.json")
		if err := os.WriteFile(old, []byte(`{"format_version": 2, "actions": []}`), 0o600); err != nil {
			t.Fatal(err)
		}
		c.emu.ResetCalls()
		code, out := c.applyFile(old)
		wantRefused(t, c, code, out, "a version 2 plan", "run sagectl plan --out FILE again")
	})
	t.Run("same place applies", func(t *testing.T) {
		code, out := c.applyFile(file)
		if code != 0 || !strings.Contains(out, "Apply complete") {
			t.Fatalf("apply where the plan was made: exit %d\n%s", code, out)
		}
	})
}

// An offline plan (--live-dir) says so, and apply refuses it without calling anything.
func TestOfflinePlanRefused(t *testing.T) {
	c := newCLIEnv(t)
	live := t.TempDir()
	file := filepath.Join(t.TempDir(), "plan.json")
	code, out := c.run("plan", "--naming", "hashed", "--live-dir", live, "--out", file, testdata("v1"))
	if code != 0 {
		t.Fatalf("offline plan: exit %d\n%s", code, out)
	}
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), `"offline": true`) {
		t.Errorf("offline plan does not record that it is offline:\n%s", data)
	}
	c.emu.ResetCalls()
	code, out = c.applyFile(file)
	wantRefused(t, c, code, out, "made offline from a --live-dir snapshot", "plan again against the account (without --live-dir)")
	if n := c.emu.Calls("GetCallerIdentity"); n != 0 {
		t.Errorf("STS was called %d times for an offline plan, want 0", n)
	}
}

// accounts: in .sagectl.yaml: plan and apply refuse any other account before any
// SageMaker call.
func TestAllowedAccounts(t *testing.T) {
	c := newCLIEnv(t)
	manifests, _ := filepath.Abs(testdata("v1"))
	file := c.savePlan(manifests)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".sagectl.yaml"), []byte("accounts: [\"999999999999\", \"888888888888\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	c.emu.ResetCalls()
	code, out := c.run("plan", "--naming", "hashed", manifests)
	wantRefused(t, c, code, out, "AWS account 123456789012 is not one of this project's accounts", ".sagectl.yaml lists 999999999999, 888888888888")
	code, out = c.apply(manifests, "--auto-approve")
	wantRefused(t, c, code, out, "AWS account 123456789012 is not one of this project's accounts")
	code, out = c.applyFile(file)
	wantRefused(t, c, code, out, "AWS account 123456789012 is not one of this project's accounts")

	if err := os.WriteFile(filepath.Join(dir, ".sagectl.yaml"), []byte("accounts: [\"123456789012\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := c.run("plan", "--naming", "hashed", manifests); code != 0 {
		t.Errorf("plan in an allowed account: exit %d\n%s", code, out)
	}
}

// When STS fails, plan and apply stop before any SageMaker call and say why.
func TestSTSFailing(t *testing.T) {
	c := newCLIEnv(t)
	file := c.savePlan(testdata("v1"))
	c.emu.ResetCalls()
	c.emu.Inject(emulator.Fault{Kind: emulator.Denied, Op: "GetCallerIdentity"})
	code, out := c.run("plan", testdata("v1"))
	wantRefused(t, c, code, out, "reading the AWS account of the credentials (sts:GetCallerIdentity", "AccessDeniedException", "no SageMaker call in an account it cannot name")
	code, out = c.applyFile(file)
	wantRefused(t, c, code, out, "sts:GetCallerIdentity", "AccessDeniedException")
}
