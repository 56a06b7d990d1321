package apply

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/plan"
)

// Step is one planned change to one resource: its API calls, run in order.
type Step struct {
	Kind manifest.Kind
	Name string // the physical name
	// Action is the plan's action kind (create, swap-config, ...), for messages.
	Action plan.ActionKind
	// Inputs are the SDK inputs of the calls, e.g. *sagemaker.CreateEndpointInput.
	Inputs []any
	// Blocked, when set, is why the plan says this step must not run.
	Blocked string
}

// String names the step as the summary does: "swap-config Endpoint churn".
func (s *Step) String() string { return fmt.Sprintf("%s %s %s", s.Action, s.Kind, s.Name) }

// deletes reports whether the step deletes (or replaces) what it names.
func (s *Step) deletes() bool {
	for _, in := range s.Inputs {
		switch in.(type) {
		case *sagemaker.DeleteModelInput, *sagemaker.DeleteEndpointConfigInput, *sagemaker.DeleteEndpointInput:
			return true
		}
	}
	return false
}

// uses returns the resources ("Kind/name") the step's calls reference besides its own.
func (s *Step) uses() []string {
	var out []string
	for _, in := range s.Inputs {
		switch in := in.(type) {
		case *sagemaker.CreateEndpointConfigInput:
			for _, v := range append(append(in.ProductionVariants[:0:0], in.ProductionVariants...), in.ShadowProductionVariants...) {
				if m := aws.ToString(v.ModelName); m != "" {
					out = append(out, string(manifest.KindModel)+"/"+m)
				}
			}
		case *sagemaker.CreateEndpointInput:
			out = append(out, string(manifest.KindEndpointConfig)+"/"+aws.ToString(in.EndpointConfigName))
		case *sagemaker.UpdateEndpointInput:
			out = append(out, string(manifest.KindEndpointConfig)+"/"+aws.ToString(in.EndpointConfigName))
		}
	}
	return out
}

// dependencies returns, for each step, the earlier steps that must succeed before it runs:
// earlier steps on the same resource (each resource strictly serial), the steps that create
// what it references (model → config → endpoint), and for a step that deletes, every earlier
// step that is not itself a delete of the same kind, so deletes come only after the swaps
// away from what they delete were verified.
func dependencies(steps []Step) [][]int {
	deps := make([][]int, len(steps))
	for i := range steps {
		s := &steps[i]
		uses := map[string]bool{string(s.Kind) + "/" + strings.ToLower(s.Name): true}
		for _, u := range s.uses() {
			k, n, _ := strings.Cut(u, "/")
			uses[k+"/"+strings.ToLower(n)] = true
		}
		for j := range i {
			p := &steps[j]
			if uses[string(p.Kind)+"/"+strings.ToLower(p.Name)] || (s.deletes() && !(p.deletes() && p.Kind == s.Kind)) {
				deps[i] = append(deps[i], j)
			}
		}
	}
	return deps
}
