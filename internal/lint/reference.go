package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
	"gopkg.in/yaml.v3"
)

// maxListedNames bounds how many defined names a reference finding lists.
const maxListedNames = 5

// checkReference reports field n when it names no document of kind in p.Set: a warning
// (with a did-you-mean) when the set defines documents of that kind, else an info, as
// the resource may exist live. The info is given once per name and document: infoDone
// records the names already reported.
func checkReference(p *Pass, n *yaml.Node, field string, kind manifest.Kind, infoDone map[string]bool) {
	name, ok := manifest.Str(n)
	if !ok || name == "" || p.names == nil {
		return
	}
	ix := p.names
	if ix.has(kind, name) || p.Context.Has(kind, name) {
		return
	}
	if other, found := ix.foldedOf(p, kind, manifest.NameKey(name)); found {
		// SageMaker names are case-insensitive: it is that resource, spelled another way.
		p.ReportAs(finding.Warning, n, fmt.Sprintf("%s %q is %s %q at %s spelled in another case; SageMaker names are case-insensitive, so it names that %s",
			field, name, kind, other.Name, where(p, other), kind), fmt.Sprintf("spell it %q, as its manifest does", other.Name))
		return
	}
	names, scope := ix.sortedOf(kind), "the linted files"
	if p.Context != nil {
		names, scope = union(names, p.Context.Names(kind)), "the repository"
	}
	if len(names) == 0 {
		if infoDone[name] {
			return
		}
		infoDone[name] = true
		hint := fmt.Sprintf("lint the %s manifest together with this one, or make sure it exists before apply", kind)
		if p.Context != nil {
			hint = fmt.Sprintf("add the %s manifest to the repository, or make sure it exists before apply", kind)
		}
		p.ReportAs(finding.Info, n, fmt.Sprintf("%s %q: no %s manifest is in %s, so the %s must already exist in the account",
			field, name, kind, scope, kind), hint)
		return
	}
	if sug := suggest.Closest(name, names); sug != "" {
		p.ReportAs(finding.Warning, n, fmt.Sprintf("%s %q names no %s in %s", field, name, kind, scope), fmt.Sprintf("did you mean %q?", sug))
		return
	}
	listed := names[:min(len(names), maxListedNames)]
	more := ""
	if len(names) > len(listed) {
		more = fmt.Sprintf(" and %d more", len(names)-len(listed))
	}
	p.ReportAs(finding.Warning, n, fmt.Sprintf("%s %q names no %s in %s (they define %s%s)", field, name, kind, scope, strings.Join(listed, ", "), more),
		fmt.Sprintf("fix the name, or add its %s manifest to %s if it is managed elsewhere", kind, scope))
}

// union returns the sorted names in a or b (both sorted).
func union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}
