// Command sagectl lints, plans and applies Amazon SageMaker hosting manifests.
//
// This binary runs lint, rules, explain and schema itself and hands plan, apply,
// import and emulator to sagectl-aws (installed alongside), so that linting one file
// takes a few milliseconds instead of paying for the AWS SDK's start-up.
package main

import (
	"os"
	"runtime/debug"

	"github.com/sagectl/sagectl/internal/lintcmd"
)

// memoryLimit is the soft heap limit for a lint run (GOMEMLIMIT overrides it): the
// garbage collector works harder near it instead of letting a 10,000-document lint
// grow to twice its live heap. Measured in docs/benchmarks.md.
const memoryLimit = 80 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(lintcmd.Run(os.Args, os.Stdin, os.Stdout, os.Stderr, lintcmd.Delegates()...))
}
