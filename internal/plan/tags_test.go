package plan_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestLiveDirWithoutTagsIsNotATagChange: a --live-dir resource with no list-tags output
// has unknown tags: the plan says so and plans no AddTags; with the list-tags file, the
// same difference is a tag change.
func TestLiveDirWithoutTagsIsNotATagChange(t *testing.T) {
	const model = `{"ModelName": "m", "ModelArn": "arn:aws:sagemaker:us-east-1:123456789012:model/m", "PrimaryContainer": {"Image": "img"}}`
	_, docs, fs := manifest.Parse("m.yaml", []byte("kind: Model\nModelName: m\nPrimaryContainer:\n  Image: img\nTags:\n  - {Key: team, Value: churn}\n"))
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	set := &manifest.Set{Docs: docs}
	for _, tc := range []struct {
		name  string
		files map[string]string
		kind  plan.ActionKind
		want  string
	}{
		{"no list-tags", map[string]string{"m.json": model}, plan.NoOp, "its tags were not compared: the --live-dir has no list-tags output for it"},
		{"list-tags", map[string]string{"m.json": model, "t.json": `{"ResourceArn": "arn:aws:sagemaker:us-east-1:123456789012:model/m", "Tags": []}`}, plan.Tag, "tags changed"},
	} {
		dir := t.TempDir()
		for n, body := range tc.files {
			os.WriteFile(filepath.Join(dir, n), []byte(body), 0o600)
		}
		d, err := live.OpenDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Build(context.Background(), set, d, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := p.Actions[0]
		if a.Kind != tc.kind || !strings.Contains(a.Reason, tc.want) {
			t.Errorf("%s: %s %q, want %s %q", tc.name, a.Kind, a.Reason, tc.kind, tc.want)
		}
		before, _ := a.Before.(map[string]any)
		if tc.kind == plan.NoOp && (len(a.Calls) > 0 || before["Tags"] != plan.TagsNotRead) {
			t.Errorf("%s: calls %v, before tags %v: want no call and the tags shown as not read", tc.name, a.Calls, before["Tags"])
		}
	}
}
