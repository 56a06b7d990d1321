package awscmd

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/apply"
	"github.com/sagectl/sagectl/internal/awsclient"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/urfave/cli/v2"
)

// rollbackUsage is the one-line usage lintcmd.AWSCommands repeats.
const rollbackUsage = "switch an endpoint back to its previous owned config (one apply --keep-last kept), wait, verify and run its smoke tests"

func rollbackCommand(e *lintcmd.Env) *cli.Command {
	flags := []cli.Flag{
		&cli.BoolFlag{Name: "auto-approve", Usage: "roll back without asking for yes"},
		&cli.StringFlag{Name: "project", Usage: "the `PROJECT` whose endpoint it is (default: the config's project)"},
		&cli.DurationFlag{Name: "wait-timeout", Value: apply.DefaultWaitTimeout, Usage: "give up waiting for the endpoint to be InService after this long"},
		&cli.DurationFlag{Name: "poll-max", Value: apply.DefaultPollMax, Usage: "longest interval between endpoint status polls"},
		lintcmd.ConfigFlag,
	}
	return oneOnError(&cli.Command{
		Name:      "rollback",
		Usage:     rollbackUsage,
		ArgsUsage: "ENDPOINT [PATH...]",
		Flags:     append(flags, awsclient.Flags()...),
		Action:    func(c *cli.Context) error { return runRollback(e, c) },
	})
}

// runRollback finds the endpoint's previous owned config, asks for approval, switches the
// endpoint to it and waits until it is verified to serve it.
func runRollback(e *lintcmd.Env, c *cli.Context) error {
	if c.NArg() < 1 {
		return lintcmd.Fail(lintcmd.ExitUsage, "rollback takes an ENDPOINT name, then optionally the manifests (PATH...) whose smoke tests check it")
	}
	endpoint := c.Args().First()
	settings, err := lintcmd.LoadSettings(e, c)
	if err != nil {
		return err
	}
	tests, err := rollbackSmokeTests(e, settings, endpoint, c.Args().Tail())
	if err != nil {
		return err
	}
	project := c.String("project")
	if project == "" {
		project = settings.Config.Project
	}
	ctx := context.Background()
	clients, where, err := connect(ctx, awsclient.FromContext(c))
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	if err := allowedHere(e, c, where.Account); err != nil {
		return err
	}
	x := apply.New(clients.SageMaker, apply.RealClock{}, apply.NewProgress(e.Stdout, lintcmd.IsTerminal(e.Stdout)),
		apply.Options{WaitTimeout: c.Duration("wait-timeout"), PollMax: c.Duration("poll-max"), Project: project})
	x.Runtime = clients.Runtime
	r, err := x.FindRollback(ctx, endpoint)
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	fmt.Fprintf(e.Stdout, "Roll back endpoint %s: %s → %s (UpdateEndpoint; the endpoint keeps serving %s until %s is InService)\n", r.Endpoint, r.From, r.To, r.From, r.To)
	if !c.Bool("auto-approve") {
		if !readsTerminal(e.Stdin) {
			return lintcmd.Fail(lintcmd.ExitFindings, "not rolling back: standard input is not a terminal, so nobody can approve it; pass --auto-approve")
		}
		fmt.Fprint(e.Stdout, "Roll back? Only 'yes' is accepted: ")
		if answer, _ := bufio.NewReader(e.Stdin).ReadString('\n'); strings.TrimSpace(answer) != "yes" {
			return lintcmd.Fail(lintcmd.ExitFindings, "rollback cancelled: nothing was changed")
		}
	}
	if err := x.RunRollback(ctx, r); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "rollback of %s to %s: %v", r.Endpoint, r.To, err)
	}
	fmt.Fprintf(e.Stdout, "Endpoint %s serves %s again (verified); %s is kept.\n", r.Endpoint, r.To, r.From)
	for _, t := range tests {
		if err := x.RunSmoke(ctx, t); err != nil {
			return lintcmd.Fail(lintcmd.ExitFindings, "endpoint %s serves %s again, but %v: nothing else was changed", r.Endpoint, r.To, err)
		}
		fmt.Fprintf(e.Stdout, "Smoke test %s passed.\n", t.SmokeTestName)
	}
	return nil
}

// rollbackSmokeTests loads and lints the manifests at paths (none: no smoke tests) and
// returns the smoke tests of endpoint, refusing manifests with errors before any call.
func rollbackSmokeTests(e *lintcmd.Env, settings *lintcmd.Settings, endpoint string, paths []string) ([]*plan.SmokeTest, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	res, err := settings.Lint(e, paths)
	if err != nil {
		return nil, err
	}
	if errs := res.Errors(); len(errs) > 0 {
		lintcmd.PrintFindings(e.Stderr, res.Set, errs)
		return nil, lintcmd.Fail(lintcmd.ExitFindings, "the manifests have %d error(s): fix them (sagectl lint shows them all) and roll back again", len(errs))
	}
	tests, err := plan.SmokeTests(res.Set, endpoint)
	if err != nil {
		return nil, lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	if len(tests) == 0 {
		return nil, lintcmd.Fail(lintcmd.ExitUsage, "no smoke test in %s names endpoint %s: give the manifests that define its SmokeTests, or no PATH", strings.Join(paths, " "), endpoint)
	}
	return tests, nil
}
