package servicerules

import "testing"

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
