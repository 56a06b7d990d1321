package awscmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/lintcmd"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/importer"
	"github.com/urfave/cli/v2"
)

func importCommand(e *lintcmd.Env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringSliceFlag{Name: "endpoint", Usage: "import endpoint `NAME` with its config and models (repeatable)"},
		&cli.StringSliceFlag{Name: "endpoint-config", Usage: "import endpoint config `NAME` with its models (repeatable)"},
		&cli.StringSliceFlag{Name: "model", Usage: "import model `NAME` (repeatable)"},
		&cli.BoolFlag{Name: "all", Usage: "import every model, endpoint config and endpoint of the account and region (or of --live-dir)"},
		&cli.StringFlag{Name: "out-dir", Usage: "write one manifest file per resource into `DIR` instead of standard output"},
		&cli.StringFlag{Name: "live-dir", Usage: "read the live state from JSON files saved from the AWS CLI in `DIR` instead of the API"},
	}
	return &cli.Command{
		Name:      "import",
		Usage:     "write manifests for existing live resources (plan them right away: no changes)",
		ArgsUsage: "[ENDPOINT...]  (names without a flag are endpoints)",
		Flags:     append(flags, awsFlags()...),
		Action:    func(c *cli.Context) error { return runImport(e, c) },
	}
}

func runImport(e *lintcmd.Env, c *cli.Context) error {
	var refs []importer.Ref
	for _, f := range []struct {
		flag string
		kind manifest.Kind
	}{{"model", manifest.KindModel}, {"endpoint-config", manifest.KindEndpointConfig}, {"endpoint", manifest.KindEndpoint}} {
		for _, n := range c.StringSlice(f.flag) {
			refs = append(refs, importer.Ref{Kind: f.kind, Name: n})
		}
	}
	for _, n := range c.Args().Slice() {
		refs = append(refs, importer.Ref{Kind: manifest.KindEndpoint, Name: n})
	}
	switch {
	case c.Bool("all") && len(refs) > 0:
		return lintcmd.Fail(lintcmd.ExitUsage, "--all imports every resource: name none with it")
	case len(refs) == 0 && !c.Bool("all"):
		return lintcmd.Fail(lintcmd.ExitUsage, "nothing to import: name resources with --endpoint, --endpoint-config or --model, or pass --all")
	}
	ctx := context.Background()
	reader, _, err := liveReader(ctx, c)
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
		path := filepath.Join(dir, fmt.Sprintf("%s.%s.yaml", m.Name, strings.ToLower(string(m.Kind))))
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
