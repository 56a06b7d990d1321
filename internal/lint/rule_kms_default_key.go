package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// kmsDefaultKey warns when an instance-based endpoint config names no KmsKeyId.
type kmsDefaultKey struct{}

var kmsDefaultKeyInfo = &Info{
	ID:       "kms-default-key",
	Severity: finding.Warning,
	Summary:  "flags an instance-based endpoint config without KmsKeyId, whose volumes get a key you do not control",
	Why: "KmsKeyId is the key SageMaker uses to encrypt the storage volumes of the hosting instances. Without it the data at " +
		"rest is encrypted with a transient key of SageMaker's, which you cannot restrict, rotate on your schedule or audit per use. " +
		"Not reported for serverless-only configs (no instance volume) nor when every instance type has local NVMe storage " +
		"(see kms-local-storage).",
	Source: "CreateEndpointConfig.KmsKeyId, the key that encrypts the ML storage volumes: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html; " +
		"without a KMS key, SageMaker encrypts the storage volumes of endpoints with a transient key: https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html",
	Fix:   "Set KmsKeyId to a customer managed key, for example KmsKeyId: alias/sagemaker-prod.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: plain
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: encrypted
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker-prod
`, "my-model"),
}

func (kmsDefaultKey) Info() *Info { return kmsDefaultKeyInfo }

func (kmsDefaultKey) Check(p *Pass) {
	if present(p.Doc.Body, "KmsKeyId") {
		return
	}
	for _, v := range variants(p.Doc.Body) {
		for _, t := range v.instanceTypes() {
			if instanceStorage(t.Value) == ebsOnly {
				p.Report(p.Doc.Body, "no KmsKeyId: the instance storage volumes are encrypted with a transient key of SageMaker's, not a key you control",
					"set KmsKeyId to a customer managed key (key ID, key ARN, alias/NAME or alias ARN)")
				return
			}
		}
	}
}
