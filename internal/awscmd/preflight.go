package awscmd

import (
	"context"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/sagectl/sagectl/internal/awsclient"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/plan/render"
	"github.com/sagectl/sagectl/internal/preflight"
	"github.com/urfave/cli/v2"
)

// noPreflightFlag is --no-preflight of plan and apply (docs/preflight.md).
var noPreflightFlag = &cli.BoolFlag{Name: "no-preflight", Usage: "skip the read-only checks of roles, images, artifacts, keys, alarms, topics, VPC and quotas (docs/preflight.md)"}

// checkPlan runs preflight on p (made from set through reader, at where), unless the plan is
// offline (--live-dir) or --no-preflight says not to; either way the result says so.
func checkPlan(ctx context.Context, c *cli.Context, set *manifest.Set, p *plan.Plan, reader live.Reader, where plan.Target) *plan.Preflight {
	switch {
	case where.Offline:
		return &plan.Preflight{NotRun: "a --live-dir plan reads no AWS API", Findings: []plan.PreflightFinding{}}
	case c.Bool("no-preflight"):
		return &plan.Preflight{NotRun: "--no-preflight", Findings: []plan.PreflightFinding{}}
	}
	var sm preflight.SageMaker
	if api, isAPI := reader.(*live.API); isAPI {
		sm, _ = api.Client.(preflight.SageMaker)
	}
	return runPreflight(ctx, c, preflight.FromPlan(p, set), sm, where)
}

// checkSaved runs preflight again on the saved plan s, read from file, with sm for the
// SageMaker reads: what plan checked may have changed since (a role or an image deleted, a
// quota taken by another endpoint). Its findings are at the lines of file.
func checkSaved(ctx context.Context, c *cli.Context, s *plan.Saved, file string, sm preflight.SageMaker, where plan.Target) (*plan.Preflight, error) {
	calls, err := preflight.FromSaved(s, manifest.NewFile(file, s.Source()))
	if err != nil {
		return nil, err
	}
	return runPreflight(ctx, c, calls, sm, where), nil
}

// runPreflight checks calls with the clients of the standard config chain (and
// --endpoint-url), sm for the SageMaker reads.
func runPreflight(ctx context.Context, c *cli.Context, calls []preflight.Call, sm preflight.SageMaker, where plan.Target) *plan.Preflight {
	o := awsclient.FromContext(c)
	cfg, err := awsclient.Config(ctx, o)
	if err != nil {
		return &plan.Preflight{Ran: true, Findings: []plan.PreflightFinding{{Level: "warning",
			Finding: finding.Finding{Rule: "preflight-not-checked", Severity: finding.Warning, Message: "could not check anything: " + err.Error()}}}}
	}
	clients := preflightClients(cfg, o)
	clients.SageMaker = sm
	return preflight.Run(ctx, clients, preflight.Input{Calls: calls, Region: where.Region, Account: where.Account, Concurrency: o.Workers()})
}

// preflightClients builds the read-only clients of preflight from cfg, each sent to
// --endpoint-url when given (S3 then path-style: the emulator has no bucket host names).
func preflightClients(cfg aws.Config, o awsclient.Options) preflight.Clients {
	if o.EndpointURL != "" {
		cfg.BaseEndpoint = aws.String(o.EndpointURL)
	}
	cfg.HTTPClient = awsclient.HTTPClient(o.Workers())
	return preflight.Clients{
		IAM: iam.NewFromConfig(cfg),
		ECR: func(region string) preflight.ECR {
			return ecr.NewFromConfig(cfg, func(eo *ecr.Options) { eo.Region = region })
		},
		S3:         s3.NewFromConfig(cfg, func(so *s3.Options) { so.UsePathStyle = o.EndpointURL != "" }),
		KMS:        kms.NewFromConfig(cfg),
		CloudWatch: cloudwatch.NewFromConfig(cfg),
		SNS:        sns.NewFromConfig(cfg),
		EC2:        ec2.NewFromConfig(cfg),
		Quotas:     servicequotas.NewFromConfig(cfg),
	}
}

// preflightBlocks refuses a plan whose preflight pf found errors: apply would fail at deploy
// time. out is the --out file that was therefore not written ("" when none).
func preflightBlocks(pf *plan.Preflight, out string) error {
	n := pf.Errors()
	if n == 0 {
		return nil
	}
	saved := ""
	if out != "" {
		saved = "; " + out + " was not written"
	}
	return lintcmd.Fail(lintcmd.ExitFindings, "preflight found %d error(s), each at its manifest line above: SageMaker would fail the deployment after it started%s; fix them and plan again (or skip the checks with --no-preflight)", n, saved)
}

// savedPreflightBlocks refuses the saved plan file whose preflight pf, run again at apply,
// found errors: nothing has been called yet.
func savedPreflightBlocks(pf *plan.Preflight, file string) error {
	n := pf.Errors()
	if n == 0 {
		return nil
	}
	return lintcmd.Fail(lintcmd.ExitFindings, "preflight found %d error(s), each at its call's line of %s above: SageMaker would fail the deployment after it started, so nothing was applied; fix what they name and apply %s again, or plan again (sagectl apply --no-preflight %s skips the checks)", n, file, file, file)
}

// preflightSaved runs preflight again on the saved plan p, read from file, prints what it
// found to stdout and refuses the plan when it found errors.
func preflightSaved(ctx context.Context, e *lintcmd.Env, c *cli.Context, p *plan.Saved, file string, sm preflight.SageMaker, where plan.Target, stdout io.Writer) error {
	pf, err := checkSaved(ctx, c, p, file, sm, where)
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "%v", err)
	}
	if err := (&render.Text{Color: lintcmd.UseColor(e.Stdout)}).Preflight(stdout, pf); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "writing the preflight: %v", err)
	}
	return savedPreflightBlocks(pf, file)
}
