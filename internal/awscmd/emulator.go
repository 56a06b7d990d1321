package awscmd

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/urfave/cli/v2"
)

func emulatorCommand(e *lintcmd.Env) *cli.Command {
	return &cli.Command{
		Name:  "emulator",
		Usage: "serve a local SageMaker API emulator for sagectl plan/apply and the AWS CLI (--endpoint-url)",
		Description: "Serves the SageMaker model, endpoint-config, endpoint and tag operations on 127.0.0.1,\n" +
			"with the real service's validation, errors and endpoint lifecycle, until Ctrl-C or SIGTERM.\n" +
			"With --state, resources are loaded from FILE at start and saved to it at exit.\n\n" +
			emulator.FaultSpecHelp,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:8990", Usage: "serve on `HOST:PORT` (port 0 picks a free one); loopback only unless --allow-remote"},
			&cli.BoolFlag{Name: "allow-remote", Usage: "allow a --listen address that is not loopback (the emulator has no authentication)"},
			&cli.StringFlag{Name: "state", Usage: "load resources from `FILE` at start (if it exists) and save them there at exit"},
			&cli.GenericFlag{Name: "fault", Value: &faultFlag{}, Usage: "inject a fault, `KIND[:key=value,...]`; repeatable; the syntax is above"},
			&cli.Uint64Flag{Name: "seed", Usage: "seed for the p= probability of faults"},
			&cli.DurationFlag{Name: "create-duration", Value: 300 * time.Millisecond, Usage: "how long an endpoint stays Creating"},
			&cli.DurationFlag{Name: "update-duration", Value: 300 * time.Millisecond, Usage: "how long an endpoint stays Updating"},
			&cli.DurationFlag{Name: "delete-duration", Value: 200 * time.Millisecond, Usage: "how long an endpoint stays Deleting"},
			&cli.StringFlag{Name: "region", Value: "us-east-1", Usage: "`REGION` in ARNs"},
			&cli.StringFlag{Name: "account", Value: "123456789012", Usage: "12-digit `ACCOUNT` ID in ARNs"},
		}, worldFlags()...),
		Action: func(c *cli.Context) error { return runEmulator(e, c) },
	}
}

func runEmulator(e *lintcmd.Env, c *cli.Context) error {
	if c.NArg() > 0 {
		return lintcmd.Fail(lintcmd.ExitUsage, "emulator takes no arguments, got %q", strings.Join(c.Args().Slice(), " "))
	}
	var installs []func(*emulator.Server)
	for _, spec := range c.Generic("fault").(*faultFlag).specs {
		install, err := emulator.ParseFault(spec)
		if err != nil {
			return lintcmd.Fail(lintcmd.ExitUsage, "--fault %q: %v ('sagectl emulator --help' shows the syntax)", spec, err)
		}
		installs = append(installs, install)
	}
	world, err := seedWorld(c)
	if err != nil {
		return err
	}
	srv, err := emulator.Start(emulator.Options{
		Addr: c.String("listen"), AllowRemote: c.Bool("allow-remote"), StateFile: c.String("state"), Seed: c.Uint64("seed"),
		CreateDuration: c.Duration("create-duration"), UpdateDuration: c.Duration("update-duration"), DeleteDuration: c.Duration("delete-duration"),
		Region: c.String("region"), Account: c.String("account"),
	})
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitUsage, "%v", err)
	}
	srv.Seed(world)
	for _, install := range installs {
		install(srv)
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(e.Stdout, "SageMaker emulator listening on %s\n", srv.URL())
	fmt.Fprintf(e.Stdout, "try: aws --endpoint-url %s --region %s sagemaker list-endpoints   (Ctrl-C stops it)\n", srv.URL(), c.String("region"))
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "stopping the emulator: %v", err)
	}
	if path := c.String("state"); path != "" {
		fmt.Fprintf(e.Stdout, "emulator state saved to %s\n", path)
	}
	return nil
}

// faultFlag collects repeated --fault values whole: a StringSliceFlag would split them at the
// commas that separate a fault's parameters.
type faultFlag struct{ specs []string }

// Set appends one --fault value.
func (f *faultFlag) Set(v string) error {
	f.specs = append(f.specs, v)
	return nil
}

// String lists the values given.
func (f *faultFlag) String() string { return strings.Join(f.specs, " ") }
