package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
)

// icVariant reports an InferenceComponent whose VariantName is not a production variant
// of its endpoint's config.
type icVariant struct{}

var icVariantInfo = &Info{
	ID:       "inference-component-variant",
	Severity: finding.Error,
	Summary:  "flags an InferenceComponent whose VariantName is not a production variant of its endpoint's config",
	Why: "A component is placed on the instances of one production variant of the endpoint (VariantName, \"the name of an existing " +
		"production variant where you host the inference component\"). A name the endpoint's config does not have fails " +
		"CreateInferenceComponent.",
	Source: "CreateInferenceComponent VariantName: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html",
	Fix:    "Set VariantName to a production variant of the endpoint's EndpointConfig.",
	Kinds:  icKinds,
	Bad:    icExample("primary", 1, 16384, 1),
	Good:   icExample("main", 1, 16384, 1),
}

func (icVariant) Info() *Info { return icVariantInfo }

func (icVariant) Check(p *Pass) {
	h := resolveHosting(p)
	at := manifest.Get(p.Doc.Body, "VariantName")
	if h.Config.Doc == nil || h.Variant != nil || at == nil {
		return
	}
	var names []string
	for _, v := range productionVariants(h.Config.Doc.Body) {
		if n, ok := manifest.Str(manifest.Get(v.Node, "VariantName")); ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return // the schema reports a config without named variants
	}
	hint := "use one of the config's production variants: " + strings.Join(names, ", ")
	if sug := suggest.Closest(h.Name, names); sug != "" {
		hint = fmt.Sprintf("did you mean %q?", sug)
	}
	p.Report(at, fmt.Sprintf("VariantName %q is not a production variant of EndpointConfig %q (%s), the config of Endpoint %q",
		h.Name, h.Config.Name, where(p, h.Config), h.Endpoint.Name), hint)
}
