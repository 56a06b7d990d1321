package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
)

// referenceVariant reports DesiredWeightsAndCapacities entries naming a variant that the
// endpoint's config (when it is in the linted files) does not have.
type referenceVariant struct{}

var referenceVariantInfo = &Info{
	ID:       "unresolved-variant-name",
	Severity: finding.Error,
	Summary:  "flags a DesiredWeightsAndCapacities entry naming a variant that the endpoint's config does not have",
	Why: "UpdateEndpointWeightsAndCapacities changes the weight and capacity of variants the endpoint already runs, " +
		"addressed by VariantName. A name that is not a variant of the endpoint's config makes the call fail, so the traffic " +
		"shift the manifest asks for never happens. The check runs when the EndpointConfig is in the linted files.",
	Source: "DesiredWeightAndCapacity.VariantName (\"The name of the variant to update\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DesiredWeightAndCapacity.html; " +
		"UpdateEndpointWeightsAndCapacities: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html",
	Fix:   "Use the VariantName of one of the config's ProductionVariants.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: churn-prod-v9
ProductionVariants:
  - VariantName: current
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DesiredWeightsAndCapacities:
  - {VariantName: AllTraffic, DesiredInstanceCount: 3}
`, "churn-v9"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: churn-prod-v9
ProductionVariants:
  - VariantName: current
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DesiredWeightsAndCapacities:
  - {VariantName: current, DesiredInstanceCount: 3}
`, "churn-v9"),
}

func (referenceVariant) Info() *Info { return referenceVariantInfo }

func (referenceVariant) Check(p *Pass) {
	config, ok := endpointConfigOf(p)
	if !ok {
		return // not in the linted files: unresolved-endpoint-config-name reports it
	}
	var names []string
	for _, v := range variants(config.Doc.Body) {
		if s, ok := manifest.Str(manifest.Get(v.Node, "VariantName")); ok {
			names = append(names, s)
		}
	}
	if len(names) == 0 {
		return // a config without named variants is the schema's to report
	}
	for _, w := range manifest.Items(manifest.Get(p.Doc.Body, "DesiredWeightsAndCapacities")) {
		n := manifest.Get(w, "VariantName")
		name, ok := manifest.Str(n)
		if !ok || slices.Contains(names, name) {
			continue
		}
		hint := fmt.Sprintf("use one of the config's variants: %s", strings.Join(names, ", "))
		if sug := suggest.Closest(name, names); sug != "" {
			hint = fmt.Sprintf("did you mean %q?", sug)
		}
		p.Report(n, fmt.Sprintf("variant %q is not a variant of EndpointConfig %q (%s)", name, config.Name, where(p, config)), hint)
	}
}
