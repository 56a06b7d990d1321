package awscmd

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/urfave/cli/v2"
)

func snapshotCommand(e *lintcmd.Env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "out-dir", Usage: "write one JSON file per live resource into `DIR` (new or empty), the form plan --live-dir reads"},
		&cli.StringFlag{Name: "naming", Usage: "naming policy: exact or hashed (default: the config's naming, else exact)"},
		&cli.BoolFlag{Name: "prune", Usage: "also save the owned resources no manifest names, which plan --prune would delete"},
		lintcmd.ConfigFlag, lintcmd.ExcludeFlag, lintcmd.EnvFlag, targetFlag,
	}
	return oneOnError(&cli.Command{
		Name:      "snapshot",
		Usage:     "save the live resources the manifests name as JSON files for offline review with plan --live-dir",
		ArgsUsage: "[PATH...]  (files, directories, or - for standard input; default .)",
		Flags:     append(flags, awsFlags()...),
		Action:    func(c *cli.Context) error { return runSnapshot(e, c) },
	})
}

// runSnapshot plans as plan does (the same lint, account and environment checks), with
// every live read recorded, and writes what was read: exactly the resources a plan of
// these manifests reads, each describe output with its tags.
func runSnapshot(e *lintcmd.Env, c *cli.Context) error {
	dir := c.String("out-dir")
	if dir == "" {
		return lintcmd.Fail(lintcmd.ExitUsage, "snapshot needs --out-dir DIR: the folder (new or empty) to write the live resources into")
	}
	rec := &live.Recorder{}
	_, _, err := makePlan(e, c, func(r live.Reader) live.Reader { rec.R = r; return rec })
	if err != nil {
		return err
	}
	paths, err := live.WriteDir(dir, rec.Resources())
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "--out-dir: %v (%d file(s) written before it)", err, len(paths))
	}
	fmt.Fprintf(e.Stderr, "snapshot: %d live resource(s) written to %s; review offline with: sagectl plan --live-dir %s\n", len(paths), dir, dir)
	return nil
}
