package lint

import (
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// The Application Auto Scaling dimensions of SageMaker resources
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
const (
	dimInstanceCount         = "sagemaker:variant:DesiredInstanceCount"
	dimProvisionedConcurrent = "sagemaker:variant:DesiredProvisionedConcurrency"
	dimCopyCount             = "sagemaker:inference-component:DesiredCopyCount"
)

// scalingResource is a parsed SageMaker ResourceId: endpoint/<endpoint>/variant/<variant>
// or inference-component/<component>.
type scalingResource struct {
	Endpoint, Variant, Component string
}

// parseResourceID parses a SageMaker ResourceId, or reports false when s has neither form.
func parseResourceID(s string) (scalingResource, bool) {
	parts := strings.Split(s, "/")
	switch {
	case len(parts) == 4 && parts[0] == "endpoint" && parts[2] == "variant" && sageMakerName(parts[1]) && sageMakerName(parts[3]):
		return scalingResource{Endpoint: parts[1], Variant: parts[3]}, true
	case len(parts) == 2 && parts[0] == "inference-component" && sageMakerName(parts[1]):
		return scalingResource{Component: parts[1]}, true
	}
	return scalingResource{}, false
}

// sageMakerName reports whether s matches SageMaker's name pattern
// ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$ (endpoint and variant names).
func sageMakerName(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// scaledVariant is what an autoscaling document's ResourceId resolves to in the linted
// files: the Endpoint, its EndpointConfig and the variant, as far as each is found.
type scaledVariant struct {
	ID       *yaml.Node // the ResourceId value
	Res      scalingResource
	Endpoint named      // zero when the endpoint is not in the linted files
	Config   named      // zero when its config is not in the linted files
	Variant  *yaml.Node // the ProductionVariants entry, nil when not found
}

// resolveScaling resolves the document's ResourceId; ok is false when it has no
// well-formed endpoint variant ResourceId.
func resolveScaling(p *Pass) (sv scaledVariant, ok bool) {
	sv.ID = manifest.Get(p.Doc.Body, "ResourceId")
	s, isStr := manifest.Str(sv.ID)
	if !isStr {
		return sv, false
	}
	if sv.Res, ok = parseResourceID(s); !ok || sv.Res.Endpoint == "" {
		return sv, false
	}
	if sv.Endpoint, ok = p.names.foldedOf(p, manifest.KindEndpoint, manifest.NameKey(sv.Res.Endpoint)); !ok {
		return sv, true
	}
	cfg, isStr := manifest.Str(manifest.Get(sv.Endpoint.Doc.Body, "EndpointConfigName"))
	if !isStr {
		return sv, true
	}
	if sv.Config, ok = p.names.foldedOf(p, manifest.KindEndpointConfig, manifest.NameKey(cfg)); !ok {
		return sv, true
	}
	for _, v := range variants(sv.Config.Doc.Body) {
		if name, _ := manifest.Str(manifest.Get(v.Node, "VariantName")); !v.Shadow && name == sv.Res.Variant {
			sv.Variant = v.Node
		}
	}
	return sv, true
}

// dimension returns the document's ScalableDimension value and node.
func dimension(p *Pass) (string, *yaml.Node) {
	n := manifest.Get(p.Doc.Body, "ScalableDimension")
	s, _ := manifest.Str(n)
	return s, n
}

// autoscalingKinds are the kinds whose documents name a scalable target.
var autoscalingKinds = []manifest.Kind{manifest.KindScalableTarget, manifest.KindScalingPolicy, manifest.KindScheduledAction}
