package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// autoscalingDimension reports a ScalableDimension (or ServiceNamespace) that does not
// fit the resource ResourceId names.
type autoscalingDimension struct{}

var autoscalingDimensionInfo = &Info{
	ID:       "autoscaling-dimension-matches-resource",
	Severity: finding.Error,
	Summary:  "flags a ScalableDimension that does not fit the resource: instance count for instance variants, provisioned concurrency for serverless ones, copy count for inference components",
	Why: "Each SageMaker resource has its own dimension: an instance-based variant scales sagemaker:variant:DesiredInstanceCount, " +
		"a serverless variant with provisioned concurrency sagemaker:variant:DesiredProvisionedConcurrency, and an inference component " +
		"sagemaker:inference-component:DesiredCopyCount, all in ServiceNamespace sagemaker. Another dimension cannot scale the resource (inferred from the API reference's list of dimensions per resource).",
	Source: "RegisterScalableTarget ScalableDimension and ResourceId: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html; " +
		"automatically scale provisioned concurrency for a serverless endpoint: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html",
	Fix:   "Use the dimension of the variant's kind, and ServiceNamespace sagemaker.",
	Kinds: autoscalingKinds,
	Bad:   targetExample("current", dimProvisionedConcurrent, 2, 4),
	Good:  targetExample("current", dimInstanceCount, 2, 4),
}

func (autoscalingDimension) Info() *Info { return autoscalingDimensionInfo }

func (autoscalingDimension) Check(p *Pass) {
	ns := manifest.Get(p.Doc.Body, "ServiceNamespace")
	if s, ok := manifest.Str(ns); ok && s != "sagemaker" {
		p.Report(ns, fmt.Sprintf("ServiceNamespace is %q, but sagectl manages SageMaker resources only: a SageMaker scalable target's namespace is sagemaker", s),
			"set ServiceNamespace: sagemaker")
	}
	dim, dn := dimension(p)
	id, _ := manifest.Str(manifest.Get(p.Doc.Body, "ResourceId"))
	res, ok := parseResourceID(id)
	if dim == "" || !ok {
		return // absent, or a malformed ResourceId: the schema and autoscaling-resource-id report them
	}
	want, what := "", ""
	switch {
	case res.Component != "":
		want, what = dimCopyCount, "an inference component"
	default:
		sv, _ := resolveScaling(p)
		switch {
		case sv.Variant == nil:
			if dim != dimInstanceCount && dim != dimProvisionedConcurrent {
				want, what = dimInstanceCount+" or "+dimProvisionedConcurrent, "an endpoint variant"
			}
		case manifest.Get(sv.Variant, "ServerlessConfig") != nil:
			want, what = dimProvisionedConcurrent, fmt.Sprintf("serverless variant %s of EndpointConfig %q", res.Variant, sv.Config.Name)
		default:
			want, what = dimInstanceCount, fmt.Sprintf("instance variant %s of EndpointConfig %q", res.Variant, sv.Config.Name)
		}
	}
	if want == "" || dim == want {
		return
	}
	p.Report(dn, fmt.Sprintf("ScalableDimension %s does not scale %s (ResourceId %s): its dimension is %s", dim, what, id, want),
		fmt.Sprintf("set ScalableDimension: %s", want))
}
