package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

func TestGitHubAnnotations(t *testing.T) {
	opt, fs := sample(t)
	opt.Rel = func(p string) string { return "sub,dir:x/" + p }
	fs = append(fs, finding.Finding{Rule: "r", Severity: finding.Error, File: "f.yaml", Line: 2, Col: 3, EndLine: 4, EndCol: 1, Message: "spans lines"})
	lines := strings.Split(strings.TrimSuffix(render(t, "github", opt, fs), "\n"), "\n")
	want := []string{
		"::error file=sub%2Cdir%3Ax/dir/sample.yaml,line=5,col=5,endColumn=19,title=sagectl accelerator-type-deprecated::AcceleratorType is retired%0Ahint: remove it",
		"::warning file=sub%2Cdir%3Ax/dir/sample.yaml,line=1,col=1,title=sagectl kms-default-key::no KmsKeyId, key: default",
		"::notice file=sub%2Cdir%3Ax/dir/sample.yaml,line=9,col=21,title=sagectl reference::config, 50%25 of traffic%0Anext line",
		"::warning file=sub%2Cdir%3Ax/dir/empty.yaml,title=sagectl manifest-document::file is empty",
		"::error file=sub%2Cdir%3Ax/f.yaml,line=2,endLine=4,title=sagectl r::spans lines",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), strings.Join(lines, "\n"))
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got: %s\nwant: %s", i+1, lines[i], want[i])
		}
	}
}

func TestGitHubOverLimitWritesEverythingAndSummary(t *testing.T) {
	opt, _ := sample(t)
	var summary bytes.Buffer
	opt.StepSummary = &summary
	var fs []finding.Finding
	for i := 1; i <= 12; i++ {
		fs = append(fs, finding.Finding{Rule: "r", Severity: finding.Error, File: "a.yaml", Line: i, Col: 1, Message: fmt.Sprintf("problem %d | piped", i)})
	}
	out := render(t, "github", opt, fs)
	if n := strings.Count(out, "::error "); n != 12 {
		t.Errorf("printed %d annotations, want all 12", n)
	}
	s := summary.String()
	if rows := strings.Count(s, "\n| error | a.yaml |"); rows != 12 {
		t.Errorf("summary has %d rows, want 12:\n%s", rows, s)
	}
	if !strings.Contains(s, "12 errors, 0 warnings, 0 info. GitHub shows at most 10") || !strings.Contains(s, `problem 12 \| piped`) {
		t.Errorf("summary lacks the limit note or escaping:\n%s", s)
	}
}

func TestGitHubNoSummaryWithoutStepSummary(t *testing.T) {
	opt, fs := sample(t)
	if out := render(t, "github", opt, fs); strings.Contains(out, "| severity |") {
		t.Errorf("summary table written to the annotations stream:\n%s", out)
	}
}

func TestGitHubSummaryCounts(t *testing.T) {
	opt, fs := sample(t)
	var summary bytes.Buffer
	opt.StepSummary = &summary
	render(t, "github", opt, fs)
	if s := summary.String(); !strings.Contains(s, "1 error, 2 warnings, 1 info.\n") || strings.Contains(s, "at most") {
		t.Errorf("summary:\n%s", s)
	}
	summary.Reset()
	render(t, "github", opt, nil)
	if summary.String() != "## sagectl lint\n\nNo findings.\n" {
		t.Errorf("empty summary: %q", summary.String())
	}
}
