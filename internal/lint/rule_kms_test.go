package lint

import "testing"

const m5Variant = "ProductionVariants:\n  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}\n"

func TestKMSFormat(t *testing.T) {
	testRuleA(t, kmsFormat{}, []caseA{
		{name: "every location", src: ecA(`ProductionVariants:
  - VariantName: a
    CoreDumpConfig: {DestinationS3Uri: s3://b/d, KmsKeyId: key}
KmsKeyId: arn:aws:kms:us-east-1:123456789012:aliases/x
DataCaptureConfig:
  KmsKeyId: "12345"
AsyncInferenceConfig:
  OutputConfig:
    KmsKeyId: ""
`), want: []string{
			`5:60 error: CoreDumpConfig.KmsKeyId "key" of variant "a" is not a KMS key reference; expected a key ID`,
			`6:11 error: KmsKeyId "arn:aws:kms:us-east-1:123456789012:aliases/x" is not a KMS key reference; expected a key ID (1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-<32 hex digits> for a multi-Region key), a key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID), an alias name (alias/NAME) or an alias ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME)`,
			`8:13 error: DataCaptureConfig.KmsKeyId "12345" is not a KMS key reference`,
			`11:15 error: AsyncInferenceConfig.OutputConfig.KmsKeyId "" is not a KMS key reference`,
		}},
		{name: "valid keys", src: ecA(`ProductionVariants:
  - VariantName: a
    CoreDumpConfig: {DestinationS3Uri: s3://b/d, KmsKeyId: alias/dumps}
KmsKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
DataCaptureConfig:
  KmsKeyId: arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab
AsyncInferenceConfig:
  OutputConfig:
    KmsKeyId: arn:aws:kms:us-east-1:123456789012:alias/async
`)},
		{name: "outside the model pattern is the schema's", src: ecA(m5Variant + "KmsKeyId: alias/has space\n")},
		{name: "not a string is the schema's", src: ecA(m5Variant + "KmsKeyId: 12\n")},
	})
}

func TestKMSFormatHint(t *testing.T) {
	fs := runRuleA(t, kmsFormat{}, ecA(m5Variant+"KmsKeyId: sagemaker-prod\n"))
	if len(fs) != 1 || fs[0].Hint != `if "sagemaker-prod" is an alias, write alias/sagemaker-prod` {
		t.Fatalf("got %v, want one finding suggesting alias/sagemaker-prod", fs)
	}
}

func TestKMSLocalStorage(t *testing.T) {
	testRuleA(t, kmsLocalStorage{}, []caseA{
		{name: "g5 and an unverified pool", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.g5.xlarge}
  - VariantName: b
    InstancePools: [{InstanceType: ml.m5.large, Priority: 1}, {InstanceType: ml.trn2.48xlarge, Priority: 2}]
KmsKeyId: alias/x
`), want: []string{`7:1 warning: KmsKeyId does not encrypt local NVMe instance storage, and older API versions reject it with such instance types: ml.g5.xlarge (variant "a"), ml.trn2.48xlarge (variant "b", unverified for SageMaker)`}},
		{name: "p5 4xlarge", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.p5.4xlarge}\nKmsKeyId: alias/x\n"),
			want: []string{`5:1 warning: KmsKeyId does not encrypt local NVMe instance storage, and older API versions reject it with such instance types: ml.p5.4xlarge (variant "a")`}},
		{name: "EBS only", src: ecA(m5Variant + "KmsKeyId: alias/x\n")},
		{name: "no key", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.g5.xlarge}\n")},
		{name: "null key", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.g5.xlarge}\nKmsKeyId: ~\n")},
	})
}

func TestKMSDefaultKey(t *testing.T) {
	testRuleA(t, kmsDefaultKey{}, []caseA{
		{name: "no key", src: ecA(m5Variant), want: []string{`1:1 warning: no KmsKeyId: the instance storage volumes are encrypted with a transient key of SageMaker's, not a key you control`}},
		{name: "null key", src: ecA(m5Variant + "KmsKeyId: null\n"), want: []string{`1:1 warning: no KmsKeyId`}},
		{name: "EBS pool next to local type", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.g5.xlarge}
  - {VariantName: b, InstancePools: [{InstanceType: ml.c5.xlarge, Priority: 1}]}
`), want: []string{`1:1 warning: no KmsKeyId`}},
		{name: "with key", src: ecA(m5Variant + "KmsKeyId: alias/x\n")},
		{name: "serverless only", src: ecA(serverlessVariant)},
		{name: "local storage only", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.g5.xlarge}\n  - {VariantName: b, InstanceType: ml.g7.xlarge}\n")},
		{name: "model is not checked", src: "kind: Model\nModelName: m\n"},
	})
}
