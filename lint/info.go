package lint

import "strings"

// SourceSep separates the items of Info.Source.
const SourceSep = "; "

// Sources returns the items of i.Source: each names what it cites and the https URL of
// the public page that states it.
func (i *Info) Sources() []string {
	if i.Source == "" {
		return nil
	}
	return strings.Split(i.Source, SourceSep)
}
