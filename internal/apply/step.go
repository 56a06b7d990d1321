package apply

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
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
	// After are the indexes of the earlier steps that must succeed before this one runs:
	// the plan's dependencies (plan.SavedAction.DependsOn).
	After []int
}

// String names the step as the summary does: "swap-config Endpoint churn".
func (s *Step) String() string { return fmt.Sprintf("%s %s %s", s.Action, s.Kind, s.Name) }
