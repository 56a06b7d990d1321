package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/plan/render"
)

var update = flag.Bool("update", false, "rewrite the golden plan.txt files")

// scenarioRoot holds one directory per scenario: manifests/ (the desired state),
// live/ (describe and list-tags JSON as the AWS CLI saves it; may be absent: nothing
// exists), args (optional: "naming=hashed", "prune", "project=NAME"), and plan.txt (the text plan).
const scenarioRoot = "../../testdata/plan"

type scenario struct {
	name, dir string
	set       *manifest.Set
	opt       plan.Options
}

func scenarios(t *testing.T) []scenario {
	t.Helper()
	entries, err := os.ReadDir(scenarioRoot)
	if err != nil {
		t.Fatal(err)
	}
	var out []scenario
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(scenarioRoot, e.Name())
		set, fs, err := manifest.Load([]string{filepath.Join(dir, "manifests")}, manifest.Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, f := range lint.Check(set, fs, lint.Options{}) {
			if f.Severity == finding.Error {
				t.Fatalf("%s: scenario manifests must lint clean: %s", dir, f)
			}
		}
		sc := scenario{name: e.Name(), dir: dir, set: set, opt: plan.Options{Concurrency: 4}}
		args, _ := os.ReadFile(filepath.Join(dir, "args"))
		for _, a := range strings.Fields(string(args)) {
			switch {
			case a == "prune":
				sc.opt.Prune = true
			case strings.HasPrefix(a, "project="):
				sc.opt.Project = strings.TrimPrefix(a, "project=")
			case strings.HasPrefix(a, "naming="):
				sc.opt.Naming = plan.Naming(strings.TrimPrefix(a, "naming="))
			default:
				t.Fatalf("%s/args: unknown argument %q", dir, a)
			}
		}
		out = append(out, sc)
	}
	if len(out) == 0 {
		t.Fatal("no scenarios")
	}
	return out
}

// snapshot opens a scenario's live/ directory (an absent one is an empty snapshot).
func (sc scenario) snapshot(t *testing.T) *live.Dir {
	t.Helper()
	dir := filepath.Join(sc.dir, "live")
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		dir = t.TempDir()
	}
	d, err := live.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func renderText(t *testing.T, p *plan.Plan) string {
	t.Helper()
	var b bytes.Buffer
	if err := (&render.Text{}).Render(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGoldenLiveDir plans every scenario from its --live-dir snapshot and compares
// the text plan with plan.txt (go test ./plan -update rewrites it).
func TestGoldenLiveDir(t *testing.T) {
	for _, sc := range scenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			p, err := plan.Build(context.Background(), sc.set, sc.snapshot(t), sc.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := renderText(t, p)
			golden := filepath.Join(sc.dir, "plan.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./plan -update)", err)
			}
			if got != string(want) {
				t.Errorf("plan differs from %s (go test ./plan -update, then review the diff):\n%s", golden, got)
			}
			checkSaved(t, p)
		})
	}
}

// checkSaved round-trips the plan through its saved form: every call decodes into
// its SDK input, and the JSON is stable.
func checkSaved(t *testing.T, p *plan.Plan) {
	t.Helper()
	var b bytes.Buffer
	if err := p.Saved().Bind(testTarget, "dev").Write(&b); err != nil {
		t.Fatal(err)
	}
	back, err := plan.ParseSaved("saved", b.Bytes())
	if err != nil {
		t.Fatalf("saved plan does not load: %v", err)
	}
	var again bytes.Buffer
	if err := back.Write(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Errorf("saved plan changes when loaded and written again")
	}
	if back.Summary != p.Summary || len(back.Actions) != len(p.Actions) {
		t.Errorf("loaded plan lost actions")
	}
}

// actionsJSON is the plan's actions as JSON, to compare plans made from two readers.
func actionsJSON(t *testing.T, p *plan.Plan) string {
	t.Helper()
	data, err := json.MarshalIndent(p.Actions, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
