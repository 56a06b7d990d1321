// Package lint checks manifests against the JSON Schema and SageMaker's rules.
//
// Run is the one entry point (run.go): it loads the manifests, runs the rules on all
// CPUs (parallel.go), applies the ignore comments (rule_ignore.go), then the
// configuration (severities, disabled rules) once to every finding, the loader's
// included, and sorts once. The CLI only parses flags and prints the Result; plan
// plans a Result without errors.
//
// A rule is a small type in its own file (rule_<name>.go) that implements Rule; the
// registry in registry.go lists every rule explicitly. Only rules live in rule_*.go files;
// the helpers several rules share are in files named after what they hold (variant_fields.go,
// model_features.go, kms.go, names.go, reference.go, s3uri.go, schema_findings.go, tags.go,
// weights.go). Rules receive a Pass per
// document and report findings at YAML nodes, so every finding has a position.
package lint

import (
	"strings"
	"sync"
	"time"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// Info describes a rule: its identity, default severity and documentation. The
// documentation feeds `sagectl rules`, `sagectl explain` and SARIF output.
type Info struct {
	// ID is the stable kebab-case rule name.
	ID string
	// Severity is the default severity of the rule's findings.
	Severity finding.Severity
	// OtherSeverities lists the severities besides Severity that some of the rule's
	// findings take (reported with Pass.ReportAs); listings show them all (Severities).
	OtherSeverities []finding.Severity
	// Summary is one line: what the rule checks.
	Summary string
	// Why explains the reason, in a few sentences.
	Why string
	// Source cites where the rule's facts come from: a "; "-separated list, each item
	// naming what it cites and the https URL of a public page (API reference, developer
	// guide, SDK doc, an AWS statement in a public issue) that states it.
	Source string
	// Fix says how to fix a finding.
	Fix string
	// Bad is a manifest that triggers the rule; Good is its fixed form.
	Bad, Good string
	// Kinds lists the document kinds the rule checks; empty means all kinds.
	Kinds []manifest.Kind
	// Informational marks a rule whose findings only show what a manifest does (the
	// traffic split) and judge nothing: they are printed but never fail a run,
	// whatever --fail-on or the configured severity (Fails).
	Informational bool
}

// Fails reports whether f fails a run that fails on failOn: its severity is at or above
// failOn and its rule is not Informational.
func Fails(f finding.Finding, failOn finding.Severity) bool {
	if f.Severity < failOn {
		return false
	}
	informationalOnce.Do(func() {
		informational = map[string]bool{}
		for _, r := range Registry() {
			if r.Info().Informational {
				informational[r.Info().ID] = true
			}
		}
	})
	return !informational[f.Rule]
}

var (
	informationalOnce sync.Once
	informational     map[string]bool
)

// Rule is one check.
type Rule interface {
	// Info returns the rule's description.
	Info() *Info
	// Check inspects p.Doc (cross-document rules also the run's name index) and reports findings.
	Check(p *Pass)
}

// Pass is what a rule sees while checking one document.
type Pass struct {
	// Doc is the document being checked.
	Doc *manifest.Document
	// Set is every document being linted when they are all in memory (Check); nil in a
	// streamed run (Stream). Cross-document rules look names up in the run's name index.
	Set *manifest.Set
	// Context is the names the repository's manifests define (Options.Context), or nil.
	Context *manifest.Index
	// names is the run's index of the names the linted files define (nil: none);
	// fileDocs are the documents of the file being checked, its index file.
	names    *nameIndex
	file     int32
	fileDocs []*manifest.Document
	info     *Info
	out      []finding.Finding
	memo     map[string]any
}

// Memo returns the value computed for key during this check of the document, calling
// compute only the first time: rules that derive the same data from a document (the
// schema rules share one validation) compute it once.
func (p *Pass) Memo(key string, compute func() any) any {
	if v, ok := p.memo[key]; ok {
		return v
	}
	if p.memo == nil {
		p.memo = map[string]any{}
	}
	v := compute()
	p.memo[key] = v
	return v
}

// Report records a finding at node n with the rule's default severity.
func (p *Pass) Report(n *yaml.Node, msg, hint string) {
	p.ReportAs(p.info.Severity, n, msg, hint)
}

// ReportAs records a finding at node n with an explicit severity.
func (p *Pass) ReportAs(sev finding.Severity, n *yaml.Node, msg, hint string) {
	if n == nil {
		n = p.Doc.Body
	}
	f := finding.Finding{Rule: p.info.ID, Severity: sev, File: p.Doc.File.Path, Line: n.Line, Col: n.Column,
		Doc: p.Doc.Index, Message: msg, Hint: hint}
	if n.Kind == yaml.ScalarNode && n.Line > 0 {
		f.EndLine, f.EndCol = n.Line, n.Column+max(tokenWidth(n), 1)-1
	}
	f.Path = manifest.PointerTo(p.Doc.Body, n)
	p.out = append(p.out, f)
}

// tokenWidth is the width in runes of a scalar as written on its line, so a caret
// covers the token: the quotes of a quoted value and the escapes of a double-quoted one
// included. Block scalars (| and >) and values with line breaks cover their first line's
// value as parsed.
func tokenWidth(n *yaml.Node) int {
	w := len([]rune(n.Value))
	switch n.Style {
	case yaml.SingleQuotedStyle:
		return w + 2 + strings.Count(n.Value, "'")
	case yaml.DoubleQuotedStyle: // each of " \ and a line break is written escaped, one rune more
		return w + 2 + strings.Count(n.Value, `"`) + strings.Count(n.Value, `\`) + strings.Count(n.Value, "\n")
	}
	return w
}

// Options select and tune the rules that run.
type Options struct {
	// Rules to run; nil means Registry().
	Rules []Rule
	// Severity overrides the default severity of a rule by ID (for every finding of
	// that rule: the loader's, the rules', the ignore comments').
	Severity map[string]finding.Severity
	// Now returns the current time, for the until= dates of ignore comments; nil means time.Now.
	Now func() time.Time
	// Context, when not nil, is the names every manifest of the repository defines:
	// references resolve against it as well as against the linted files, while
	// findings are still reported only for the linted files (manifest.IndexRepo).
	Context *manifest.Index
}

// rules returns the rules to run.
func (o Options) rules() []Rule {
	if o.Rules == nil {
		return Registry()
	}
	return o.Rules
}

// checkDocument runs rules over one document.
func checkDocument(d *manifest.Document, set *manifest.Set, ctx *manifest.Index, rules []Rule) []finding.Finding {
	return check(&Pass{Doc: d, Set: set, Context: ctx, names: namesOf(set)}, rules)
}

// check runs rules over p.Doc.
func check(p *Pass, rules []Rule) []finding.Finding {
	d := p.Doc
	for _, r := range rules {
		if info := r.Info(); appliesTo(info, d.Kind) {
			p.info = info
			r.Check(p)
		}
	}
	return dropMeantFields(p.out) // nearmiss.go
}

func appliesTo(info *Info, k manifest.Kind) bool {
	if len(info.Kinds) == 0 {
		return true
	}
	for _, x := range info.Kinds {
		if x == k {
			return true
		}
	}
	return false
}
