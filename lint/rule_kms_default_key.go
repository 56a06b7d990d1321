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
	Summary:  "flags an instance-based endpoint config without KmsKeyId, whose volumes get the default AWS managed key",
	Why: "KmsKeyId is the key SageMaker uses to encrypt the storage volumes of the hosting instances. Without it the data at " +
		"rest is encrypted with the default AWS managed key, which you cannot restrict, rotate on your schedule or audit per use. " +
		"Not reported for serverless-only configs (no instance volume) nor when every instance type has local NVMe storage " +
		"(see kms-local-storage).",
	Source: "CreateEndpointConfig.KmsKeyId, the key that encrypts the ML storage volumes: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html; " +
		"data at rest in SageMaker hosting is encrypted with an AWS managed key unless you give a customer managed key: https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html",
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
				p.Report(p.Doc.Body, "no KmsKeyId: the instance storage volumes are encrypted with the default AWS managed key",
					"set KmsKeyId to a customer managed key (key ID, key ARN, alias/NAME or alias ARN)")
				return
			}
		}
	}
}
