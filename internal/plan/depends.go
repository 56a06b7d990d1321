package plan

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/manifest"
)

// dependsOn returns, for every action, the ids (1-based positions) of the earlier actions
// that must succeed before it runs. Those are the earlier actions on the same resource (each resource strictly
// serial), the actions that create what its calls reference (model → config → endpoint), and
// for an action that deletes, every earlier action that is not itself a delete of the same
// kind, so deletes come only after the swaps away from what they delete were verified.
// No-ops neither depend nor are depended on: they call nothing.
func dependsOn(actions []Action) [][]int {
	deps := make([][]int, len(actions))
	for i := range actions {
		a := &actions[i]
		if a.Kind == NoOp {
			continue
		}
		uses := map[string]bool{ref(a.Resource, a.PhysicalName): true}
		for _, u := range references(a.Calls) {
			uses[u] = true
		}
		for j := range i {
			b := &actions[j]
			if b.Kind == NoOp {
				continue
			}
			if uses[ref(b.Resource, b.PhysicalName)] || (deletes(a.Calls) && !(deletes(b.Calls) && b.Resource == a.Resource)) {
				deps[i] = append(deps[i], j+1)
			}
		}
	}
	return deps
}

// ref keys a resource; SageMaker names are case-insensitive.
func ref(k manifest.Kind, name string) string { return string(k) + "/" + manifest.NameKey(name) }

// deletes reports whether calls delete (or replace) a resource.
func deletes(calls []Call) bool {
	for _, c := range calls {
		switch c.Request().(type) {
		case *sagemaker.DeleteModelInput, *sagemaker.DeleteEndpointConfigInput, *sagemaker.DeleteEndpointInput, *sagemaker.DeleteInferenceComponentInput:
			return true
		}
	}
	return false
}

// references returns the resources (ref keys) calls name besides the one they change.
func references(calls []Call) []string {
	var out []string
	for _, c := range calls {
		switch in := c.Request().(type) {
		case *sagemaker.CreateEndpointConfigInput:
			for _, v := range append(append(in.ProductionVariants[:0:0], in.ProductionVariants...), in.ShadowProductionVariants...) {
				if m := aws.ToString(v.ModelName); m != "" {
					out = append(out, ref(manifest.KindModel, m))
				}
			}
		case *sagemaker.CreateEndpointInput:
			out = append(out, ref(manifest.KindEndpointConfig, aws.ToString(in.EndpointConfigName)))
		case *sagemaker.UpdateEndpointInput:
			out = append(out, ref(manifest.KindEndpointConfig, aws.ToString(in.EndpointConfigName)))
		case *sagemaker.CreateInferenceComponentInput:
			out = append(out, componentReferences(in)...) // inference_component.go
		case *aas.RegisterScalableTargetInput:
			// registered once the endpoint is created (and InService: apply waits for it)
			if ep := EndpointOfTarget(aws.ToString(in.ResourceId)); ep != "" {
				out = append(out, ref(manifest.KindEndpoint, ep))
			}
			if ic, ok := strings.CutPrefix(aws.ToString(in.ResourceId), "inference-component/"); ok {
				out = append(out, ref(manifest.KindInferenceComponent, ic)) // after the component's create
			}
		case *aas.PutScalingPolicyInput:
			// a policy needs its registered target
			out = append(out, ref(manifest.KindScalableTarget, aws.ToString(in.ResourceId)))
		case *aas.DeleteScalingPolicyInput:
			out = append(out, ref(manifest.KindScalableTarget, aws.ToString(in.ResourceId)))
		case *aas.PutScheduledActionInput:
			out = append(out, ref(manifest.KindScalableTarget, aws.ToString(in.ResourceId)))
		case *aas.DeleteScheduledActionInput:
			out = append(out, ref(manifest.KindScalableTarget, aws.ToString(in.ResourceId)))
		}
	}
	return out
}

// EndpointOfTarget returns the endpoint name of a SageMaker variant's scalable target
// ResourceId ("endpoint/<name>/variant/<variant>",
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html#autoscaling-RegisterScalableTarget-request-ResourceId),
// or "" for any other ResourceId.
func EndpointOfTarget(resourceID string) string {
	ep, _ := variantOfTarget(resourceID)
	return ep
}

// variantOfTarget splits a variant's ResourceId into endpoint and variant names.
func variantOfTarget(resourceID string) (endpoint, variant string) {
	parts := strings.Split(resourceID, "/")
	if len(parts) != 4 || parts[0] != "endpoint" || parts[2] != "variant" || parts[1] == "" || parts[3] == "" {
		return "", ""
	}
	return parts[1], parts[3]
}

// targetOfVariant is the ResourceId of the scalable target of variant of endpoint.
func targetOfVariant(endpoint, variant string) string {
	return "endpoint/" + endpoint + "/variant/" + variant
}
