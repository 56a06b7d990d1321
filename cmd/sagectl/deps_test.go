package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLintBinaryHasNoAWSSDK keeps the AWS SDK out of the sagectl binary: a pre-commit
// hook starts it once per commit, and linking the SDK multiplies its start-up time.
// Commands that need the SDK belong to sagectl-aws (package awscmd).
func TestLintBinaryHasNoAWSSDK(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps listed only %v", deps)
	}
	for _, d := range deps {
		if strings.Contains(d, "aws-sdk-go") || strings.Contains(d, "smithy-go") || strings.HasSuffix(d, "internal/awscmd") {
			t.Errorf("sagectl depends on %s; move the code that needs it to sagectl-aws", d)
		}
	}
}
