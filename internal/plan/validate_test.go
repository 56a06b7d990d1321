package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// TestEverySavedPlanValidates: the plans the planner saves pass the whole-plan check.
func TestEverySavedPlanValidates(t *testing.T) {
	for _, sc := range scenarios(t) {
		p, err := plan.Build(context.Background(), sc.set, sc.snapshot(t), sc.opt)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.Saved().Bind(testTarget, "dev").Write(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := plan.ParseSaved(sc.name, buf.Bytes()); err != nil {
			t.Errorf("%s: the saved plan is refused: %v", sc.name, err)
		}
	}
}

// TestValidateRefusesPartialPlans: a saved plan with a part removed or made up is refused
// before anything live is read, naming what is wrong.
func TestValidateRefusesPartialPlans(t *testing.T) {
	var sc scenario
	for _, s := range scenarios(t) {
		if s.name == "hashed-naming" {
			sc = s
		}
	}
	p, err := plan.Build(context.Background(), sc.set, sc.snapshot(t), sc.opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	p.Saved().Bind(testTarget, "dev").Write(&buf)
	good := buf.String()
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(good), &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		out, _ := json.Marshal(map[string]any{"format_version": m["format_version"]}) // format_version first, as plan --out writes it
		delete(m, "format_version")
		rest, _ := json.Marshal(m)
		return string(out[:len(out)-1]) + "," + string(rest[1:])
	}
	action := func(m map[string]any, i int) map[string]any { return m["actions"].([]any)[i].(map[string]any) }
	dir := t.TempDir()
	for name, tc := range map[string]struct{ data, want string }{
		"only a version":           {`{"format_version": 3}`, "naming"},
		"version 1 alone":          {`{"format_version":1}`, "version 1 plan"},
		"no actions":               {edit(func(m map[string]any) { delete(m, "actions") }), `no "actions"`},
		"fingerprints removed":     {edit(func(m map[string]any) { delete(m, "fingerprints") }), `no "fingerprints"`},
		"fingerprints emptied":     {edit(func(m map[string]any) { m["fingerprints"] = []any{} }), "no fingerprint of"},
		"one fingerprint removed":  {edit(func(m map[string]any) { m["fingerprints"] = m["fingerprints"].([]any)[1:] }), "no fingerprint of"},
		"fingerprint without arn":  {edit(func(m map[string]any) { delete(withARN(m["fingerprints"].([]any)), "arn") }), "has no arn"},
		"duplicate fingerprint":    {edit(func(m map[string]any) { fp := m["fingerprints"].([]any); m["fingerprints"] = append(fp, fp[0]) }), "fingerprinted twice"},
		"unknown naming":           {edit(func(m map[string]any) { m["naming"] = "random" }), `naming "random"`},
		"unknown action kind":      {edit(func(m map[string]any) { action(m, 0)["action_kind"] = "explode" }), `unknown action_kind "explode"`},
		"unknown resource kind":    {edit(func(m map[string]any) { action(m, 0)["resource_kind"] = "Bucket" }), `unknown resource_kind "Bucket"`},
		"calls removed":            {edit(func(m map[string]any) { delete(action(m, 1), "api_calls") }), "without API calls"},
		"summary does not count":   {edit(func(m map[string]any) { m["summary"].(map[string]any)["delete"] = 0.0 }), "does not count the actions"},
		"no-op that calls the API": {edit(func(m map[string]any) { action(m, 2)["action_kind"] = "no-op" }), "a no-op with API calls"},
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if err := os.WriteFile(file, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := plan.ReadSaved(file)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "sagectl plan --out FILE") {
				t.Errorf("err = %v, want one naming the file, containing %q and saying to plan again with --out", err, tc.want)
			}
		})
	}
}

// TestEmptyPlanRoundTrips: a plan of nothing (manifests with no resource) is saved with
// "actions": [] and "fingerprints": [], which validate accepts (FuzzBuild found it saved
// as null and refused).
func TestEmptyPlanRoundTrips(t *testing.T) {
	p, err := plan.Build(context.Background(), &manifest.Set{}, scenario{dir: t.TempDir()}.snapshot(t), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	p.Saved().Bind(testTarget, "dev").Write(&buf)
	if _, err := plan.ParseSaved("empty", buf.Bytes()); err != nil {
		t.Errorf("an empty plan is refused: %v\n%s", err, buf.String())
	}
}

// withARN returns the last fingerprint with an ARN (of a resource that exists).
func withARN(fps []any) map[string]any {
	for i := len(fps) - 1; i >= 0; i-- {
		if fp := fps[i].(map[string]any); fp["arn"] != nil {
			return fp
		}
	}
	return nil
}
