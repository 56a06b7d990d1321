package live

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// TestSnapshotRoundTrip: what a Recorder read, written by WriteDir, reads back from
// OpenDir as the same resources, tags included; absent resources are not written.
func TestSnapshotRoundTrip(t *testing.T) {
	src, err := OpenDir(writeFiles(t, map[string]string{"m.json": modelJSON, "c.json": configJSON, "e.json": endpointJSON,
		"tags.json": `{"ResourceArn": "arn:aws:sagemaker:us-east-1:1:model/m", "Tags": [{"Key": "owner", "Value": "x"}]}`}))
	if err != nil {
		t.Fatal(err)
	}
	rec := &Recorder{R: src}
	ctx := context.Background()
	for _, ref := range []struct {
		k manifest.Kind
		n string
	}{{manifest.KindModel, "m"}, {manifest.KindEndpointConfig, "C"}, {manifest.KindEndpoint, "e"}, {manifest.KindModel, "absent"}} {
		if _, err := rec.Read(ctx, ref.k, ref.n); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "snap")
	paths, err := WriteDir(dir, rec.Resources())
	if err != nil || len(paths) != 3 {
		t.Fatalf("WriteDir: %v, %v", paths, err)
	}
	back, err := OpenDir(dir)
	if err != nil {
		t.Fatalf("OpenDir of the snapshot: %v", err)
	}
	for _, want := range rec.Resources() {
		got, err := back.Read(ctx, want.Kind, want.Name)
		if err != nil || got == nil {
			t.Fatalf("%s %s not read back: %v", want.Kind, want.Name, err)
		}
		if !reflect.DeepEqual(jsonOf(t, got.Body), jsonOf(t, want.Body)) || !reflect.DeepEqual(got.Tags, want.Tags) || got.TagsUnknown != want.TagsUnknown {
			t.Errorf("%s %s: read back %+v, want %+v", want.Kind, want.Name, got, want)
		}
	}
	if st, err := os.Stat(paths[0]); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("snapshot file mode %v: want 0600 (describe outputs hold Environment values)", st.Mode().Perm())
	}
	if _, err := WriteDir(dir, rec.Resources()); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second snapshot into the same folder: %v, want a refusal to overwrite", err)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
