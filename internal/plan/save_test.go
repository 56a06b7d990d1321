package plan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct{ data, want string }{
		"not JSON":              {"hello", "not a sagectl saved plan"},
		"garbage":               {"\x00\xff{{", "not a sagectl saved plan"},
		"no version":            {`{"actions": []}`, "not a sagectl saved plan"},
		"truncated":             {`{"format_version": 3, "actions": [{"id": 1, "action_kind": "cre`, "malformed plan"},
		"version 1":             {`{"format_version": 1, "actions": []}`, "version 1 plan"},
		"version 2":             {`{"format_version": 2, "actions": []}`, "does not record the AWS account, region and endpoint"},
		"no account":            {`{"format_version": 3, "actions": [], "target": {"region": "us-east-1"}, "sagectl_version": "dev"}`, "target.account or target.region is missing"},
		"no version of sagectl": {`{"format_version": 3, "actions": [], "target": {"account": "123456789012", "region": "us-east-1"}}`, "sagectl_version is missing"},
		"other version":         {`{"format_version": 99}`, "plan format version 99"},
		"malformed":             {`{"format_version": 3, "actions": 5}`, "malformed plan"},
		"unknown operation":     {`{"format_version": 3, "actions": [{"id": 1, "api_calls": [{"operation": "DropTable", "input": {}}]}]}`, `unknown operation "DropTable"`},
		"bad input":             {`{"format_version": 3, "actions": [{"id": 1, "api_calls": [{"operation": "DeleteModel", "input": {"ModelName": 5}}]}]}`, "DeleteModel input"},
		"unknown member":        {`{"format_version": 3, "actions": [{"id": 1, "api_calls": [{"operation": "DeleteModel", "input": {"Model": "m"}}]}]}`, "unknown field"},
		"id out of place":       {`{"format_version": 3, "actions": [{"id": 7, "action_kind": "no-op"}]}`, "has id 7, want 1"},
		"dangling id":           {`{"format_version": 3, "actions": [{"id": 1, "action_kind": "no-op", "depends_on": [9]}]}`, "depends on action 9, which the plan does not have"},
		"cycle": {`{"format_version": 3, "actions": [{"id": 1, "action_kind": "no-op", "depends_on": [2]}, {"id": 2, "action_kind": "no-op", "depends_on": [1]}]}`,
			"depends on action 2, which does not come before it (a dependency cycle"},
		"self": {`{"format_version": 3, "actions": [{"id": 1, "action_kind": "no-op", "depends_on": [1]}]}`, "a dependency cycle"},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if err := os.WriteFile(file, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := plan.ReadSaved(file)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "plan") {
				t.Errorf("err = %v, want one naming the file and containing %q", err, tc.want)
			}
		})
	}
	if _, err := plan.ReadSaved(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

// TestSavedPlanForApply: a saved plan loads, its calls decode into SDK inputs, and its
// fingerprints detect a change of the live state.
func TestSavedPlanForApply(t *testing.T) {
	sc := scenario{}
	for _, s := range scenarios(t) {
		if s.name == "hashed-naming" {
			sc = s
		}
	}
	ctx := context.Background()
	p, err := plan.Build(ctx, sc.set, sc.snapshot(t), sc.opt)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "plan.json")
	if err := p.Saved().Bind(testTarget, "dev").Save(file); err != nil {
		t.Fatal(err)
	}
	back, err := plan.ReadSaved(file)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, a := range back.Actions {
		for _, c := range a.Calls {
			in := c.Request()
			ops = append(ops, c.Operation)
			if u, ok := in.(*sagemaker.UpdateEndpointInput); ok && (u.DeploymentConfig == nil || *u.EndpointConfigName != p.Documents[1].PhysicalName) {
				t.Errorf("UpdateEndpoint input lost its DeploymentConfig or config: %+v", u)
			}
		}
	}
	if got := strings.Join(ops, ","); got != "AddTags,CreateEndpointConfig,AddTags,UpdateEndpoint,DeleteTags,DeleteEndpointConfig,DeleteTags" {
		t.Errorf("calls = %s; want record the new config in the ledger → create → record the old one → update → ledger entry of the new config removed → delete → its ledger entry removed", got)
	}

	// Same live state: nothing stale. Endpoint moved on: stale, and says how.
	now, err := back.Fingerprints.Reread(ctx, sc.snapshot(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	if s := back.Fingerprints.Stale(now); len(s) != 0 {
		t.Errorf("unchanged live state reported stale: %v", s)
	}
	moved := &edited{Reader: sc.snapshot(t), edit: func(r *live.Resource) {
		if r.Kind == manifest.KindEndpoint {
			r.Body["EndpointStatus"] = "Updating"
		}
	}}
	now, err = back.Fingerprints.Reread(ctx, moved, 2)
	if err != nil {
		t.Fatal(err)
	}
	s := back.Fingerprints.Stale(now)
	if len(s) != 1 || !strings.Contains(s[0], `Endpoint churn-prod: EndpointStatus was "InService", now "Updating"`) {
		t.Errorf("Stale = %v", s)
	}
	gone := &edited{Reader: sc.snapshot(t), drop: manifest.KindModel}
	now, _ = back.Fingerprints.Reread(ctx, gone, 2)
	if s := back.Fingerprints.Stale(now); len(s) != 1 || !strings.Contains(s[0], "deleted since the plan") {
		t.Errorf("Stale after a model was deleted = %v", s)
	}
	if s := back.Fingerprints.Stale(nil); len(s) != len(back.Fingerprints) {
		t.Errorf("Stale(nil) = %v, want every resource reported", s)
	}

	// The saved plan's Stale: an endpoint the plan acts on is compared in full; one no action
	// names (another team's, read for the in-use checks) only by what those checks use.
	now, _ = back.Fingerprints.Reread(ctx, moved, 2)
	if s := back.Stale(now); len(s) != 1 {
		t.Errorf("Saved.Stale of a planned endpoint that moved = %v, want it reported", s)
	}
	theirs := plan.Fingerprint{Kind: manifest.KindEndpoint, Name: "theirs", Exists: true, ARN: "arn:theirs", EndpointConfigName: "theirs",
		EndpointStatus: "Creating", LastModifiedTime: "2026-12-02T10:00:00Z"}
	settled := theirs
	settled.EndpointStatus, settled.LastModifiedTime = "InService", "2026-12-02T10:05:00Z"
	withTheirs := *back
	withTheirs.Fingerprints = append(append(plan.Fingerprints{}, back.Fingerprints...), theirs)
	current, _ := back.Fingerprints.Reread(ctx, sc.snapshot(t), 2)
	if s := withTheirs.Stale(append(current, settled)); len(s) != 0 {
		t.Errorf("another team's endpoint settling made the plan stale: %v", s)
	}
	reconfigured := settled
	reconfigured.EndpointConfigName = "theirs-v2"
	if s := withTheirs.Stale(append(current, reconfigured)); len(s) != 1 || !strings.Contains(s[0], "EndpointConfigName") {
		t.Errorf("another team's endpoint on a new config: Stale = %v, want it reported (the in-use checks depend on it)", s)
	}
}

// edited is a Reader that changes or hides what another returns.
type edited struct {
	live.Reader
	edit func(*live.Resource)
	drop manifest.Kind
}

func (e *edited) Read(ctx context.Context, k manifest.Kind, name string) (*live.Resource, error) {
	r, err := e.Reader.Read(ctx, k, name)
	if r == nil || err != nil || k == e.drop {
		return nil, err
	}
	body := map[string]any{}
	for key, v := range r.Body {
		body[key] = v
	}
	c := *r
	c.Body = body
	if e.edit != nil {
		e.edit(&c)
	}
	return &c, nil
}

// FuzzParse: any bytes give a plan or an error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"format_version": 3, "actions": [{"id": 1, "action_kind": "create", "api_calls": [{"operation": "DeleteModel", "input": {"ModelName": "m"}}]}]}`))
	f.Add([]byte(`{"format_version": 3, "actions": [{"id": 1, "action_kind": "no-op"}, {"id": 2, "action_kind": "delete", "depends_on": [1, 2]}]}`))
	f.Add([]byte(`{"format_version": 3, "fingerprints": [{"kind": "Model"}]}`))
	f.Add([]byte(`{"format_version": "1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := plan.ParseSaved("fuzz", data)
		if err == nil && p.FormatVersion != plan.SavedFormatVersion {
			t.Errorf("accepted version %d", p.FormatVersion)
		}
	})
}

// TestSavedPlanKeepsProject: the project a plan was made for reaches apply through the
// saved plan, and a plan saved without one (or before projects) reads as none.
func TestSavedPlanKeepsProject(t *testing.T) {
	var buf strings.Builder
	if err := (&plan.Plan{Project: "fraud", Naming: plan.Exact}).Saved().Bind(testTarget, "dev").Write(&buf); err != nil {
		t.Fatal(err)
	}
	s, err := plan.ParseSaved("p.json", []byte(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	if s.Project != "fraud" {
		t.Fatalf("project %q", s.Project)
	}
	buf.Reset()
	if err := (&plan.Plan{Naming: plan.Exact}).Saved().Bind(testTarget, "dev").Write(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), `"project"`) {
		t.Errorf("a plan with no project writes a project field:\n%s", buf.String())
	}
	if s, err := plan.ParseSaved("p.json", []byte(buf.String())); err != nil {
		t.Error(err)
	} else if s.Project != "" {
		t.Errorf("no project: %q", s.Project)
	}
}

// testTarget is where the tests' saved plans say they were made.
var testTarget = plan.Target{Account: "123456789012", Region: "us-east-1", EndpointURL: "http://127.0.0.1:1"}
