package awscmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/sagectl/sagectl/internal/apply"
	"github.com/sagectl/sagectl/internal/awsclient"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/render"
	"github.com/urfave/cli/v2"
)

func applyCommand(e *lintcmd.Env) *cli.Command {
	flags := []cli.Flag{
		&cli.BoolFlag{Name: "auto-approve", Usage: "apply without asking for yes (needed without a terminal when planning from PATHs)"},
		&cli.BoolFlag{Name: "prune", Usage: "when planning from PATHs: also delete resources tagged sagectl:managed-by that no manifest names"},
		&cli.StringFlag{Name: "naming", Usage: "when planning from PATHs: naming policy exact or hashed (default: the config's naming, else exact)"},
		&cli.BoolFlag{Name: "adopt", Usage: "when planning from PATHs: first tag existing resources the manifests name that sagectl did not create as sagectl's"},
		&cli.IntFlag{Name: "parallelism", Value: apply.DefaultParallelism, Usage: "at most this many resources changed at once (each endpoint's steps stay serial)"},
		&cli.DurationFlag{Name: "wait-timeout", Value: apply.DefaultWaitTimeout, Usage: "give up waiting for an endpoint to be InService after this long"},
		&cli.DurationFlag{Name: "poll-max", Value: apply.DefaultPollMax, Usage: "longest interval between endpoint status polls (polls start at 1s and back off)"},
		&cli.DurationFlag{Name: "retry-max-backoff", Value: awsclient.DefaultMaxBackoff, Usage: "longest wait between retries of a throttled or 5xx call (jittered, exponential)"},
		&cli.IntFlag{Name: "keep-last", Usage: "keep this many superseded endpoint configs per manifest config as rollback targets"},
		lintcmd.ConfigFlag, lintcmd.ExcludeFlag,
	}
	return oneOnError(&cli.Command{
		Name:      "apply",
		Usage:     "execute a saved plan, or plan PATHs, show the plan and apply it once approved",
		ArgsUsage: "[PLANFILE | PATH...]  (a plan from sagectl plan --out, or manifests; default .)",
		Flags:     append(flags, awsclient.Flags()...),
		Action:    func(c *cli.Context) error { return runApply(e, c) },
	})
}

func runApply(e *lintcmd.Env, c *cli.Context) error {
	p, file, err := applyPlan(e, c)
	if err != nil {
		return err
	}
	saved, name := file != "", file
	if !saved {
		name = "the plan"
	}
	if err := p.CheckOrigin(name, lintcmd.Version); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	ctx := context.Background()
	o := awsclient.FromContext(c)
	client, where, err := connect(ctx, o)
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	if err := p.CheckTarget(name, where); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	if saved {
		if err := allowedHere(e, c, where.Account); err != nil {
			return err
		}
	}
	steps := apply.Steps(p)
	if len(steps) == 0 {
		if saved {
			fmt.Fprintln(e.Stdout, "No changes: the plan has nothing to apply.") // a shown plan says so itself
		}
		return nil
	}
	rec := &apply.Recorder{Clock: apply.RealClock{}}
	api := rec.Instrument(client, apply.Retryer(awsclient.DefaultMaxAttempts, c.Duration("retry-max-backoff")))
	if err := apply.CheckStale(ctx, p, api, o.Workers()); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		select {
		case <-sigs:
			signal.Stop(sigs) // a second Ctrl-C ends sagectl at once
			fmt.Fprintln(e.Stderr, "\nsagectl: interrupted: no new steps start; waiting for the calls in flight to finish (Ctrl-C again to quit now)")
			cancel()
		case <-ctx.Done():
		}
	}()
	x := apply.New(api, apply.RealClock{}, apply.NewProgress(e.Stdout, lintcmd.IsTerminal(e.Stdout)), apply.Options{
		Parallelism: c.Int("parallelism"), WaitTimeout: c.Duration("wait-timeout"), PollMax: c.Duration("poll-max"), KeepLast: c.Int("keep-last"),
		Project: p.Project})
	x.Expect = apply.ExpectPlan(p.Fingerprints)
	res := x.Run(ctx, steps)
	undone := x.Undo(ctx, steps, res)
	apply.WriteSummary(e.Stdout, res, rec.Calls())
	apply.WriteUndone(e.Stdout, undone)
	if !res.OK() {
		return lintcmd.ExitCode(lintcmd.ExitFindings)
	}
	return nil
}

// applyPlan reads the saved plan named by the only argument (file names it), or plans the
// PATH arguments, shows the plan and asks for approval (file is "").
func applyPlan(e *lintcmd.Env, c *cli.Context) (p *plan.Saved, file string, err error) {
	args := c.Args().Slice()
	for _, a := range args {
		s, err := readPlanArg(a)
		switch {
		case err != nil:
			return nil, "", lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
		case s != nil && len(args) > 1:
			return nil, "", lintcmd.Fail(lintcmd.ExitUsage, "%s is a saved plan: apply it alone (sagectl apply %s), not with manifests", a, a)
		case s != nil:
			for _, f := range []string{"prune", "naming", "adopt", "config", "exclude"} {
				if c.IsSet(f) {
					return nil, "", lintcmd.Fail(lintcmd.ExitUsage, "--%s applies when planning from PATHs; %s is a saved plan, which already decided it", f, a)
				}
			}
			return s, a, nil
		}
	}
	p2, where, err := approvedPlan(e, c)
	if err != nil {
		return nil, "", err
	}
	return p2.Saved().Bind(where, lintcmd.Version), "", nil
}

// allowedHere refuses, for a saved plan, an account the .sagectl.yaml found from the
// working directory does not list in accounts: (plan checked the config it was made with).
func allowedHere(e *lintcmd.Env, c *cli.Context, account string) error {
	settings, err := lintcmd.LoadSettings(e, c)
	if err != nil {
		return err
	}
	if err := plan.CheckAccount(account, settings.Config.Accounts, settings.Config.Path); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	return nil
}

// readPlanArg reads path as a saved plan: nil and no error when it is none (a manifest or a
// directory of them), an error when it is a saved plan apply cannot run.
func readPlanArg(path string) (*plan.Saved, error) {
	s, err := plan.ReadSaved(path)
	var pathErr *os.PathError
	if errors.Is(err, plan.ErrNotSaved) || errors.As(err, &pathErr) {
		return nil, nil
	}
	return s, err
}

// approvedPlan plans the PATH arguments, shows the plan and asks for approval; it returns
// where the plan was made.
func approvedPlan(e *lintcmd.Env, c *cli.Context) (*plan.Plan, plan.Target, error) {
	p, where, err := makePlan(e, c)
	if err != nil {
		return nil, where, err
	}
	r, err := render.New("text", lintcmd.UseColor(e.Stdout))
	if err != nil {
		return nil, where, lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	if err := r.Render(e.Stdout, p); err != nil {
		return nil, where, lintcmd.Fail(lintcmd.ExitFindings, "writing the plan: %v", err)
	}
	if !p.HasChanges() || c.Bool("auto-approve") {
		return p, where, nil
	}
	if !readsTerminal(e.Stdin) {
		return nil, where, lintcmd.Fail(lintcmd.ExitFindings, "not applying: standard input is not a terminal, so nobody can approve the plan; pass --auto-approve, or save the plan with sagectl plan --out FILE, review it and run sagectl apply FILE")
	}
	fmt.Fprint(e.Stdout, "\nApply this plan? Only 'yes' is accepted: ")
	answer, _ := bufio.NewReader(e.Stdin).ReadString('\n')
	if strings.TrimSpace(answer) != "yes" {
		return nil, where, lintcmd.Fail(lintcmd.ExitFindings, "apply cancelled: nothing was changed")
	}
	return p, where, nil
}

// readsTerminal reports whether r is a terminal a person can answer on: a character device
// other than /dev/null (which CI runners often give as standard input).
func readsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}
