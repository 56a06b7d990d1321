package lint_test

import (
	"bytes"
	"reflect"
	"slices"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/lint"
	"github.com/sagectl/sagectl/internal/manifest"
)

// FuzzStream: streaming any bytes (standard input, so both passes read them) never
// panics, and when the bytes are valid YAML it finds what Run finds: the first pass's
// name scan and the parse agree. (A file that does not parse reports its syntax
// error; the names the scan read past it may resolve references until it is fixed.)
func FuzzStream(f *testing.F) {
	addSeeds(f, "../../testdata/lint/*/*.yaml", "../../examples/*.yaml") // fuzz_test.go
	f.Fuzz(func(t *testing.T, data []byte) {
		in := lint.Input{Paths: []string{"-"}, Stdin: bytes.NewReader(data)}
		res, err := lint.Run(in, lint.Options{})
		if err != nil {
			t.Skip(err)
		}
		syntax := slices.ContainsFunc(res.Findings, func(f finding.Finding) bool { return f.Rule == manifest.RuleSyntax })
		var got []finding.Finding
		in.Stdin = bytes.NewReader(data)
		if _, err := lint.Stream(in, lint.Options{}, func(r *lint.FileResult) error {
			got = append(got, r.Findings...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !syntax && !reflect.DeepEqual(got, res.Findings) && (len(got) > 0 || len(res.Findings) > 0) {
			t.Fatalf("Stream found %d findings, Run %d: %s", len(got), len(res.Findings), firstDiff(got, res.Findings))
		}
	})
}
