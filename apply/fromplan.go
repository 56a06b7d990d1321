package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/plan"
	"github.com/sagectl/sagectl/plan/live"
)

// Steps turns a plan's actions into executor steps, in the plan's order, leaving out no-ops.
// It refuses a plan with blocked actions, naming each with the plan's reason.
func Steps(p *plan.Plan) ([]Step, error) {
	var steps []Step
	var blocked []string
	for i, a := range p.Actions {
		if a.Kind == plan.NoOp {
			continue
		}
		if a.Blocked != "" {
			blocked = append(blocked, fmt.Sprintf("  %s %s: %s", a.Resource, a.PhysicalName, a.Blocked))
			continue
		}
		s := Step{Kind: string(a.Resource), Name: a.PhysicalName, Action: string(a.Kind)}
		for j, c := range a.Calls {
			in, err := c.Decode()
			if err != nil {
				return nil, fmt.Errorf("action %d (%s %s) call %d: %w: plan again", i+1, a.Resource, a.PhysicalName, j+1, err)
			}
			s.Inputs = append(s.Inputs, in)
		}
		steps = append(steps, s)
	}
	if len(blocked) > 0 {
		return nil, fmt.Errorf("the plan has %d blocked action(s); nothing was applied:\n%s", len(blocked), strings.Join(blocked, "\n"))
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
