package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// namesVariantStable points out variant names that look generated and so change with every config.
type namesVariantStable struct{}

var namesVariantStableInfo = &Info{
	ID:       "variant-name-unstable",
	Severity: finding.Info,
	Summary:  "flags a VariantName that looks generated (a hash, UUID or timestamp)",
	Why: "Deployment guardrails (blue/green canary or linear shifts, rolling updates, auto-rollback) only apply when the new " +
		"endpoint config keeps the old config's variant names; with a different name SageMaker silently falls back to " +
		"all-at-once with no baking. A name carrying a hash or timestamp changes on every release and defeats them.",
	Source: "guardrails need the same variant names in the old and the new endpoint config: https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html",
	Fix:    "Name variants by their role (main, current, challenger) and keep the names across config versions; put versions in ModelName.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: churn-v9
ProductionVariants:
  - VariantName: main-3f9a2c1d
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "churn-v9"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: churn-v9
ProductionVariants:
  - VariantName: main
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "churn-v9"),
}

var (
	hexRun    = regexp.MustCompile(`^[0-9a-fA-F]{7,}$`)
	digitsRun = regexp.MustCompile(`[0-9]{8,}`)
)

// generatedPart returns the part of name that looks machine-made, or "".
func generatedPart(name string) string {
	for _, seg := range strings.Split(name, "-") {
		if hexRun.MatchString(seg) && strings.ContainsAny(seg, "0123456789") && strings.IndexFunc(seg, isHexLetter) >= 0 {
			return seg
		}
		if d := digitsRun.FindString(seg); d != "" {
			return d
		}
	}
	return ""
}

func isHexLetter(r rune) bool { return r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F' }

func (namesVariantStable) Info() *Info { return namesVariantStableInfo }

func (namesVariantStable) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		n := manifest.Get(v.Node, "VariantName")
		name, ok := manifest.Str(n)
		if !ok {
			continue
		}
		if part := generatedPart(name); part != "" {
			p.Report(n, fmt.Sprintf("VariantName %q looks generated (%q); deployment guardrails need the same variant names in the old and the new config",
				name, part), "use a stable name such as main or challenger and keep it across config versions")
		}
	}
}
