package awscmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/apply"
	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/importer"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/urfave/cli/v2"
)

func importCommand(e *lintcmd.Env) *cli.Command {
	var flags []cli.Flag
	for _, k := range manifest.SageMakerKinds {
		flags = append(flags, &cli.StringSliceFlag{Name: kindFlag(k),
			Usage: "import the " + k.Words() + " `NAME` and the resources it names (repeatable)"})
	}
	flags = append(flags,
		&cli.BoolFlag{Name: "all", Usage: "import every resource of every kind in the account and region (or in --live-dir)"},
		&cli.StringFlag{Name: "out-dir", Usage: "write one manifest file per resource into `DIR` instead of standard output"},
		&cli.StringFlag{Name: "live-dir", Usage: "read the live state from JSON files saved from the AWS CLI in `DIR` instead of the API"},
		&cli.BoolFlag{Name: "adopt", Usage: "also tag the imported resources as sagectl's (and the config's project's), so plan and apply manage them"},
		lintcmd.ConfigFlag, lintcmd.EnvFlag,
	)
	return oneOnError(&cli.Command{
		Name:      "import",
		Usage:     "write manifests for existing live resources (plan them right away: no changes)",
		ArgsUsage: "[ENDPOINT...]  (names without a flag are endpoints)",
		Flags:     append(flags, awsFlags()...),
		Action:    func(c *cli.Context) error { return runImport(e, c) },
	})
}

func runImport(e *lintcmd.Env, c *cli.Context) error {
	var refs []importer.Ref
	for _, k := range manifest.SageMakerKinds {
		for _, n := range c.StringSlice(kindFlag(k)) {
			refs = append(refs, importer.Ref{Kind: k, Name: n})
		}
	}
	for _, n := range c.Args().Slice() {
		refs = append(refs, importer.Ref{Kind: manifest.KindEndpoint, Name: n})
	}
	switch {
	case c.Bool("all") && len(refs) > 0:
		return lintcmd.Fail(lintcmd.ExitUsage, "--all imports every resource: name none with it")
	case len(refs) == 0 && !c.Bool("all"):
		return lintcmd.Fail(lintcmd.ExitUsage, "nothing to import: name resources with %s, or pass --all", kindFlagList())
	case c.Bool("adopt") && c.String("live-dir") != "":
		return lintcmd.Fail(lintcmd.ExitUsage, "--adopt tags the live resources, so it needs the SageMaker API: drop --live-dir")
	}
	ctx := context.Background()
	reader, err := envLiveReader(ctx, e, c) // env.go
	if err != nil {
		return err
	}
	if c.Bool("all") {
		if refs, err = importer.All(ctx, reader); err != nil {
			return lintcmd.Fail(lintcmd.ExitFindings, "import --all: listing the resources: %v", err)
		}
		if len(refs) == 0 {
			fmt.Fprintln(e.Stderr, "import --all: no models, endpoint configs or endpoints to import")
			return nil
		}
	}
	ms, err := importer.Import(ctx, reader, refs)
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "import: %v", err)
	}
	if c.Bool("adopt") {
		if err := adopt(ctx, e, c, reader, ms); err != nil {
			return err
		}
	}
	dir := c.String("out-dir")
	if dir == "" {
		for i, m := range ms {
			if i > 0 {
				fmt.Fprintln(e.Stdout, "---")
			}
			if _, err := e.Stdout.Write(m.YAML); err != nil {
				return lintcmd.Fail(lintcmd.ExitFindings, "writing the manifests: %v", err)
			}
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "--out-dir: %v", err)
	}
	for _, m := range ms {
		path := filepath.Join(dir, fmt.Sprintf("%s.%s.yaml", fileSafe.Replace(m.Name), strings.ToLower(string(m.Kind))))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // a manifest may hold Environment secrets
		if errors.Is(err, os.ErrExist) {
			return lintcmd.Fail(lintcmd.ExitFindings, "--out-dir: %s already exists: sagectl import does not overwrite manifests; move it or choose another directory", path)
		}
		if err != nil {
			return lintcmd.Fail(lintcmd.ExitFindings, "--out-dir: %v", err)
		}
		_, werr := f.Write(m.YAML)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return lintcmd.Fail(lintcmd.ExitFindings, "--out-dir: writing %s: %v", path, werr)
		}
		fmt.Fprintln(e.Stderr, "wrote", path)
	}
	return nil
}

// fileSafe turns a live name into a file name: a scalable target's ResourceId and a
// policy's live key hold slashes and colons.
var fileSafe = strings.NewReplacer("/", "_", ":", "_", `\`, "_")

// kindFlag is import's flag for a kind: its words joined by dashes (--endpoint-config).
func kindFlag(k manifest.Kind) string { return strings.ReplaceAll(k.Words(), " ", "-") }

// kindFlagList lists import's kind flags for a message: "--a, --b or --c".
func kindFlagList() string {
	var names []string
	for _, k := range manifest.SageMakerKinds {
		names = append(names, "--"+kindFlag(k))
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// adopt gives the imported resources the ownership tags of the configuration's project
// (apply.Adopt), before any manifest is written: a refused adoption writes nothing.
func adopt(ctx context.Context, e *lintcmd.Env, c *cli.Context, reader live.Reader, ms []importer.Manifest) error {
	settings, err := lintcmd.LoadSettings(e, c)
	if err != nil {
		return err
	}
	api, ok := reader.(*live.API)
	if !ok {
		return lintcmd.Fail(lintcmd.ExitUsage, "--adopt needs the SageMaker API")
	}
	client, ok := api.Client.(apply.API)
	if !ok {
		return lintcmd.Fail(lintcmd.ExitFindings, "--adopt: the SageMaker client cannot add tags")
	}
	var targets []apply.AdoptTarget
	for _, m := range ms {
		if m.Kind == manifest.KindScalingPolicy || m.Kind == manifest.KindScheduledAction {
			continue // no tags of their own: their scalable target's decide
		}
		r, err := reader.Read(ctx, m.Kind, m.Name)
		if err != nil || r == nil {
			return lintcmd.Fail(lintcmd.ExitFindings, "import --adopt: %s %s: reading it again to tag it: %v", m.Kind, m.Name, err)
		}
		targets = append(targets, apply.AdoptTarget{Kind: m.Kind, Name: r.Name, ARN: r.ARN})
	}
	scaling, _ := api.Autoscaling.(apply.AutoscalingAPI) // nil: Adopt refuses a scalable target
	lines, err := apply.Adopt(ctx, client, scaling, settings.Config.Project, targets)
	for _, l := range lines {
		fmt.Fprintln(e.Stderr, l)
	}
	if err != nil {
		return lintcmd.Fail(lintcmd.ExitFindings, "import --adopt: %v", err)
	}
	return nil
}
