package lintcmd

import (
	"github.com/sagectl/sagectl/internal/schema"
	"github.com/urfave/cli/v2"
)

func schemaCommand(e *Env) *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the JSON Schema (draft 2020-12) of sagectl manifests, for editors",
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return fail(ExitUsage, "schema takes no arguments (got %q); it prints the whole schema: sagectl schema > sagectl.schema.json", c.Args().First())
			}
			_, err := e.Stdout.Write(schema.EditorJSON())
			return err
		},
	}
}
