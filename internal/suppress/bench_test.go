package suppress

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// BenchmarkApplyNoComment is the common case: a file without ignore comments costs
// one bytes.Contains.
func BenchmarkApplyNoComment(b *testing.B) {
	f := manifest.NewFile("m.yaml", []byte(strings.Repeat("    InstanceType: ml.m5.large\n", 2000)))
	fs := []finding.Finding{at(10, "kms-key")}
	for b.Loop() {
		Apply([]*manifest.File{f}, fs, Options{Now: today, Rules: rules})
	}
}

// BenchmarkApply: a 2000-line file with 20 ignore comments and 200 findings.
func BenchmarkApply(b *testing.B) {
	var src strings.Builder
	var fs []finding.Finding
	for i := 1; i <= 2000; i++ {
		if i%100 == 0 {
			src.WriteString("    # sagectl:ignore kms-key until=2030-01-01 shared key\n")
			continue
		}
		src.WriteString("    InstanceType: ml.m5.large\n")
		if i%10 == 1 {
			fs = append(fs, at(i, "kms-key"))
		}
	}
	f := manifest.NewFile("m.yaml", []byte(src.String()))
	for b.Loop() {
		Apply([]*manifest.File{f}, fs, Options{Now: today, Rules: rules})
	}
}
