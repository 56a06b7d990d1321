package awscmd

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/awsclient"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/plan/render"
	"github.com/urfave/cli/v2"
)

// ExitChanges is plan's exit code with --detailed-exitcode when the plan has changes.
const ExitChanges = 2

// hasChanges ends plan --detailed-exitcode quietly with ExitChanges: the one exit 2 of
// plan, apply and import, which oneOnError leaves alone.
type hasChanges struct{}

func (hasChanges) Error() string { return "" }

// ExitCode is ExitChanges.
func (hasChanges) ExitCode() int { return ExitChanges }

func planCommand(e *lintcmd.Env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(render.Formats, ", ")},
		&cli.StringFlag{Name: "out", Usage: "save the plan (versioned JSON) to `FILE` for sagectl apply"},
		&cli.BoolFlag{Name: "detailed-exitcode", Usage: "exit 0 when there are no changes, 2 when there are, 1 on error"},
		&cli.StringFlag{Name: "live-dir", Usage: "read the live state from JSON files saved from the AWS CLI in `DIR` instead of the API"},
		&cli.BoolFlag{Name: "prune", Usage: "delete resources tagged sagectl:managed-by that no manifest names"},
		&cli.StringFlag{Name: "naming", Usage: "naming policy: exact or hashed (default: the config's naming, else exact)"},
		&cli.BoolFlag{Name: "adopt", Usage: "plan AddTags adding sagectl's ownership tags to existing resources the manifests name that sagectl did not create"},
		lintcmd.ConfigFlag, lintcmd.ExcludeFlag, lintcmd.EnvFlag, targetFlag, showSensitiveFlag, noPreflightFlag,
	}
	return oneOnError(&cli.Command{
		Name:      "plan",
		Usage:     "diff manifests against live SageMaker resources and print the ordered API calls apply would make",
		ArgsUsage: "[PATH...]  (files, directories, or - for standard input; default .)",
		Flags:     append(flags, awsFlags()...),
		Action:    func(c *cli.Context) error { return runPlan(e, c) },
	})
}

// runPlan exits 1 on any error, as terraform plan does (oneOnError: bad flags too), so 2
// means only "changes" under --detailed-exitcode.
func runPlan(e *lintcmd.Env, c *cli.Context) error {
	changes, err := planAndRender(e, c)
	if err != nil {
		return err
	}
	if changes && c.Bool("detailed-exitcode") {
		return hasChanges{}
	}
	return nil
}

// planAndRender plans, saves and prints; it reports whether the plan has changes.
func planAndRender(e *lintcmd.Env, c *cli.Context) (bool, error) {
	r, err := render.New(c.String("format"), lintcmd.UseColor(e.Stdout))
	if err != nil {
		return false, lintcmd.Fail(lintcmd.ExitUsage, "--format: %v", err)
	}
	p, where, err := makePlan(e, c)
	if err != nil {
		return false, err
	}
	out := c.String("out")
	if out != "" && p.Summary.Blocked == 0 && p.Preflight.Errors() == 0 {
		if err := p.Saved().Bind(where, lintcmd.Version).Save(out); err != nil {
			return false, lintcmd.Fail(lintcmd.ExitFindings, "--out: %v", err)
		}
	}
	if err := r.Render(e.Stdout, shown(c, p)); err != nil {
		return false, lintcmd.Fail(lintcmd.ExitFindings, "writing the plan: %v", err)
	}
	if n := p.Summary.Blocked; n > 0 {
		saved := ""
		if out != "" {
			saved = fmt.Sprintf("; %s was not written", out)
		}
		return false, lintcmd.Fail(lintcmd.ExitFindings, "%d action(s) of the plan are blocked (each says why above): apply would refuse them%s; do what each says, then plan again", n, saved)
	}
	if err := preflightBlocks(p.Preflight, out); err != nil {
		return false, err
	}
	return p.HasChanges(), nil
}

// showSensitiveFlag is --show-sensitive of plan and apply.
var showSensitiveFlag = &cli.BoolFlag{Name: "show-sensitive", Usage: "show the values of Environment variables (masked as " + plan.Sensitive + " otherwise; a saved plan always holds them)"}

// shown is p as plan and apply show it: Environment values masked unless --show-sensitive.
func shown(c *cli.Context, p *plan.Plan) *plan.Plan {
	if c.Bool("show-sensitive") {
		return p
	}
	return p.Masked()
}

// makePlan loads and lints the manifests (refusing to plan on errors, which it prints
// as lint does), opens the live reader, refuses an account the config's accounts: does
// not list before any SageMaker call, and plans. It returns where the plan was made.
// Each wrap, if any, wraps the live reader (snapshot records what the plan reads).
func makePlan(e *lintcmd.Env, c *cli.Context, wrap ...func(live.Reader) live.Reader) (*plan.Plan, plan.Target, error) {
	var none plan.Target
	settings, err := lintcmd.LoadSettings(e, c)
	if err != nil {
		return nil, none, err
	}
	excludeLiveDir(settings, c.String("live-dir"))
	env, err := useEnv(settings, c, "") // env.go: --env's overlay, region and profile
	if err != nil {
		return nil, none, err
	}
	naming := c.String("naming")
	if naming == "" {
		naming = string(settings.Config.Naming)
	}
	policy, err := plan.ParseNaming(naming)
	if err != nil {
		return nil, none, lintcmd.Fail(lintcmd.ExitUsage, "--naming: %v", err)
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res, err := settings.Lint(e, paths)
	if err != nil {
		return nil, none, err
	}
	if errs := res.Errors(); len(errs) > 0 {
		w := e.Stderr
		if !c.Bool("show-sensitive") {
			w = plan.RedactWriter(w, plan.DocumentSecrets(res.Set))
		}
		lintcmd.PrintFindings(w, res.Set, errs)
		return nil, none, lintcmd.Fail(lintcmd.ExitFindings, "the manifests have %d error(s): fix them (sagectl lint shows them all) and plan again", len(errs))
	}
	set, err := selectTargets(c, res.Set) // target.go: --target
	if err != nil {
		return nil, none, err
	}
	ctx := context.Background()
	reader, where, workers, err := liveReader(ctx, c)
	if err != nil {
		return nil, none, err
	}
	for _, w := range wrap {
		reader = w(reader)
	}
	if !where.Offline {
		if err := plan.CheckAccount(where.Account, settings.Config.Accounts, settings.Config.Path); err != nil {
			return nil, none, lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
		}
	}
	if err := checkEnvAccount(settings, env, &where); err != nil {
		return nil, none, err
	}
	p, err := plan.Build(ctx, set, reader, plan.Options{Naming: policy, Prune: c.Bool("prune"), Concurrency: workers,
		Project: settings.Config.Project, Adopt: c.Bool("adopt")})
	if err != nil {
		return nil, none, lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	p.Environment = where.Environment
	p.Preflight = checkPlan(ctx, c, res.Set, p, reader, where)
	return p, where, nil
}

// liveReader returns the --live-dir snapshot (an offline target), or the SageMaker API
// with the AWS flags and where it is: the account (STS GetCallerIdentity), region and
// endpoint URL.
func liveReader(ctx context.Context, c *cli.Context) (live.Reader, plan.Target, int, error) {
	o := awsclient.FromContext(c)
	if dir := c.String("live-dir"); dir != "" {
		d, err := live.OpenDir(dir)
		if err != nil {
			return nil, plan.Target{}, 0, lintcmd.Fail(lintcmd.ExitFindings, "--live-dir: %v", err)
		}
		return d, plan.Target{Offline: true}, o.Workers(), nil
	}
	clients, where, err := connect(ctx, o)
	if err != nil {
		return nil, plan.Target{}, 0, lintcmd.Fail(lintcmd.ExitFindings, "%v (or plan offline with --live-dir DIR)", err)
	}
	return &live.API{Client: clients.SageMaker, Autoscaling: clients.Autoscaling}, where, o.Workers(), nil
}

// connect opens the service clients of o and says where they are.
func connect(ctx context.Context, o awsclient.Options) (awsclient.Clients, plan.Target, error) {
	clients, w, err := awsclient.Connect(ctx, o)
	if err != nil {
		return awsclient.Clients{}, plan.Target{}, err
	}
	return clients, plan.Target{Account: w.Account, Region: w.Region, EndpointURL: w.EndpointURL}, nil
}

// awsFlags are the AWS CLI-style flags of the commands that read SageMaker.
func awsFlags() []cli.Flag { return awsclient.Flags() }

// excludeLiveDir keeps the --live-dir snapshot out of the manifests, so
// `sagectl plan examples/ --live-dir examples/live` does not lint describe outputs.
func excludeLiveDir(s *lintcmd.Settings, dir string) {
	if dir == "" || s.Exclude.Dir == "" {
		return
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	if rel, err := filepath.Rel(s.Exclude.Dir, abs); err == nil {
		s.Exclude.Patterns = append(s.Exclude.Patterns, "/"+filepath.ToSlash(rel))
	}
}
