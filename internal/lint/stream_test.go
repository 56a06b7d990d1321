package lint_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/benchdata"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

// streamAll runs Stream and returns the files in the order emitted and all findings.
func streamAll(t *testing.T, in lint.Input) ([]string, []finding.Finding, *lint.Summary) {
	t.Helper()
	var paths []string
	var all []finding.Finding
	sum, err := lint.Stream(in, lint.Options{}, func(r *lint.FileResult) error {
		paths = append(paths, r.File.Path)
		all = append(all, r.Findings...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths, all, sum
}

// TestStreamMatchesRun lints a corpus whose references cross files (the examples,
// renamed per round) and a pair of documents far apart that share a name, with many
// workers: Stream emits the files in input order and finds exactly what Run finds,
// the cross-file findings included (their documents are parsed again once evicted).
func TestStreamMatchesRun(t *testing.T) {
	dir := t.TempDir()
	ex, err := benchdata.Examples("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := benchdata.WriteTree(dir, ex, 400); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a-first.yaml": "kind: Model\nModelName: shared\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\nPrimaryContainer:\n  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/i:1\n",
		"z-last.yaml":  "kind: Model\nModelName: shared\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\nPrimaryContainer:\n  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/i:1\n---\nkind: Model\nModelName: Shared\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\nPrimaryContainer:\n  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/i:1\n",
	}
	extra := writeTree(t, files)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	// z-last.yaml comes after the whole corpus: a-first.yaml is long out of the recent files.
	in := lint.Input{Paths: []string{filepath.Join(extra, "a-first.yaml"), dir, filepath.Join(extra, "z-last.yaml")}}
	res, err := lint.Run(in, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := manifest.Expand(in.Paths)
	for i := 0; i < 3; i++ { // scheduling differs from run to run; the output must not
		paths, got, sum := streamAll(t, in)
		if !reflect.DeepEqual(paths, want) {
			t.Fatalf("emitted %d files out of input order: %v...", len(paths), paths[:min(len(paths), 5)])
		}
		finding.Sort(got) // Run sorts by path; Stream keeps the input order of files (paths first here)
		if !reflect.DeepEqual(got, res.Findings) {
			t.Fatalf("Stream found %d findings, Run %d; first difference: %s", len(got), len(res.Findings), firstDiff(got, res.Findings))
		}
		if sum.Files != len(want) {
			t.Errorf("summary counts %d files, want %d", sum.Files, len(want))
		}
	}
	var cross int
	for _, f := range res.Findings {
		if strings.Contains(f.Message, filepath.Join(extra, "a-first.yaml")) {
			cross++
		}
	}
	if cross != 2 { // z-last.yaml's two Models name a-first.yaml's: a duplicate and a case variant
		t.Errorf("%d findings point back at a-first.yaml, want 2: %v", cross, res.Findings)
	}
}

func firstDiff(a, b []finding.Finding) string {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("%+v vs %+v", a[i], b[i])
		}
	}
	return "one is a prefix of the other"
}

// TestStreamStopsOnEmitError: a failing writer ends the run with its error.
func TestStreamStopsOnEmitError(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("c%02d.yaml", i)] = eiaConfig
	}
	dir := writeTree(t, files)
	broken := errors.New("disk full")
	calls := 0
	_, err := lint.Stream(lint.Input{Paths: []string{dir}}, lint.Options{}, func(*lint.FileResult) error {
		calls++
		if calls == 3 {
			return broken
		}
		return nil
	})
	if !errors.Is(err, broken) || calls != 3 {
		t.Fatalf("Stream returned %v after %d calls, want the emit error after 3", err, calls)
	}
}

// TestStreamRequireManifests: a path holding no YAML or JSON file stops the run
// before any file is emitted, and is named.
func TestStreamRequireManifests(t *testing.T) {
	dir := writeTree(t, map[string]string{"c.yaml": eiaConfig})
	empty := t.TempDir()
	sum, err := lint.Stream(lint.Input{Paths: []string{dir, empty}, RequireManifests: true}, lint.Options{}, func(*lint.FileResult) error {
		t.Fatal("a file was emitted")
		return nil
	})
	if err != nil || !reflect.DeepEqual(sum.NoManifest, []string{empty}) {
		t.Fatalf("got %+v, %v; want NoManifest [%s]", sum, err, empty)
	}
}

// TestStreamStdin: standard input is read once and serves both passes.
func TestStreamStdin(t *testing.T) {
	paths, got, _ := streamAll(t, lint.Input{Paths: []string{"-"}, Stdin: strings.NewReader(eiaConfig)})
	if !reflect.DeepEqual(paths, []string{"-"}) || len(got) == 0 {
		t.Fatalf("emitted %v with %d findings, want - with findings", paths, len(got))
	}
}

// TestStreamMatchesRunComponents: a copy-count check that sums the components of a
// variant across files (and the copy-count target of one of them) finds the same in a
// streamed run, where no set is in memory, as in Run.
func TestStreamMatchesRunComponents(t *testing.T) {
	data, err := os.ReadFile("../../examples/inference-components/llm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for i, doc := range strings.Split(string(data), "\n---\n") {
		files[fmt.Sprintf("doc-%02d.yaml", i)] = strings.Replace(doc, "RuntimeConfig: {CopyCount: 3}", "RuntimeConfig: {CopyCount: 4}", 1)
	}
	files["target.yaml"] = "kind: ScalableTarget\nServiceNamespace: sagemaker\nResourceId: inference-component/llm-chat\n" +
		"ScalableDimension: sagemaker:inference-component:DesiredCopyCount\nMinCapacity: 1\nMaxCapacity: 3\n"
	dir := writeTree(t, files)
	in := lint.Input{Paths: []string{dir}}
	res, err := lint.Run(in, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, got, _ := streamAll(t, in)
	finding.Sort(got)
	if !reflect.DeepEqual(got, res.Findings) {
		t.Fatalf("Stream found %d findings, Run %d; first difference: %s", len(got), len(res.Findings), firstDiff(got, res.Findings))
	}
	fits := 0
	for _, f := range got {
		if f.Rule == "inference-component-copies-fit" {
			fits++
			if !strings.Contains(f.Message, "llm-chat 3 x 1") {
				t.Errorf("the scaled copies of llm-chat are not counted: %s", f.Message)
			}
		}
	}
	if fits == 0 {
		t.Errorf("no inference-component-copies-fit finding across files: %v", got)
	}
}

// TestStreamReportsWhatItKeeps: Indexed is called once, before any file is emitted, with
// the bytes of the index and the file list, which grow with the corpus.
func TestStreamReportsWhatItKeeps(t *testing.T) {
	kept := func(n int) int {
		files := map[string]string{}
		for i := range n {
			files[fmt.Sprintf("c%03d.yaml", i)] = eiaConfig
		}
		dir := writeTree(t, files)
		calls, at, emitted := 0, 0, 0
		_, err := lint.Stream(lint.Input{Paths: []string{dir}, Indexed: func(k int) { calls++; at = k }}, lint.Options{}, func(*lint.FileResult) error {
			if calls != 1 {
				t.Fatalf("a file was emitted after %d Indexed calls, want 1", calls)
			}
			emitted++
			return nil
		})
		if err != nil || calls != 1 || emitted != n {
			t.Fatalf("err %v, %d Indexed calls, %d files emitted", err, calls, emitted)
		}
		return at
	}
	small, large := kept(10), kept(200)
	if small <= 0 || large < 15*small {
		t.Fatalf("kept %d bytes for 10 files, %d for 200: want it to grow with the files", small, large)
	}
}
