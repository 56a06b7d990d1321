package awscmd

import (
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/urfave/cli/v2"
)

// targetFlag is --target of plan, apply and snapshot.
var targetFlag = &cli.StringSliceFlag{Name: "target", Usage: "plan only `KIND/NAME` (e.g. Endpoint/churn-prod) and what it depends on; repeatable"}

// selectTargets limits set to the --target resources and their dependencies (all of set
// without --target). --prune is refused with it: pruning deletes what the manifests do
// not name, and a targeted run names only part of them.
func selectTargets(c *cli.Context, set *manifest.Set) (*manifest.Set, error) {
	targets := c.StringSlice("target")
	if len(targets) > 0 && c.Bool("prune") {
		return nil, lintcmd.Fail(lintcmd.ExitUsage, "--prune with --target would delete every owned resource outside the target: drop one of them")
	}
	out, err := plan.Select(set, targets)
	if err != nil {
		return nil, lintcmd.Fail(lintcmd.ExitUsage, "%v", err)
	}
	return out, nil
}
