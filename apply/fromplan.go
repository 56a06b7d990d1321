package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/plan"
	"github.com/sagectl/sagectl/plan/live"
)

// Steps turns a plan's actions into executor steps, in the plan's order, leaving out no-ops.
// A blocked action (say, an endpoint another deployment is updating) becomes a step that
// fails without calling anything, so the steps that depend on it are skipped too.
func Steps(p *plan.Plan) ([]Step, error) {
	var steps []Step
	for i, a := range p.Actions {
		if a.Kind == plan.NoOp {
			continue
		}
		s := Step{Kind: a.Resource, Name: a.PhysicalName, Action: a.Kind, Blocked: a.Blocked}
		for j, c := range a.Calls {
			in, err := c.Decode()
			if err != nil {
				return nil, fmt.Errorf("action %d (%s %s) call %d: %w: plan again", i+1, a.Resource, a.PhysicalName, j+1, err)
			}
			s.Inputs = append(s.Inputs, in)
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// CheckStale reads again every live resource the plan fingerprinted and refuses the plan
// when any changed since, naming each change.
func CheckStale(ctx context.Context, p *plan.Plan, api API, workers int) error {
	now, err := p.Fingerprints.Reread(ctx, &live.API{Client: api}, workers)
	if err != nil {
		return fmt.Errorf("reading the live resources again to check the plan is current: %w", err)
	}
	if diffs := p.Fingerprints.Stale(now); len(diffs) > 0 {
		return fmt.Errorf("the plan is stale: the live resources changed since it was made; nothing was applied:\n  %s\nRun sagectl plan again, review it, and apply the new plan",
			strings.Join(diffs, "\n  "))
	}
	return nil
}
