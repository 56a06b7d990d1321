package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// serverlessProvisioned reports a ProvisionedConcurrency above MaxConcurrency, in an
// EndpointConfig's ServerlessConfig or an Endpoint's ServerlessUpdateConfig.
type serverlessProvisioned struct{}

var serverlessProvisionedInfo = &Info{
	ID:       "serverless-provisioned-le-max",
	Severity: finding.Error,
	Summary:  "flags a ProvisionedConcurrency above MaxConcurrency",
	Why: "Provisioned concurrency keeps that many serverless workers warm out of the endpoint's maximum; the model documents " +
		"it as \"Should be less than or equal to MaxConcurrency\" and SageMaker rejects a larger value. The same holds for " +
		"ServerlessUpdateConfig in DesiredWeightsAndCapacities.",
	Source: "ProductionVariantServerlessConfig.ProvisionedConcurrency (\"Should be less than or equal to MaxConcurrency\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html; " +
		"serverless endpoints: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html",
	Fix:   "Lower ProvisionedConcurrency or raise MaxConcurrency (at most 200).",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig, manifest.KindEndpoint},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
      ProvisionedConcurrency: 10
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 10
      ProvisionedConcurrency: 5
`, "my-model"),
}

func (serverlessProvisioned) Info() *Info { return serverlessProvisionedInfo }

func (serverlessProvisioned) Check(p *Pass) {
	if p.Doc.Kind == manifest.KindEndpoint {
		for _, d := range manifest.Items(manifest.Get(p.Doc.Body, "DesiredWeightsAndCapacities")) {
			checkProvisioned(p, manifest.Get(d, "ServerlessUpdateConfig"), "ServerlessUpdateConfig")
		}
		return
	}
	for _, v := range variants(p.Doc.Body) {
		checkProvisioned(p, manifest.Get(v.Node, "ServerlessConfig"), "ServerlessConfig of variant "+v.name())
	}
}

func checkProvisioned(p *Pass, cfg *yaml.Node, where string) {
	pn := manifest.Get(cfg, "ProvisionedConcurrency")
	prov, ok1 := manifest.Int(pn)
	maxC, ok2 := manifest.Int(manifest.Get(cfg, "MaxConcurrency"))
	if ok1 && ok2 && prov > maxC {
		p.Report(pn, fmt.Sprintf("ProvisionedConcurrency %d in %s exceeds MaxConcurrency %d; it must be at most MaxConcurrency", prov, where, maxC),
			fmt.Sprintf("lower ProvisionedConcurrency to %d or less, or raise MaxConcurrency", maxC))
	}
}
