package plan_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/plan/render"
)

// FuzzBuild plans arbitrary manifests, linted or not, against the weights-only
// snapshot with every naming and prune setting: Build and both renderers must give a
// plan or an error, never a panic, and a plan must survive saving and loading.
func FuzzBuild(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/plan/*/manifests/*.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, uint8(0))
		}
	}
	f.Add([]byte("kind: Endpoint\nEndpointName: churn-prod\nEndpointConfigName: 5\nDesiredWeightsAndCapacities: [{VariantName: x, DesiredWeight: -1}]\n"), uint8(3))
	snap, err := live.OpenDir("../../testdata/plan/weights-only/live")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		_, docs, _ := manifest.Parse("fuzz.yaml", data)
		opt := plan.Options{Prune: mode&1 != 0, Concurrency: 2}
		if mode&2 != 0 {
			opt.Naming = plan.Hashed
		}
		p, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, snap, opt)
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := (&render.Text{}).Render(&b, p); err != nil {
			t.Fatal(err)
		}
		b.Reset()
		if err := p.Saved().Bind(testTarget, "dev").Write(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := plan.ParseSaved("fuzz", b.Bytes()); err != nil {
			t.Errorf("a plan Build made does not load: %v", err)
		}
	})
}
