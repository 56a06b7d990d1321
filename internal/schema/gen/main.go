// Command gen writes schema/sagectl.schema.json from the AWS SDK's Go types and
// schema/constraints.json, and from it the compact validation documents
// schema/kinds/<Kind>.json; and schema/editor.schema.json, the document `sagectl
// schema` prints for editors. It runs from `go generate ./schema/...` (make generate).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sagectl/sagectl/internal/schema/internal/gen"
)

func main() {
	in := flag.String("constraints", "constraints.json", "the constraints table to read")
	out := flag.String("o", "sagectl.schema.json", "the schema file to write")
	editor := flag.String("editor", "editor.schema.json", "the editor schema file to write")
	kinds := flag.String("kinds", "kinds", "the directory to write each kind's validation document to")
	flag.Parse()
	if err := run(*in, *out, *editor, *kinds); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out, editorOut, kindsDir string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	full, err := gen.Generate(data)
	if err != nil {
		return err
	}
	docs, err := gen.KindDocuments(full)
	if err != nil {
		return err
	}
	editor, err := gen.GenerateEditor(data)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, full, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(editorOut, editor, 0o644); err != nil {
		return err
	}
	if err := os.MkdirAll(kindsDir, 0o755); err != nil {
		return err
	}
	for _, k := range gen.KindNames() {
		if err := os.WriteFile(filepath.Join(kindsDir, k+".json"), docs[k], 0o644); err != nil {
			return err
		}
	}
	return nil
}
