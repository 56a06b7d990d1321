package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// deploymentExclude warns when ExcludeRetainedVariantProperties is set without RetainAllVariantProperties.
type deploymentExclude struct{}

var deploymentExcludeInfo = &Info{
	ID:       "deployment-exclude-without-retain",
	Severity: finding.Warning,
	Summary:  "flags ExcludeRetainedVariantProperties without RetainAllVariantProperties: true, where it has no effect",
	Why: "ExcludeRetainedVariantProperties names the variant properties (DesiredInstanceCount, DesiredWeight) that an update " +
		"takes from the new config instead of keeping them. It only applies when RetainAllVariantProperties is true; with " +
		"false, the default, nothing is retained anyway, so the list does nothing and the intent (keep the rest) is lost.",
	Source: "UpdateEndpoint.ExcludeRetainedVariantProperties (\"When you are updating endpoint resources with RetainAllVariantProperties, whose value is set to true\"), RetainAllVariantProperties (\"The default is false\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html",
	Fix:    "Set RetainAllVariantProperties: true to keep the live values except the excluded ones, or remove ExcludeRetainedVariantProperties.",
	Kinds:  []manifest.Kind{manifest.KindEndpoint},
	Bad: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
ExcludeRetainedVariantProperties:
  - VariantPropertyType: DesiredWeight
`,
	Good: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
RetainAllVariantProperties: true
ExcludeRetainedVariantProperties:
  - VariantPropertyType: DesiredWeight
`,
}

func (deploymentExclude) Info() *Info { return deploymentExcludeInfo }

func (deploymentExclude) Check(p *Pass) {
	k, list := manifest.Lookup(p.Doc.Body, "ExcludeRetainedVariantProperties")
	if len(manifest.Items(list)) == 0 {
		return
	}
	if r := manifest.Get(p.Doc.Body, "RetainAllVariantProperties"); !manifest.IsNull(r) {
		if retain, ok := manifest.Bool(r); retain || !ok {
			return // retained, or not a boolean (the schema reports that)
		}
	}
	msg := "ExcludeRetainedVariantProperties is set but RetainAllVariantProperties is not true, so nothing is retained and the list has no effect"
	p.Report(k, msg, "set RetainAllVariantProperties: true, or remove ExcludeRetainedVariantProperties")
}
