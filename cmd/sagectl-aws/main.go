// Command sagectl-aws is sagectl with the commands that talk to SageMaker (plan,
// apply, import, emulator). `sagectl` runs it for those commands; it accepts every
// sagectl command.
package main

import (
	"os"

	"github.com/sagectl/sagectl/internal/awscmd"
)

func main() { os.Exit(awscmd.Main(os.Args, os.Stdin, os.Stdout, os.Stderr)) }
