package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
	"gopkg.in/yaml.v3"
)

// autoscalingResourceID reports an autoscaling document whose ResourceId is not a
// SageMaker ResourceId, or names an endpoint or variant the linted files do not have.
type autoscalingResourceID struct{}

var autoscalingResourceIDInfo = &Info{
	ID:       "autoscaling-resource-id",
	Severity: finding.Error,
	Summary:  "flags a ScalableTarget, ScalingPolicy or ScheduledAction whose ResourceId is malformed or names no Endpoint and variant, or InferenceComponent, of the linted files",
	Why: "A SageMaker ResourceId is endpoint/<EndpointName>/variant/<VariantName> (an instance or serverless variant) or " +
		"inference-component/<InferenceComponentName>. A target scales the count of a variant that exists (inferred: the dimension is " +
		"that variant's instance count or concurrency), so one naming an endpoint or variant no manifest deploys scales nothing these " +
		"manifests manage, and sagectl cannot order its registration after the endpoint is InService.",
	Source: "RegisterScalableTarget ResourceId (SageMaker endpoint variant, serverless endpoint, inference component forms): https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html; " +
		"register a model for auto scaling: https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-policy.html",
	Fix: "Write ResourceId as endpoint/<EndpointName>/variant/<VariantName> with an Endpoint of the linted files and a production variant of its EndpointConfig, " +
		"or as inference-component/<InferenceComponentName> with an InferenceComponent of the linted files.",
	Kinds: autoscalingKinds,
	Bad:   targetExample("currnet", dimInstanceCount, 1, 4),
	Good:  targetExample("current", dimInstanceCount, 2, 4),
}

func (autoscalingResourceID) Info() *Info { return autoscalingResourceIDInfo }

func (autoscalingResourceID) Check(p *Pass) {
	id := manifest.Get(p.Doc.Body, "ResourceId")
	s, ok := manifest.Str(id)
	if !ok {
		return // absent or not a string: the schema reports it
	}
	res, ok := parseResourceID(s)
	if !ok {
		p.Report(id, fmt.Sprintf("ResourceId %q is not a SageMaker ResourceId: expected endpoint/<EndpointName>/variant/<VariantName> or inference-component/<InferenceComponentName>", s),
			"write ResourceId as endpoint/<EndpointName>/variant/<VariantName>, e.g. endpoint/churn-prod/variant/current")
		return
	}
	if res.Component != "" {
		checkScaledComponent(p, id, s, res.Component)
		return
	}
	sv, _ := resolveScaling(p)
	if sv.Endpoint.Doc == nil {
		hint := "add the Endpoint's manifest to the linted files, or correct the endpoint name in ResourceId"
		if sug := suggest.Closest(res.Endpoint, p.names.sortedOf(manifest.KindEndpoint)); sug != "" {
			hint = fmt.Sprintf("did you mean endpoint/%s/variant/%s?", sug, res.Variant)
		}
		p.Report(id, fmt.Sprintf("ResourceId %q names Endpoint %q, which no manifest of the linted files defines", s, res.Endpoint), hint)
		return
	}
	if sv.Config.Doc == nil || sv.Variant != nil {
		return // the endpoint's config is not linted (unresolved-endpoint-config-name says so), or the variant is found
	}
	var names []string
	for _, v := range variants(sv.Config.Doc.Body) {
		if n, ok := manifest.Str(manifest.Get(v.Node, "VariantName")); ok && !v.Shadow {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return // the schema reports a config without named variants
	}
	hint := fmt.Sprintf("use one of the config's production variants: %s", strings.Join(names, ", "))
	if sug := suggest.Closest(res.Variant, names); sug != "" && !slices.Contains(names, res.Variant) {
		hint = fmt.Sprintf("did you mean endpoint/%s/variant/%s?", res.Endpoint, sug)
	}
	p.Report(id, fmt.Sprintf("ResourceId %q names variant %q, which is not a production variant of EndpointConfig %q (%s), the config of Endpoint %q",
		s, res.Variant, sv.Config.Name, where(p, sv.Config), res.Endpoint), hint)
}

// checkScaledComponent reports a ResourceId inference-component/<name> that names no
// InferenceComponent of the linted files.
func checkScaledComponent(p *Pass, id *yaml.Node, s, name string) {
	if _, ok := p.names.foldedOf(p, manifest.KindInferenceComponent, manifest.NameKey(name)); ok {
		return
	}
	hint := "add the InferenceComponent's manifest to the linted files, or correct the component name in ResourceId"
	if sug := suggest.Closest(name, p.names.sortedOf(manifest.KindInferenceComponent)); sug != "" {
		hint = fmt.Sprintf("did you mean inference-component/%s?", sug)
	}
	p.Report(id, fmt.Sprintf("ResourceId %q names InferenceComponent %q, which no manifest of the linted files defines", s, name), hint)
}
