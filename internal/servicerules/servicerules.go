// Package servicerules holds the facts about what SageMaker rejects server-side, beyond
// the API model's traits, that both sides of sagectl apply: lint reports them at a
// manifest's line, and the emulator answers them with a ValidationException. It has no
// dependency on the AWS SDK or on YAML, so the lint binary and the emulator both import it.
package servicerules

import "regexp"

// The four forms AWS KMS accepts for a key reference
// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id).
const (
	kmsKeyIDPattern = `(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})`
	kmsARNPrefix    = `arn:aws[-a-z]*:kms:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:`
	kmsAliasPattern = `alias/[a-zA-Z0-9/_-]+`
)

var (
	kmsKeyID    = regexp.MustCompile(`^` + kmsKeyIDPattern + `$`)
	kmsKeyARN   = regexp.MustCompile(`^` + kmsARNPrefix + `key/` + kmsKeyIDPattern + `$`)
	kmsAlias    = regexp.MustCompile(`^` + kmsAliasPattern + `$`)
	kmsAliasARN = regexp.MustCompile(`^` + kmsARNPrefix + kmsAliasPattern + `$`)
)

// KMSFormats says in words which forms a KmsKeyId may take, for messages.
const KMSFormats = "a key ID (1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-<32 hex digits> for a multi-Region key), " +
	"a key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID), an alias name (alias/NAME) or an alias ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME)"

// ValidKMSKey reports whether s is a key ID, key ARN, alias name or alias ARN, the forms
// CreateEndpointConfig documents for KmsKeyId
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html).
func ValidKMSKey(s string) bool {
	return kmsKeyID.MatchString(s) || kmsKeyARN.MatchString(s) || kmsAlias.MatchString(s) || kmsAliasARN.MatchString(s)
}

// Serverless memory sizes: 1024..6144 MB in 1 GB steps ("Valid values are in 1 GB
// increments", https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html).
// The constraints table carries the same range and step (a test checks they agree).
const (
	ServerlessMemoryMin  = 1024
	ServerlessMemoryMax  = 6144
	ServerlessMemoryStep = 1024
)

// Messages SageMaker answers, as public reports quote them.
const (
	// MsgManagedScalingICOnly answers ManagedInstanceScaling on a variant with a ModelName
	// (https://github.com/hashicorp/terraform-provider-aws/pull/45926).
	MsgManagedScalingICOnly = "ManagedInstanceScaling is only supported for inference component endpoints."
	// MsgMultiModelPipeline answers a CreateModel whose Containers run more than one in
	// MultiModel mode (https://github.com/OElesin/sagemaker-autopilot-step-functions/issues/10).
	MsgMultiModelPipeline = "More than one container in MultiModel mode is not supported with inference pipeline."
)
