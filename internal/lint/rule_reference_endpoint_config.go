package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// referenceEndpointConfig reports an Endpoint whose EndpointConfigName matches no EndpointConfig in the linted files.
type referenceEndpointConfig struct{}

var referenceEndpointConfigInfo = &Info{
	ID:              "unresolved-endpoint-config-name",
	Severity:        finding.Warning,
	OtherSeverities: []finding.Severity{finding.Info},
	Summary:         "flags an Endpoint's EndpointConfigName that names no EndpointConfig in the linted files",
	Why: "CreateEndpoint and UpdateEndpoint fail with \"Could not find endpoint configuration\" when the config does not exist. " +
		"When the linted files define endpoint configs, a name that matches none of them is most likely a typo (warning); " +
		"when they define none, the config may exist live (info).",
	Source: "CreateEndpoint.EndpointConfigName: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html; " +
		"the ValidationException \"Could not find endpoint configuration\", as the Terraform AWS provider matches it: https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sagemaker/endpoint_configuration.go",
	Fix:   "Correct the EndpointConfigName, or lint the EndpointConfig's manifest together with the endpoint.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: fraud-scoring
ProductionVariants:
  - VariantName: main
    ModelName: fraud-v12
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: fraud-scoring
EndpointConfigName: fraud-scorng
`, "fraud-v12"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: fraud-scoring
ProductionVariants:
  - VariantName: main
    ModelName: fraud-v12
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: fraud-scoring
EndpointConfigName: fraud-scoring
`, "fraud-v12"),
}

func (referenceEndpointConfig) Info() *Info { return referenceEndpointConfigInfo }

func (referenceEndpointConfig) Check(p *Pass) {
	checkReference(p, manifest.Get(p.Doc.Body, "EndpointConfigName"), "EndpointConfigName", manifest.KindEndpointConfig, map[string]bool{})
}
