package live

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/manifest"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	modelJSON    = `{"ModelName": "m", "ModelArn": "arn:aws:sagemaker:us-east-1:1:model/m", "PrimaryContainer": {"Image": "i"}}`
	configJSON   = `{"EndpointConfigName": "C", "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:1:endpoint-config/c", "ProductionVariants": []}`
	endpointJSON = `{"EndpointName": "e", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/e", "EndpointConfigName": "C", "EndpointStatus": "InService",
		"Tags": [{"Key": "team", "Value": "a"}]}`
)

func TestOpenDir(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"x1.json":               modelJSON,
		"sub/whatever.json":     configJSON,
		"EP.JSON":               endpointJSON,
		"tags-for-config.json":  `{"ResourceArn": "arn:aws:sagemaker:us-east-1:1:endpoint-config/C", "Tags": [{"Key": "k", "Value": "v"}]}`,
		"notes.txt":             "not json, ignored",
		".hidden/broken.json":   "{",
		"stream.json":           `{"ModelName": "m2", "Containers": []} {"ModelName": "m3", "ModelArn": "arn:m3"}`,
		"array.json":            `[{"EndpointName": "e2", "EndpointStatus": "Updating"}]`,
		"no-arn-config.json":    `{"EndpointConfigName": "c2", "ProductionVariants": []}`,
		"tags-for-model-m.json": `{"Tags": [{"Key": "owner", "Value": "x"}], "ResourceArn": "arn:aws:sagemaker:us-east-1:1:model/m"}`,
	})
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		kind manifest.Kind
		want []string
	}{
		{manifest.KindModel, []string{"m", "m2", "m3"}},
		{manifest.KindEndpointConfig, []string{"C", "c2"}},
		{manifest.KindEndpoint, []string{"e", "e2"}},
	} {
		got, _ := d.List(ctx, tc.kind)
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("List(%s) = %v, want %v", tc.kind, got, tc.want)
		}
	}
	c, _ := d.Read(ctx, manifest.KindEndpointConfig, "C")
	if c == nil || c.Tags["k"] != "v" {
		t.Errorf("config C: tags from a list-tags file with ResourceArn (ARN case differs) not attached: %+v", c)
	}
	e, _ := d.Read(ctx, manifest.KindEndpoint, "e")
	if e == nil || e.Tags["team"] != "a" || e.Body["Tags"] != nil || e.Str("EndpointConfigName") != "C" {
		t.Errorf("endpoint e: tags inside the describe output not read: %+v", e)
	}
	m, _ := d.Read(ctx, manifest.KindModel, "m")
	if m == nil || m.Tags["owner"] != "x" || m.ARN != "arn:aws:sagemaker:us-east-1:1:model/m" {
		t.Errorf("model m = %+v", m)
	}
	if r, err := d.Read(ctx, manifest.KindModel, "absent"); r != nil || err != nil {
		t.Errorf("absent model: %v, %v; want nil, nil", r, err)
	}
}

func TestOpenDirErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  string
	}{
		"invalid JSON":          {map[string]string{"a.json": `{"ModelName": `}, "a.json"},
		"not an object":         {map[string]string{"a.json": `"hello"`}, "not a JSON object"},
		"unknown content":       {map[string]string{"a.json": `{"Foo": 1}`}, "not the output of aws sagemaker"},
		"tags without ARN":      {map[string]string{"a.json": `{"Tags": []}`}, `without "ResourceArn"`},
		"tags for nothing":      {map[string]string{"a.json": `{"ResourceArn": "arn:x", "Tags": []}`}, "no describe output in"},
		"described twice":       {map[string]string{"a.json": modelJSON, "b.json": modelJSON}, "described twice"},
		"describe without name": {map[string]string{"a.json": `{"ModelArn": "arn:x"}`}, "without ModelName"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := OpenDir(writeFiles(t, tc.files))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := OpenDir(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing directory: no error")
	}
}

func TestTime(t *testing.T) {
	want := time.Date(2026, 10, 1, 10, 34, 15, 660000000, time.UTC)
	for _, v := range []any{"2026-10-01T10:34:15.660000+00:00", "2026-10-01T10:34:15.66Z", "2026-10-01T12:34:15.66+02:00"} {
		if got := Time(v); !got.Equal(want) {
			t.Errorf("Time(%v) = %v, want %v", v, got, want)
		}
	}
	if got := Time("yesterday"); !got.IsZero() {
		t.Errorf("Time(yesterday) = %v, want zero", got)
	}
	if got := Time(nil); !got.IsZero() {
		t.Errorf("Time(nil) = %v, want zero", got)
	}
}

// FuzzOpenDir: any file content gives a Dir or an error, never a panic.
func FuzzOpenDir(f *testing.F) {
	for _, s := range []string{modelJSON, configJSON, endpointJSON, `[{"Tags": [1, {"Key": 2}], "ResourceArn": "a"}]`, `{"EndpointArn": 5}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f.json"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := OpenDir(dir)
		if err == nil {
			for _, k := range manifest.Kinds {
				names, _ := d.List(context.Background(), k)
				for _, n := range names {
					if r, _ := d.Read(context.Background(), k, n); r == nil {
						t.Errorf("listed %s %s cannot be read", k, n)
					}
				}
			}
		}
	})
}

// TestDirNamesAreCaseInsensitive: a snapshot's fraud is found as FRAUD, and listed as
// spelled live.
func TestDirNamesAreCaseInsensitive(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ep.json"), []byte(`{"EndpointName": "fraud", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/fraud", "EndpointStatus": "InService"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := d.Read(context.Background(), manifest.KindEndpoint, "FRAUD")
	if err != nil || r == nil || r.Name != "fraud" {
		t.Fatalf("Read FRAUD = %+v, %v", r, err)
	}
	if names, _ := d.List(context.Background(), manifest.KindEndpoint); len(names) != 1 || names[0] != "fraud" {
		t.Errorf("List = %v", names)
	}
	if err := os.WriteFile(filepath.Join(dir, "ep2.json"), []byte(`{"EndpointName": "FRAUD", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/FRAUD", "EndpointStatus": "InService"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDir(dir); err == nil || !strings.Contains(err.Error(), "described twice") {
		t.Errorf("fraud and FRAUD in one snapshot: err = %v", err)
	}
}

func TestOpenDirRefusesIrregularAndHugeFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"m.json": modelJSON})
	fifo := filepath.Join(dir, "tags.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := OpenDir(dir); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "tags.json is a named pipe (FIFO), not a regular file") {
			t.Errorf("a FIFO in --live-dir: %v, want an error naming it", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("OpenDir hangs on a FIFO")
	}
	os.Remove(fifo)
	big, err := os.Create(filepath.Join(dir, "big.json"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(maxDirFile + 1) // sparse
	big.Close()
	if _, err := OpenDir(dir); err == nil || !strings.Contains(err.Error(), "big.json: larger than 16 MiB") {
		t.Errorf("a file over the bound: %v, want an error naming it and the bound", err)
	}
}
