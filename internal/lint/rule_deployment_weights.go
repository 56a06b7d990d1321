package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// deploymentWeights reports a variant named twice in DesiredWeightsAndCapacities.
type deploymentWeights struct{}

var deploymentWeightsInfo = &Info{
	ID:       "deployment-weights-variant-repeated",
	Severity: finding.Error,
	Summary:  "flags a VariantName that appears more than once in DesiredWeightsAndCapacities",
	Why: "DesiredWeightsAndCapacities is sent as one UpdateEndpointWeightsAndCapacities request that sets each named variant's " +
		"weight and capacity. Naming a variant twice gives it two contradictory targets; which one applies is not what the manifest says.",
	Source: "UpdateEndpointWeightsAndCapacities.DesiredWeightsAndCapacities (that each variant is listed once is inferred): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html; " +
		"DesiredWeightAndCapacity.VariantName (required): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DesiredWeightAndCapacity.html",
	Fix:   "List each variant once with its desired weight and instance count.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DesiredWeightsAndCapacities:
  - {VariantName: current, DesiredWeight: 2}
  - {VariantName: current, DesiredInstanceCount: 3}
`,
	Good: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DesiredWeightsAndCapacities:
  - {VariantName: current, DesiredWeight: 2, DesiredInstanceCount: 3}
  - {VariantName: challenger, DesiredWeight: 1}
`,
}

func (deploymentWeights) Info() *Info { return deploymentWeightsInfo }

func (deploymentWeights) Check(p *Pass) {
	seen := map[string]*yaml.Node{}
	for _, w := range manifest.Items(manifest.Get(p.Doc.Body, "DesiredWeightsAndCapacities")) {
		n := manifest.Get(w, "VariantName")
		name, ok := manifest.Str(n)
		if !ok {
			continue
		}
		if first, dup := seen[name]; dup {
			p.Report(n, fmt.Sprintf("variant %q already has desired weights and capacity at line %d", name, first.Line),
				"merge the two entries into one")
			continue
		}
		seen[name] = n
	}
}
