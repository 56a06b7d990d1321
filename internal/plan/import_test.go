package plan_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/importer"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestImportThenPlan imports every resource (import --all) of every scenario's snapshot and of the
// demo snapshot, from the snapshot and from the emulator seeded with it, and expects a
// plan of the imported manifests to have no changes.
func TestImportThenPlan(t *testing.T) {
	ctx := context.Background()
	dirs := map[string]*live.Dir{}
	for _, sc := range scenarios(t) {
		dirs[sc.name] = sc.snapshot(t)
	}
	demo, err := live.OpenDir("../../examples/live")
	if err != nil {
		t.Fatal(err)
	}
	dirs["demo"] = demo
	for name, snap := range dirs {
		t.Run(name, func(t *testing.T) {
			e := startEmulator(t)
			e.seed(t, snap)
			for reader, r := range map[string]live.Reader{"snapshot": snap, "emulator": &live.API{Client: e.client, Autoscaling: e.scaling}} {
				refs, err := importer.All(ctx, r) // import --all
				if err != nil {
					t.Fatal(err)
				}
				if len(refs) == 0 {
					continue
				}
				ms, err := importer.Import(ctx, r, refs)
				if err != nil {
					t.Fatalf("%s: %v", reader, err)
				}
				var all bytes.Buffer
				for _, m := range ms {
					all.WriteString("---\n")
					all.Write(m.YAML)
				}
				f, docs, fs := manifest.Parse("imported.yaml", all.Bytes())
				if len(fs) > 0 {
					t.Fatalf("%s: imported manifests do not load: %v\n%s", reader, fs, all.String())
				}
				set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
				want := len(refs) // and the autoscaling of the imported endpoints: all of it here
				for _, k := range []manifest.Kind{manifest.KindScalableTarget, manifest.KindScalingPolicy, manifest.KindScheduledAction} {
					names, err := r.List(ctx, k)
					if err != nil {
						t.Fatal(err)
					}
					want += len(names)
				}
				if got := len(set.Docs); got != want {
					t.Errorf("%s: %d resources imported, want every one listed: %d", reader, got, want)
				}
				p, err := plan.Build(ctx, set, r, plan.Options{Concurrency: 4})
				if err != nil {
					t.Fatal(err)
				}
				if changedBeyondFailed(p) {
					t.Errorf("%s: plan of freshly imported manifests has changes:\n%s\nmanifests:\n%s", reader, renderText(t, p), all.String())
				}
			}
		})
	}
}

func TestImportMissing(t *testing.T) {
	snap, err := live.OpenDir("../../examples/live")
	if err != nil {
		t.Fatal(err)
	}
	_, err = importer.Import(context.Background(), snap, []importer.Ref{{Kind: manifest.KindEndpoint, Name: "nope"}})
	if err == nil || !strings.Contains(err.Error(), `Endpoint "nope" does not exist`) {
		t.Errorf("err = %v, want one saying the endpoint does not exist", err)
	}
}

// changedBeyondFailed reports whether p changes anything but Failed endpoints, which are
// never converged: importing one gives a manifest whose plan replaces it.
func changedBeyondFailed(p *plan.Plan) bool {
	for _, a := range p.Actions {
		failed := a.Resource == manifest.KindEndpoint && a.Kind == plan.Replace && strings.HasPrefix(a.Reason, "endpoint is Failed")
		if a.Kind != plan.NoOp && !failed {
			return true
		}
	}
	return false
}
