package lint_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

const eia = `kind: EndpointConfig
EndpointConfigName: eia-config
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    # sagectl:ignore accelerator-type-deprecated until=2026-06-30 migrating off Elastic Inference
    AcceleratorType: ml.eia2.medium
`

// rulesOf lints src with opt and returns "rule@line" for every finding.
func rulesOf(t *testing.T, src string, opt lint.Options) string {
	t.Helper()
	f, docs, fs := manifest.Parse("m.yaml", []byte(src))
	if len(fs) > 0 {
		t.Fatalf("parse: %v", fs)
	}
	var got []string
	for _, fd := range lint.Check(&manifest.Set{Files: []*manifest.File{f}, Docs: docs}, nil, opt) {
		if fd.Rule == "accelerator-type-deprecated" || strings.HasPrefix(fd.Rule, "ignore-") {
			got = append(got, fd.Rule+"@"+fd.Severity.String())
		}
	}
	return strings.Join(got, " ")
}

func TestIgnoreExpiryUsesInjectedClock(t *testing.T) {
	at := func(y int, m time.Month, d int) func() time.Time {
		return func() time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	}
	if got := rulesOf(t, eia, lint.Options{Now: at(2026, 6, 30)}); got != "" {
		t.Errorf("on the until day: got %q, want the finding silenced", got)
	}
	want := "ignore-expired@warning accelerator-type-deprecated@error"
	if got := rulesOf(t, eia, lint.Options{Now: at(2026, 7, 1)}); got != want {
		t.Errorf("the day after: got %q, want %q", got, want)
	}
}

func TestIgnoreOfDisabledRuleIsNotUnused(t *testing.T) {
	var rules []lint.Rule
	for _, r := range lint.Registry() {
		if r.Info().ID != "accelerator-type-deprecated" {
			rules = append(rules, r)
		}
	}
	src := strings.Replace(eia, "until=2026-06-30 ", "", 1)
	if got := rulesOf(t, src, lint.Options{Rules: rules}); got != "" {
		t.Errorf("got %q, want nothing", got)
	}
}

func TestIgnoreFindingSeverityIsConfigurable(t *testing.T) {
	src := strings.Replace(eia, "until=2026-06-30 ", "", 1)
	src = strings.Replace(src, "ml.eia2.medium", "ml.eia2.medium\n    VolumeSizeInGB: 30 # sagectl:ignore accelerator-type-deprecated not here", 1)
	opt := lint.Options{Severity: map[string]finding.Severity{"ignore-unused": finding.Error}}
	if got, want := rulesOf(t, src, opt), "ignore-unused@error"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestIgnoreFindingsCanBeDisabled(t *testing.T) {
	src := strings.Replace(eia, "until=2026-06-30 ", "", 1) + "# sagectl:ignore accelerator-type-deprecated unused\n"
	if got, want := rulesOf(t, src, lint.Options{}), "ignore-unused@warning"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	var rules []lint.Rule
	for _, r := range lint.Registry() {
		if r.Info().ID != "ignore-unused" {
			rules = append(rules, r)
		}
	}
	if got := rulesOf(t, src, lint.Options{Rules: rules}); got != "" {
		t.Errorf("ignore-unused off: got %q", got)
	}
}
