package config

import (
	"os"
	"testing"
)

// BenchmarkParse reads the full example config, as every lint run does when one exists.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../../testdata/config/ok-full.yaml")
	if err != nil {
		b.Fatal(err)
	}
	ids := append(ruleIDs, "kms-default-key", "weights-percent-sum", "unresolved-model-name", "ignore-unused")
	for b.Loop() {
		if _, fs := Parse(".sagectl.yaml", data, ids); len(fs) > 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkExcludeMatch matches one walked path against three patterns.
func BenchmarkExcludeMatch(b *testing.B) {
	e := Exclude{Dir: "/repo", Patterns: []string{"examples/broken", "**/*.draft.yaml", "vendor"}}
	for b.Loop() {
		e.Match("/repo/deploy/prod/churn/endpoint-config.yaml")
	}
}
