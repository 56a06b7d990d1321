// Command gen writes schema/sagectl.schema.json from the AWS SDK's Go types and
// schema/constraints.json. It runs from `go generate ./schema/...` (make generate).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sagectl/sagectl/schema/internal/gen"
)

func main() {
	in := flag.String("constraints", "constraints.json", "the constraints table to read")
	out := flag.String("o", "sagectl.schema.json", "the schema file to write")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err == nil {
		data, err = gen.Generate(data)
	}
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
