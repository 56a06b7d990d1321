package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// icEndpointReady reports an InferenceComponent whose endpoint's config cannot host
// inference components: its variant names a model, or the config has no execution role.
type icEndpointReady struct{}

var icEndpointReadyInfo = &Info{
	ID:       "inference-component-endpoint-ready",
	Severity: finding.Error,
	Summary:  "flags an InferenceComponent on an endpoint whose config names a model on the variant or has no ExecutionRoleArn",
	Why: "An endpoint hosts inference components only when its config was made for them: an ExecutionRoleArn on the config " +
		"(SageMaker pulls each component's model with it) and production variants without ModelName. Otherwise " +
		"CreateInferenceComponent fails with \"ValidationException: " + servicerules.MsgICNotSupported + "\".",
	Source: "the inference-component endpoint (ExecutionRoleArn, variants without a model): " + servicerules.DocICEndpoint + "; " +
		"CreateEndpointConfig ExecutionRoleArn: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html; " +
		"the ValidationException for an endpoint with a model, as users report it: https://github.com/hashicorp/terraform-provider-aws/issues/40644",
	Fix:   "Remove ModelName from the variant and set ExecutionRoleArn on the EndpointConfig, or place the component on an endpoint made for inference components.",
	Kinds: icKinds,
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: llm-g5
ProductionVariants:
  - VariantName: main
    ModelName: llama-8b
    InstanceType: ml.g5.12xlarge
    InitialInstanceCount: 1
---
kind: Endpoint
EndpointName: llm
EndpointConfigName: llm-g5
---
kind: InferenceComponent
InferenceComponentName: llm-chat
EndpointName: llm
VariantName: main
Specification:
  ModelName: llama-8b
  ComputeResourceRequirements: {MinMemoryRequiredInMb: 16384, NumberOfAcceleratorDevicesRequired: 1}
RuntimeConfig: {CopyCount: 1}
`, "llama-8b"),
	Good: icExample("main", 1, 16384, 1),
}

func (icEndpointReady) Info() *Info { return icEndpointReadyInfo }

func (icEndpointReady) Check(p *Pass) {
	h := resolveHosting(p)
	if h.Config.Doc == nil {
		return // the endpoint or its config is not linted: inference-component-references says so
	}
	at := manifest.Get(p.Doc.Body, "EndpointName")
	if !present(h.Config.Doc.Body, "ExecutionRoleArn") {
		p.Report(at, fmt.Sprintf("Endpoint %q uses EndpointConfig %q (%s), which has no ExecutionRoleArn, so it cannot host inference components: CreateInferenceComponent fails with %q",
			h.Endpoint.Name, h.Config.Name, where(p, h.Config), servicerules.MsgICNotSupported),
			"set ExecutionRoleArn on the EndpointConfig (the role SageMaker deploys the components' models with)")
	}
	if h.Variant != nil && present(h.Variant, "ModelName") {
		p.Report(at, fmt.Sprintf("variant %s of EndpointConfig %q (%s) names a model, so Endpoint %q cannot host inference components: CreateInferenceComponent fails with %q",
			h.Name, h.Config.Name, where(p, h.Config), h.Endpoint.Name, servicerules.MsgICNotSupported),
			"remove ModelName from the variant: the components name their models")
	}
}
