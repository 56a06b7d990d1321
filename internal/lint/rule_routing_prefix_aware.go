package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// routingPrefixAware reports RoutingStrategy PREFIX_AWARE without a complete PrefixAwareRoutingConfig.
type routingPrefixAware struct{}

var routingPrefixAwareInfo = &Info{
	ID:       "prefix-aware-config",
	Severity: finding.Error,
	Summary:  "flags RoutingStrategy PREFIX_AWARE without a PrefixAwareRoutingConfig that has PrefixLength and ConcurrencyThreshold",
	Why: "Prefix-aware routing sends requests that share a prompt prefix to the same instance. The API reference says " +
		"PrefixLength and ConcurrencyThreshold are \"Required when RoutingStrategy is PREFIX_AWARE\"; the model marks " +
		"neither as required, so a schema cannot tell.",
	Source: "PrefixAwareRoutingConfig (PrefixLength 1024..65536 and ConcurrencyThreshold 1..1024, required with PREFIX_AWARE): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_PrefixAwareRoutingConfig.html; " +
		"RoutingStrategy PREFIX_AWARE (AWS SDK for Go v1.266.0 and later): https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/sagemaker@v1.288.1/types#RoutingStrategy",
	Fix:   "Add RoutingConfig.PrefixAwareRoutingConfig with PrefixLength (1024..65536) and ConcurrencyThreshold (1..1024).",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: llm
ProductionVariants:
  - VariantName: main
    ModelName: my-llm
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
    RoutingConfig:
      RoutingStrategy: PREFIX_AWARE
KmsKeyId: alias/sagemaker
`, "my-llm"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: llm
ProductionVariants:
  - VariantName: main
    ModelName: my-llm
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
    RoutingConfig:
      RoutingStrategy: PREFIX_AWARE
      PrefixAwareRoutingConfig:
        PrefixLength: 4096
        ConcurrencyThreshold: 8
KmsKeyId: alias/sagemaker
`, "my-llm"),
}

func (routingPrefixAware) Info() *Info { return routingPrefixAwareInfo }

func (routingPrefixAware) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		rc := manifest.Get(v.Node, "RoutingConfig")
		strategy := manifest.Get(rc, "RoutingStrategy")
		if s, _ := manifest.Str(strategy); s != routingStrategyPrefixAware {
			continue
		}
		cfg := manifest.Get(rc, "PrefixAwareRoutingConfig")
		if manifest.IsNull(cfg) {
			p.Report(strategy, fmt.Sprintf("variant %s uses RoutingStrategy PREFIX_AWARE without PrefixAwareRoutingConfig; PrefixLength and ConcurrencyThreshold are required", v.name()),
				"add PrefixAwareRoutingConfig: {PrefixLength: 4096, ConcurrencyThreshold: 8} (PrefixLength 1024..65536, ConcurrencyThreshold 1..1024)")
			continue
		}
		for _, f := range []string{"PrefixLength", "ConcurrencyThreshold"} {
			if !present(cfg, f) {
				p.Report(cfg, fmt.Sprintf("PrefixAwareRoutingConfig of variant %s has no %s; it is required with RoutingStrategy PREFIX_AWARE", v.name(), f),
					"add "+f+" (PrefixLength 1024..65536, ConcurrencyThreshold 1..1024)")
			}
		}
	}
}
