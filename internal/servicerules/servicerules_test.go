package servicerules

import (
	"testing"

	"github.com/sagectl/sagectl/internal/schema"
)

// TestServerlessMemoryMatchesTable: the sizes lint's serverless-memory rule allows are
// the range and step of the constraints table, which the schema and the emulator read.
func TestServerlessMemoryMatchesTable(t *testing.T) {
	cs, err := schema.Constraints()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{
		"CreateEndpointConfig:ProductionVariants[].ServerlessConfig.MemorySizeInMB",
		"CreateEndpointConfig:ShadowProductionVariants[].ServerlessConfig.MemorySizeInMB",
	} {
		c := cs[key]
		if c == nil || c.Min == nil || c.Max == nil || c.Step == nil {
			t.Fatalf("%s: no range and step in the table", key)
		}
		if *c.Min != ServerlessMemoryMin || *c.Max != ServerlessMemoryMax || *c.Step != ServerlessMemoryStep {
			t.Errorf("%s: table %g..%g step %g, servicerules %d..%d step %d", key, *c.Min, *c.Max, *c.Step,
				ServerlessMemoryMin, ServerlessMemoryMax, ServerlessMemoryStep)
		}
	}
}

func TestValidKMSKey(t *testing.T) {
	for _, c := range []struct {
		key  string
		want bool
	}{
		{"1234abcd-12ab-34cd-56ef-1234567890ab", true},
		{"1234ABCD-12AB-34CD-56EF-1234567890AB", true},
		{"mrk-1234abcd12ab34cd56ef1234567890ab", true},
		{"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", true},
		{"arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab", true},
		{"arn:aws-cn:kms:cn-north-1:123456789012:alias/my-key", true},
		{"alias/my-key", true},
		{"alias/aws/sagemaker", true},
		{"arn:aws:kms:eu-west-1:123456789012:alias/team/key_1", true},
		{"", false},
		{"my-key", false},
		{"alias/", false},
		{"1234abcd-12ab-34cd-56ef", false},
		{"mrk-1234", false},
		{"arn:aws:kms:us-east-1:123456789012:aliases/my-key", false},
		{"arn:aws:kms:us-east-1:12345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab", false},
		{"arn:aws:kms::123456789012:alias/x", false},
		{"arn:aws:s3:us-east-1:123456789012:alias/x", false},
		{"arn:aws:kms:us-east-1:123456789012:key/not-a-key", false},
	} {
		if got := ValidKMSKey(c.key); got != c.want {
			t.Errorf("ValidKMSKey(%q) = %v, want %v", c.key, got, c.want)
		}
	}
}
