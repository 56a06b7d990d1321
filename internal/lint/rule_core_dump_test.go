package lint

import (
	"fmt"
	"testing"
)

func TestCoreDumpDestination(t *testing.T) {
	dump := ecHead + "    CoreDumpConfig:\n      DestinationS3Uri: %s\n"
	with := func(uri string) string { return fmt.Sprintf(dump, uri) }
	runRuleCases(t, coreDumpDestination{}, []ruleCase{
		{"valid", with("s3://acme-dumps/model"), nil},
		{"short bucket", with("s3://ab/model"), []string{`9:25 error: CoreDumpConfig.DestinationS3Uri "s3://ab/model" is not a usable S3 location: bucket name "ab" is not valid: it has 2 characters`}},
		{"schema rejects", with("/tmp/dumps"), nil},
		{"shadow variant", ecHead + "ShadowProductionVariants:\n  - VariantName: shadow\n    CoreDumpConfig: {DestinationS3Uri: \"s3://Dumps/x\"}\n",
			[]string{`10:40 error: CoreDumpConfig.DestinationS3Uri "s3://Dumps/x"`}},
		{"no core dump", ecHead, nil},
	})
}
