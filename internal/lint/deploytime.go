package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// dropDeployTime removes the findings about values only known at deploy time (a
// CloudFormation intrinsic function such as !Ref): neither the schema nor a rule can
// judge them. A finding at the key of such a value (a field that must not be set at
// all) is kept.
func dropDeployTime(docs []*manifest.Document, fs []finding.Finding) []finding.Finding {
	at := manifest.DeployTimePositions(docs)
	if at == nil {
		return fs
	}
	kept := fs[:0]
	for _, f := range fs {
		if !at[manifest.Position{File: f.File, Line: f.Line, Col: f.Col}] {
			kept = append(kept, f)
		}
	}
	return kept
}
