package suppress

import (
	"fmt"
	"time"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
)

// Rule IDs of the findings about ignore comments themselves.
const (
	RuleUnused  = "ignore-unused"
	RuleInvalid = "ignore-invalid"
	RuleExpired = "ignore-expired"
)

// Options tune Apply.
type Options struct {
	// Now is the current time, for until= expiry; the zero value means time.Now().
	Now time.Time
	// Rules lists every rule ID that exists; an ignore naming another is invalid.
	Rules []string
	// Ran reports whether a rule ran, so that an ignore of it that silenced nothing is
	// unused; nil means every rule in Rules ran. Ignores of rules that did not run
	// (disabled in the configuration) are not reported as unused.
	Ran func(id string) bool
}

type target struct {
	file string
	line int
}

// Apply removes the findings that ignore comments in files silence and adds a warning
// for every ignore comment that is malformed, names an unknown rule, has expired or
// silenced nothing. Findings of the ignore-* rules are never silenced.
func Apply(files []*manifest.File, fs []finding.Finding, opt Options) []finding.Finding {
	var all []Ignore
	for _, f := range files {
		all = append(all, Scan(f)...)
	}
	if len(all) == 0 {
		return fs
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	known := make(map[string]bool, len(opt.Rules))
	for _, id := range opt.Rules {
		known[id] = true
	}
	out := make([]finding.Finding, 0, len(fs)+len(all))
	report := func(ig *Ignore, col int, rule, msg, hint string) {
		out = append(out, finding.Finding{Rule: rule, Severity: finding.Warning, File: ig.File, Line: ig.Line, Col: col,
			Message: msg, Hint: hint})
	}
	active := map[target][]*Ignore{}
	used := map[*Ignore]map[string]bool{}
	for i := range all {
		ig := &all[i]
		if ig.Problem != "" {
			report(ig, ig.ProblemCol, RuleInvalid, ig.Problem, "example: # sagectl:ignore rule-id reason until=2030-01-31")
			continue
		}
		ok := true
		for _, r := range ig.Rules {
			if known[r.ID] {
				continue
			}
			ok = false
			hint := "'sagectl rules' lists the rule IDs"
			if s := suggest.Closest(r.ID, opt.Rules); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			report(ig, r.Col, RuleInvalid, fmt.Sprintf("ignore comment names unknown rule %q: it silences nothing", r.ID), hint)
		}
		if !ok {
			continue
		}
		if !ig.Until.IsZero() && today.After(ig.Until) {
			report(ig, ig.Col, RuleExpired, fmt.Sprintf("ignore comment expired on %s: it silences nothing any more", ig.Until.Format(dateLayout)),
				"fix the finding and remove the comment, or set a later until= date")
			continue
		}
		t := target{ig.File, ig.Target}
		active[t] = append(active[t], ig)
		used[ig] = map[string]bool{}
	}
	for _, f := range fs {
		if silenced(f, active[target{f.File, f.Line}], used) {
			continue
		}
		out = append(out, f)
	}
	for i := range all {
		ig := &all[i]
		u, ok := used[ig]
		if !ok {
			continue
		}
		for _, r := range ig.Rules {
			if u[r.ID] || (opt.Ran != nil && !opt.Ran(r.ID)) {
				continue
			}
			report(ig, r.Col, RuleUnused, fmt.Sprintf("ignore of %s silenced nothing: no %s finding on line %d", r.ID, r.ID, ig.Target),
				"remove the ignore, or put it on the finding's line or the line above")
		}
	}
	return out
}

// silenced reports whether one of igs covers f, and records the use.
func silenced(f finding.Finding, igs []*Ignore, used map[*Ignore]map[string]bool) bool {
	switch f.Rule {
	case RuleUnused, RuleInvalid, RuleExpired:
		return false
	}
	hit := false
	for _, ig := range igs {
		for _, r := range ig.Rules {
			if r.ID == f.Rule {
				used[ig][r.ID] = true
				hit = true
			}
		}
	}
	return hit
}
