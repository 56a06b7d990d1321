// Command sagectl lints, plans and applies Amazon SageMaker hosting manifests.
//
// This binary runs lint, rules, explain and schema itself and hands plan, apply,
// import and emulator to sagectl-aws (installed alongside), so that linting one file
// takes a few milliseconds instead of paying for the AWS SDK's start-up.
package main

import (
	"os"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

func main() {
	lintcmd.TuneGC()
	os.Exit(lintcmd.Run(os.Args, os.Stdin, os.Stdout, os.Stderr, lintcmd.Delegates()...))
}
