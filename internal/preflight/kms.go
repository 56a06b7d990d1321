package preflight

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/sagectl/sagectl/internal/manifest"
)

// KMS is the KMS call the key check makes.
type KMS interface {
	DescribeKey(context.Context, *kms.DescribeKeyInput, ...func(*kms.Options)) (*kms.DescribeKeyOutput, error)
}

// key checks that a KMS key or alias exists, is enabled and is a symmetric encryption key:
// SageMaker encrypts volumes and outputs with symmetric keys only
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId,
// https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html).
func (r *run) key(doc *manifest.Document, ptr string, id *string) {
	if id == nil || *id == "" || r.c.KMS == nil {
		return
	}
	r.once(doc, ptr, "key "+*id, func() result {
		out, err := r.c.KMS.DescribeKey(r.ctx, &kms.DescribeKeyInput{KeyId: id})
		if code(err) == "NotFoundException" {
			return problem("preflight-kms-key", "create the key or alias, or name an existing one (aws kms list-aliases)",
				"KMS key %s does not exist in %s", *id, r.in.Region)
		}
		if err != nil {
			return notChecked("KMS key "+*id, "kms:DescribeKey", err)
		}
		m := out.KeyMetadata
		switch {
		case m.KeyState != kmstypes.KeyStateEnabled:
			return problem("preflight-kms-key", "enable the key (aws kms enable-key), or name an enabled one",
				"KMS key %s is %s, not Enabled: SageMaker cannot encrypt with it", *id, m.KeyState)
		case m.KeySpec != kmstypes.KeySpecSymmetricDefault || m.KeyUsage != kmstypes.KeyUsageTypeEncryptDecrypt:
			return problem("preflight-kms-key", "name a symmetric encryption key (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT)",
				"KMS key %s is %s for %s, not a symmetric encryption key (%s, %s)", *id, m.KeySpec, m.KeyUsage,
				kmstypes.KeySpecSymmetricDefault, kmstypes.KeyUsageTypeEncryptDecrypt)
		}
		return ok
	})
}
