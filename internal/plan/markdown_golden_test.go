package plan_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/render"
)

// TestGoldenMarkdown plans every scenario from its --live-dir snapshot and compares the
// pull-request comment (plan --format markdown) with plan.md (go test ./plan -update
// rewrites it).
func TestGoldenMarkdown(t *testing.T) {
	for _, sc := range scenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			p, err := plan.Build(context.Background(), sc.set, sc.snapshot(t), sc.opt)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := (&render.Markdown{}).Render(&b, p); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(sc.dir, "plan.md")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./plan -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("markdown differs from %s (go test ./plan -update, then review the diff):\n%s", golden, b.String())
			}
		})
	}
}
