package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// Steps turns a saved plan's actions into executor steps, in the plan's order, leaving out
// no-ops (a dependency on a no-op is met), each step After the steps of the actions the plan
// says it depends on. A blocked action (say, an endpoint another deployment is updating)
// becomes a step that fails without calling anything, so the steps that depend on it are
// skipped too. The plan was checked when read (plan.ParseSaved): ids name earlier actions.
func Steps(p *plan.Saved) []Step {
	var steps []Step
	index := map[int]int{} // action id → step
	for _, a := range p.Actions {
		if a.Kind == plan.NoOp {
			continue
		}
		s := Step{Kind: a.Resource, Name: a.PhysicalName, Action: a.Kind, Blocked: a.Blocked}
		for _, d := range a.DependsOn {
			if j, ok := index[d]; ok {
				s.After = append(s.After, j)
			}
		}
		for _, c := range a.Calls {
			s.Inputs = append(s.Inputs, c.Request())
		}
		index[a.ID] = len(steps)
		steps = append(steps, s)
	}
	return steps
}

// CheckStale reads again, through r (a live.API with its Application Auto Scaling client
// for plans with scalable targets and scaling policies), every live resource the plan
// fingerprinted and refuses the plan when any changed since, naming each change.
func CheckStale(ctx context.Context, p *plan.Saved, r live.Reader, workers int) error {
	now, err := p.Fingerprints.Reread(ctx, r, workers)
	if err != nil {
		return fmt.Errorf("reading the live resources again to check the plan is current: %w", err)
	}
	if diffs := p.Stale(now); len(diffs) > 0 {
		return fmt.Errorf("the plan is stale: the live resources changed since it was made; nothing was applied:\n  %s\nRun sagectl plan again, review it, and apply the new plan",
			strings.Join(diffs, "\n  "))
	}
	return nil
}
