package lint

import (
	"regexp"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// didYouMean reads the field an unknown-field finding suggests (schema messages end in
// `; did you mean "Field"?`).
var didYouMean = regexp.MustCompile(`did you mean "([A-Za-z0-9]+)"\?`)

// dropMeantFields keeps one finding per mistake: when an unknown key is a near-miss of
// a field (IntialSamplingPercentage for InitialSamplingPercentage, kmsKeyId, InstanceTyp),
// the author evidently meant to set that field, so the findings that reason from its
// absence — reported at the key's object or above it and naming the field (a required
// field missing, no KmsKeyId, a variant with no InstanceType) — are dropped, and the
// unknown key with its did-you-mean is the one finding. fs are one document's findings.
func dropMeantFields(fs []finding.Finding) []finding.Finding {
	type meant struct {
		parent string // JSON pointer of the object holding the misspelt key
		word   *regexp.Regexp
	}
	var ms []meant
	for _, f := range fs {
		if f.Rule != schemaUnknownFieldInfo.ID {
			continue
		}
		m := didYouMean.FindStringSubmatch(f.Message)
		if m == nil {
			continue
		}
		parent := f.Path[:max(strings.LastIndexByte(f.Path, '/'), 0)]
		ms = append(ms, meant{parent, regexp.MustCompile(`\b` + m[1] + `\b`)})
	}
	if len(ms) == 0 {
		return fs
	}
	kept := fs[:0]
next:
	for _, f := range fs {
		if f.Rule != schemaUnknownFieldInfo.ID {
			for _, m := range ms {
				above := f.Path == m.parent || strings.HasPrefix(m.parent, f.Path+"/")
				if above && m.word.MatchString(f.Message) {
					continue next
				}
			}
		}
		kept = append(kept, f)
	}
	return kept
}
