package plan_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

const smokeManifests = `kind: Model
ModelName: m
ExecutionRoleArn: arn:aws:iam::123456789012:role/sm
PrimaryContainer: {Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"}
---
kind: EndpointConfig
EndpointConfigName: c
ProductionVariants:
  - {VariantName: v, ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: 1}
---
kind: Endpoint
EndpointName: ep
EndpointConfigName: c
---
kind: SmokeTest
SmokeTestName: ep-file
EndpointName: EP
BodyFile: req.bin
Expect: {Contains: ok}
---
kind: SmokeTest
SmokeTestName: other
EndpointName: not-planned
Body: x
`

// smokePlan plans smokeManifests (with req.bin beside them) against an empty account.
func smokePlan(t *testing.T, body []byte) (*plan.Plan, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "m.yaml"), []byte(smokeManifests), 0o644); err != nil {
		t.Fatal(err)
	}
	if body != nil {
		if err := os.WriteFile(filepath.Join(dir, "req.bin"), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, _, err := manifest.Load([]string{dir}, manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return plan.Build(context.Background(), set, scenario{dir: t.TempDir()}.snapshot(t), plan.Options{})
}

// TestSmokeTestsAttachToTheEndpointsAction: a test runs in the step that creates its
// endpoint (names compared case-insensitively), with BodyFile's bytes, and survives the
// saved plan; a test of an endpoint the plan does not have is attached to nothing.
func TestSmokeTestsAttachToTheEndpointsAction(t *testing.T) {
	p, err := smokePlan(t, []byte{0, 1, 2, 0xff})
	if err != nil {
		t.Fatal(err)
	}
	var tests []*plan.SmokeTest
	for _, a := range p.Actions {
		for _, c := range a.Calls {
			if st, ok := c.Request().(*plan.SmokeTest); ok {
				if a.Resource != manifest.KindEndpoint || a.Kind != plan.Create {
					t.Errorf("smoke test on %s %s %s", a.Kind, a.Resource, a.Name)
				}
				tests = append(tests, st)
			}
		}
	}
	if len(tests) != 1 || tests[0].SmokeTestName != "ep-file" || tests[0].EndpointName != "ep" ||
		!bytes.Equal(tests[0].Body, []byte{0, 1, 2, 0xff}) || tests[0].Attempts != plan.DefaultSmokeAttempts ||
		tests[0].Expect.Status != 200 || tests[0].RollbackTo != "" {
		t.Fatalf("tests = %+v; want ep-file on ep with req.bin's bytes and the defaults", tests)
	}
	var buf bytes.Buffer
	if err := p.Saved().Bind(plan.Target{Account: "123456789012", Region: "us-east-1"}, "dev").Write(&buf); err != nil {
		t.Fatal(err)
	}
	s, err := plan.ParseSaved("plan.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range s.Actions {
		for _, c := range a.Calls {
			if st, ok := c.Request().(*plan.SmokeTest); ok && bytes.Equal(st.Body, tests[0].Body) {
				found = true
			}
		}
	}
	if !found {
		t.Error("the saved plan lost the smoke test")
	}
}

func TestSmokeTestBodyFileProblemsStopThePlan(t *testing.T) {
	if _, err := smokePlan(t, nil); err == nil || !strings.Contains(err.Error(), "m.yaml:18: smoke test ep-file: BodyFile req.bin") {
		t.Errorf("missing file: err = %v", err)
	}
	if _, err := smokePlan(t, make([]byte, plan.MaxSmokeBody+1)); err == nil || !strings.Contains(err.Error(), "larger than InvokeEndpoint's 6 MiB") {
		t.Errorf("huge file: err = %v", err)
	}
}

func TestSelectKeepsTheSmokeTestsOfSelectedEndpoints(t *testing.T) {
	_, docs, _ := manifest.Parse("m.yaml", []byte(smokeManifests))
	set := &manifest.Set{Docs: docs}
	got, err := plan.Select(set, []string{"Endpoint/ep"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.ByKind(manifest.KindSmokeTest)); n != 1 {
		t.Errorf("Endpoint/ep keeps %d smoke tests, want its one", n)
	}
	got, err = plan.Select(set, []string{"SmokeTest/ep-file"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ByKind(manifest.KindEndpoint)) != 1 || len(got.ByKind(manifest.KindModel)) != 1 {
		t.Errorf("SmokeTest/ep-file keeps %d docs, want the test and its endpoint's chain", len(got.Docs))
	}
}
