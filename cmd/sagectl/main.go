// Command sagectl lints, plans and applies Amazon SageMaker hosting manifests.
package main

import (
	"os"

	"github.com/sagectl/sagectl/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args, os.Stdin, os.Stdout, os.Stderr)) }
