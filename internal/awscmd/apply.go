package awscmd

import (
	"bufio"
	"context"
	"encoding/json"
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
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/plan/render"
	"github.com/sagectl/sagectl/internal/readfile"
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
		lintcmd.ConfigFlag, lintcmd.ExcludeFlag, lintcmd.EnvFlag, targetFlag, showSensitiveFlag, noPreflightFlag,
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
	var secrets []string // masked in everything apply prints from here on
	if !c.Bool("show-sensitive") {
		secrets = p.Secrets()
	}
	stdout := plan.RedactWriter(e.Stdout, secrets)
	fail := func(err error) error {
		return lintcmd.Fail(lintcmd.ExitFindings, "%s", plan.Redact(err.Error(), secrets))
	}
	saved, name := file != "", file
	if !saved {
		name = "the plan"
	}
	if err := p.CheckOrigin(name, lintcmd.Version); err != nil {
		return fail(err)
	}
	settings, err := lintcmd.LoadSettings(e, c)
	if err != nil {
		return err
	}
	env, err := useEnv(settings, c, p.Target.Environment) // env.go: the plan's environment
	if err != nil {
		return err
	}
	ctx := context.Background()
	o := awsclient.FromContext(c)
	clients, where, err := connect(ctx, o)
	if err != nil {
		return fail(err)
	}
	if err := checkEnvAccount(settings, env, &where); err != nil {
		return err
	}
	if err := p.CheckTarget(name, where); err != nil {
		return fail(err)
	}
	if saved {
		if err := allowedHere(e, c, where.Account); err != nil {
			return err
		}
	}
	steps := apply.Steps(p)
	if len(steps) == 0 {
		if saved {
			fmt.Fprintln(stdout, "No changes: the plan has nothing to apply.") // a shown plan says so itself
		}
		return nil
	}
	rec := &apply.Recorder{Clock: apply.RealClock{}}
	retryer := apply.Retryer(awsclient.DefaultMaxAttempts, c.Duration("retry-max-backoff"))
	api := rec.Instrument(clients.SageMaker, retryer)
	scaling := rec.InstrumentAutoscaling(clients.Autoscaling, retryer)
	if err := apply.CheckStale(ctx, p, &live.API{Client: api, Autoscaling: scaling}, o.Workers()); err != nil {
		return fail(err)
	}
	if saved && !c.Bool("no-preflight") {
		if err := preflightSaved(ctx, e, c, p, file, clients.SageMaker, where, stdout); err != nil {
			return err
		}
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
	x := apply.New(api, apply.RealClock{}, apply.NewProgress(stdout, lintcmd.IsTerminal(e.Stdout)), apply.Options{
		Parallelism: c.Int("parallelism"), WaitTimeout: c.Duration("wait-timeout"), PollMax: c.Duration("poll-max"), KeepLast: c.Int("keep-last"),
		Project: p.Project})
	x.Autoscaling = scaling
	x.Runtime = clients.Runtime
	x.Expect = apply.ExpectPlan(p.Fingerprints)
	res := x.Run(ctx, steps)
	undone := x.Undo(ctx, steps, res)
	apply.WriteSummary(stdout, res, rec.Calls())
	apply.WriteUndone(stdout, undone)
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
			for _, f := range []string{"prune", "naming", "adopt", "config", "exclude", "target"} {
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
// directory of them), an error when it is a saved plan apply cannot run, not a regular
// file (a device or FIFO: never read), or JSON that is neither a plan nor a manifest.
func readPlanArg(path string) (*plan.Saved, error) {
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		return nil, nil // the manifest loader reports a missing path and walks a folder
	}
	s, err := plan.ReadSaved(path)
	if errors.Is(err, plan.ErrNotSaved) {
		return nil, notManifestJSON(path)
	}
	if errors.Is(err, readfile.ErrNotRegular) {
		return nil, fmt.Errorf("%v: apply takes a plan file from sagectl plan --out, or manifest files and folders", err)
	}
	return s, err
}

// notManifestJSON refuses a JSON file that is not a saved plan and holds no manifest
// document either (`sagectl apply notplan.json`), which the loader would otherwise report as
// a manifest without a kind. Anything else, JSON manifests included, is left to the loader.
func notManifestJSON(path string) error {
	data, err := readfile.Read(path, manifest.MaxFileSize)
	if err != nil {
		return nil // the loader reports it
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil || top["kind"] != nil || top["Resources"] != nil {
		return nil // not a JSON object, or one whose kind the loader judges (with a did-you-mean)
	}
	if top["format_version"] != nil {
		return fmt.Errorf("%s: a format_version, but not at the start of the file, where sagectl plan --out writes it (was the plan re-encoded, with sorted keys?): apply the file as plan --out wrote it, or plan again with sagectl plan --out FILE", path)
	}
	if _, docs, _ := manifest.Parse(path, data); len(docs) > 0 {
		return nil
	}
	return fmt.Errorf("%s is JSON but neither a saved plan (it has no format_version near its start; write one with sagectl plan --out FILE) nor a manifest (no document has a kind or the fields of a CreateModel, CreateEndpointConfig or CreateEndpoint request; sagectl lint %s says more)", path, path)
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
	if err := r.Render(e.Stdout, shown(c, p)); err != nil {
		return nil, where, lintcmd.Fail(lintcmd.ExitFindings, "writing the plan: %v", err)
	}
	if err := preflightBlocks(p.Preflight, ""); err != nil {
		return nil, where, err
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
