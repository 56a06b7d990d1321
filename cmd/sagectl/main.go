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

// gcPercent is the garbage collector's target (GOGC overrides it). A streamed lint
// keeps a live heap of a few MB whatever the corpus, so collecting at three times the
// live heap instead of twice costs about 5 MB and saves a quarter of the CPU time on
// the 10,000-document corpus (docs/benchmarks.md).
const gcPercent = 200

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(lintcmd.Run(os.Args, os.Stdin, os.Stdout, os.Stderr, lintcmd.Delegates()...))
}
