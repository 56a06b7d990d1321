package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// renderStreamed renders fs as a streamed run does: file by file, FileDone after each
// file's findings, nothing in Options.Files or Options.Docs.
func renderStreamed(t *testing.T, name string, opt Options, fs []finding.Finding) string {
	t.Helper()
	docsOf := map[string][]*manifest.Document{}
	for _, d := range opt.Docs {
		docsOf[d.File.Path] = append(docsOf[d.File.Path], d)
	}
	files := opt.Files
	opt.Files, opt.Docs = nil, nil
	var b bytes.Buffer
	opt.W = &b
	r, err := New(name, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		for _, f := range fs {
			if f.File == path {
				if err := r.Write(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		if fd, ok := r.(FileDone); ok {
			if err := fd.FileDone(path, docsOf[path]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestJUnitStreamedIsUnchanged: suites written file by file (spooled, the totals
// written at the end) give the document Flush builds from every finding at once.
func TestJUnitStreamedIsUnchanged(t *testing.T) {
	opt, fs := sample(t)
	opt.FailOn = finding.Warning
	whole, streamed := render(t, "junit", opt, fs), renderStreamed(t, "junit", opt, fs)
	if whole != streamed {
		t.Fatalf("streamed JUnit differs:\n%s\nfrom:\n%s", streamed, whole)
	}
	if empty := renderStreamed(t, "junit", Options{}, nil); empty != "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sagectl lint\" tests=\"0\" failures=\"0\"></testsuites>\n" {
		t.Errorf("empty JUnit: %q", empty)
	}
}

// TestJSONAndSARIFStreamAsEncodingJSONIndents: the findings written one by one make
// the bytes encoding/json gives the whole report, as before the formats streamed.
func TestJSONAndSARIFStreamAsEncodingJSONIndents(t *testing.T) {
	opt, fs := sample(t)
	opt.Root = "/repo"
	reencode := func(out string, into any) string {
		if err := json.Unmarshal([]byte(out), into); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		if err := enc.Encode(into); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	type jsonReport struct {
		FormatVersion int           `json:"formatVersion"`
		Findings      []jsonFinding `json:"findings"`
	}
	for _, tc := range []struct {
		format string
		fs     []finding.Finding
		into   func() any
	}{
		{"json", fs, func() any { return &jsonReport{} }},
		{"json", nil, func() any { return &jsonReport{} }},
		{"sarif", fs, func() any { return &sarifLog{} }},
		{"sarif", nil, func() any { return &sarifLog{} }},
		{"sarif", append(fs[:1:1], finding.Finding{Rule: "undocumented", File: "dir/sample.yaml", Line: 2, Col: 1, Message: "m"}), func() any { return &sarifLog{} }},
	} {
		out := renderStreamed(t, tc.format, opt, tc.fs)
		if want := reencode(out, tc.into()); out != want {
			t.Errorf("%s of %d findings is not encoding/json's:\n%s\nwant:\n%s", tc.format, len(tc.fs), out, want)
		}
	}
}
