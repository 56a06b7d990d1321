package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// hostingVariant is what an InferenceComponent's EndpointName and VariantName resolve to
// in the linted files: the Endpoint, its EndpointConfig and the production variant, as
// far as each is found.
type hostingVariant struct {
	Endpoint named      // zero when the endpoint is not in the linted files
	Config   named      // zero when its config is not in the linted files
	Variant  *yaml.Node // the ProductionVariants entry, nil when not found
	Name     string     // the VariantName the component gives
}

// resolveHosting resolves the component document's endpoint, config and variant.
func resolveHosting(p *Pass) hostingVariant {
	var h hostingVariant
	ep, ok := manifest.Str(manifest.Get(p.Doc.Body, "EndpointName"))
	if !ok {
		return h
	}
	h.Name, _ = manifest.Str(manifest.Get(p.Doc.Body, "VariantName"))
	ix := p.names
	if h.Endpoint, ok = ix.foldedOf(p, manifest.KindEndpoint, manifest.NameKey(ep)); !ok {
		return h
	}
	cfg, ok := manifest.Str(manifest.Get(h.Endpoint.Doc.Body, "EndpointConfigName"))
	if !ok {
		return h
	}
	if h.Config, ok = ix.foldedOf(p, manifest.KindEndpointConfig, manifest.NameKey(cfg)); !ok {
		return h
	}
	for _, v := range productionVariants(h.Config.Doc.Body) {
		if name, _ := manifest.Str(manifest.Get(v.Node, "VariantName")); manifest.SameName(name, h.Name) {
			h.Variant = v.Node
		}
	}
	return h
}

// specifications returns the component's Specification, or the entries of its
// Specifications (one per instance type of a heterogeneous variant), as mappings.
func specifications(body *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	if s := manifest.Mapping(manifest.Get(body, "Specification")); s != nil {
		out = append(out, s)
	}
	for _, s := range manifest.Items(manifest.Get(body, "Specifications")) {
		if s = manifest.Mapping(s); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// icKinds are the kinds the inference-component rules check.
var icKinds = []manifest.Kind{manifest.KindInferenceComponent}

// icEndpoint is the endpoint the inference-component rules' examples place components
// on: EndpointConfig llm-g5 (no model on its variant "main", an execution role, one
// ml.g5.12xlarge instance with 4 GPUs, managed scaling up to 2) and Endpoint llm.
const icEndpoint = `kind: EndpointConfig
EndpointConfigName: llm-g5
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
ProductionVariants:
  - VariantName: main
    InstanceType: ml.g5.12xlarge
    InitialInstanceCount: 1
    ManagedInstanceScaling: {Status: ENABLED, MinInstanceCount: 1, MaxInstanceCount: 2}
    RoutingConfig: {RoutingStrategy: LEAST_OUTSTANDING_REQUESTS}
---
kind: Endpoint
EndpointName: llm
EndpointConfigName: llm-g5
---
`

// icExample is icEndpoint, Model llama-8b and a component of it on variant with
// copies copies of devices GPUs and memory MiB each.
func icExample(variant string, devices, memory, copies int) string {
	return withModels(icEndpoint, "llama-8b") + fmt.Sprintf(`kind: InferenceComponent
InferenceComponentName: llm-chat
EndpointName: llm
VariantName: %s
Specification:
  ModelName: llama-8b
  ComputeResourceRequirements: {MinMemoryRequiredInMb: %d, NumberOfAcceleratorDevicesRequired: %d}
RuntimeConfig: {CopyCount: %d}
`, variant, memory, devices, copies)
}
