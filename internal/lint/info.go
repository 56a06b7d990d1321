package lint

import (
	"slices"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// sourceSep separates the items of Info.Source.
const sourceSep = "; "

// Sources returns the items of i.Source: each names what it cites and the https URL of
// the public page that states it.
func (i *Info) Sources() []string {
	if i.Source == "" {
		return nil
	}
	return strings.Split(i.Source, sourceSep)
}

// Severities returns every severity the rule's findings can take, lowest first:
// Severity and OtherSeverities.
func (i *Info) Severities() []finding.Severity {
	out := append([]finding.Severity{i.Severity}, i.OtherSeverities...)
	slices.Sort(out)
	return slices.Compact(out)
}
