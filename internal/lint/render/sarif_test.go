package render

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

var (
	sarifSchemaOnce sync.Once
	sarifSchema     *jsonschema.Schema
	sarifSchemaErr  error
)

// validateSARIF checks out against the official SARIF 2.1.0 schema (a copy in testdata).
func validateSARIF(t *testing.T, out string) map[string]any {
	t.Helper()
	sarifSchemaOnce.Do(func() {
		sarifSchema, sarifSchemaErr = jsonschema.NewCompiler().Compile("../../../testdata/sarif-schema-2.1.0.json")
	})
	if sarifSchemaErr != nil {
		t.Fatalf("compiling the SARIF schema: %v", sarifSchemaErr)
	}
	s := sarifSchema
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("SARIF output is not JSON: %v\n%s", err, out)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("SARIF output does not validate: %#v\n%s", err, out)
	}
	return v
}

type sarifOut struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID               string
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
		}
	}
}

func parseSARIF(t *testing.T, out string) sarifOut {
	t.Helper()
	validateSARIF(t, out)
	var s sarifOut
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 1 {
		t.Fatalf("got %d runs, want exactly 1", len(s.Runs))
	}
	return s
}

func TestSARIFValidatesAndLocates(t *testing.T) {
	opt, fs := sample(t)
	opt.Rel = func(p string) string { return "repo/" + p }
	fs = append(fs, finding.Finding{Rule: "undocumented-rule", Severity: finding.Error, File: "dir/my file.yaml", Line: 2, Col: 3, Message: "x"})
	s := parseSARIF(t, render(t, "sarif", opt, fs))
	run := s.Runs[0]
	if len(run.Results) != len(fs) {
		t.Fatalf("got %d results, want %d", len(run.Results), len(fs))
	}
	for i, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		if loc.Region.StartLine < 1 {
			t.Errorf("result %d: startLine %d < 1", i, loc.Region.StartLine)
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d names %s, not %s", i, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID, r.RuleID)
		}
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "repo/dir/") {
			t.Errorf("result %d: uri %q is not relative to the repository", i, loc.ArtifactLocation.URI)
		}
	}
	first := run.Results[0]
	if reg := first.Locations[0].PhysicalLocation.Region; reg.StartLine != 5 || reg.StartColumn != 5 || reg.EndLine != 5 || reg.EndColumn != 20 {
		t.Errorf("region = %+v, want 5:5-5:20 (endColumn exclusive)", reg)
	}
	if first.Level != "error" || run.Results[2].Level != "note" {
		t.Errorf("levels = %s, %s", first.Level, run.Results[2].Level)
	}
	if got := run.Results[4].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "repo/dir/my%20file.yaml" {
		t.Errorf("uri = %q, want the space escaped", got)
	}
	rule := run.Tool.Driver.Rules[0]
	if rule.ShortDescription.Text != "no EI" || !strings.Contains(rule.FullDescription.Text, "retired") ||
		!strings.Contains(rule.Help.Text, "remove it") || !strings.Contains(rule.Help.Markdown, "## Bad") ||
		!strings.HasSuffix(rule.HelpURI, "/accelerator-type-deprecated.md") {
		t.Errorf("rule not fully described: %+v", rule)
	}
}

func TestSARIFEmptyRunHasOneRun(t *testing.T) {
	opt, _ := sample(t)
	opt.Rules = nil // no documented rules at all must still give a valid log
	s := parseSARIF(t, render(t, "sarif", opt, nil))
	if s.Runs[0].Results == nil {
		t.Error("results missing")
	}
}

// fingerprintOf lints src's flagged line (the line holding "AcceleratorType") and
// returns the SARIF fingerprint of a finding there.
func fingerprintOf(t *testing.T, path, src, rule string) string {
	t.Helper()
	f := manifest.NewFile(path, []byte(src))
	line := 0
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, "AcceleratorType") {
			line = i + 1
			break
		}
	}
	opt := Options{Source: func(string) *manifest.File { return f }}
	s := parseSARIF(t, render(t, "sarif", opt, []finding.Finding{{Rule: rule, File: path, Line: line, Col: 5, Message: "m"}}))
	return s.Runs[0].Results[0].PartialFingerprints["primaryLocationLineHash"]
}

func TestSARIFFingerprintSurvivesUnrelatedEdits(t *testing.T) {
	base := fingerprintOf(t, "a.yaml", sampleSrc, "r")
	moved := fingerprintOf(t, "a.yaml", "# a new comment\n\n"+strings.Replace(sampleSrc, "    AcceleratorType", "      AcceleratorType", 1), "r")
	if base == "" || base != moved {
		t.Errorf("fingerprint changed when lines were added above and indentation changed: %q vs %q", base, moved)
	}
	for name, other := range map[string]string{
		"other rule":  fingerprintOf(t, "a.yaml", sampleSrc, "s"),
		"other file":  fingerprintOf(t, "b.yaml", sampleSrc, "r"),
		"other value": fingerprintOf(t, "a.yaml", strings.Replace(sampleSrc, "eia2.medium", "eia2.large", 1), "r"),
	} {
		if other == base {
			t.Errorf("%s: fingerprint did not change", name)
		}
	}
}

func TestSARIFFingerprintsOfIdenticalLinesDiffer(t *testing.T) {
	opt, _ := sample(t)
	f := finding.Finding{Rule: "r", File: "dir/sample.yaml", Line: 5, Col: 5, Message: "m"}
	s := parseSARIF(t, render(t, "sarif", opt, []finding.Finding{f, f}))
	a, b := s.Runs[0].Results[0].PartialFingerprints["primaryLocationLineHash"], s.Runs[0].Results[1].PartialFingerprints["primaryLocationLineHash"]
	if a == b || !strings.HasSuffix(a, ":1") || !strings.HasSuffix(b, ":2") {
		t.Errorf("fingerprints %q and %q", a, b)
	}
}

func TestSARIFClipsLongDescriptions(t *testing.T) {
	opt, _ := sample(t)
	base := opt.Rules
	opt.Rules = func() []RuleDoc {
		r := base()
		r[0].Why = strings.Repeat("é", 3000)
		return r
	}
	s := parseSARIF(t, render(t, "sarif", opt, nil))
	if n := len([]rune(s.Runs[0].Tool.Driver.Rules[0].FullDescription.Text)); n > maxDescription {
		t.Errorf("fullDescription has %d characters, GitHub allows %d", n, maxDescription)
	}
}

// TestSARIFSchemaIsEnforced proves the validation above can fail: a region at line 0
// (which GitHub rejects) does not pass the schema.
func TestSARIFSchemaIsEnforced(t *testing.T) {
	opt, fs := sample(t)
	out := render(t, "sarif", opt, fs[:1])
	bad := strings.Replace(out, `"startLine": 5`, `"startLine": 0`, 1)
	if bad == out {
		t.Fatal("startLine not found in output")
	}
	validateSARIF(t, out)
	var v any
	if err := json.Unmarshal([]byte(bad), &v); err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema.Validate(v); err == nil {
		t.Error("the schema accepted startLine 0")
	}
}
