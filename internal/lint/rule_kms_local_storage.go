package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// kmsLocalStorage warns about a KmsKeyId on a config whose variants use instance types
// with local NVMe storage.
type kmsLocalStorage struct{}

var kmsLocalStorageInfo = &Info{
	ID:       "kms-local-storage",
	Severity: finding.Warning,
	Summary:  "flags KmsKeyId with instance types whose local NVMe storage it does not encrypt",
	Why: "Until 2026-06-10 the API model said \"You can't request a KmsKeyId when using an instance type with local storage\" " +
		"and that CreateEndpointConfig fails; since that documentation change (botocore 1.43.28) it says the key \"does not " +
		"encrypt instance local storage\" on nitro instances with local storage. AWS's SageMaker Python SDK still refuses a KMS " +
		"key for these families (instance_supports_kms). Either way the key does not protect what you may think it protects, " +
		"and older regions or tools may still reject the config.",
	Source: "CreateEndpointConfig.KmsKeyId (\"the KmsKeyId parameter does not encrypt instance local storage\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html; " +
		"the doc change in botocore 1.43.28 (2026-06-10), before which such a call failed: https://github.com/boto/botocore/commit/29b0ded2; " +
		"AWS's SageMaker Python SDK, instance_supports_kms and volume_size_supported: https://github.com/aws/sagemaker-python-sdk/blob/v3.20.0/sagemaker-core/src/sagemaker/core/common_utils.py",
	Fix:   "Remove KmsKeyId, or choose an EBS-backed instance type if the key must cover the instance storage.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: gpu
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: gpu
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
`, "my-model"),
}

func (kmsLocalStorage) Info() *Info { return kmsLocalStorageInfo }

func (kmsLocalStorage) Check(p *Pass) {
	k, v := manifest.Lookup(p.Doc.Body, "KmsKeyId")
	if k == nil || manifest.IsNull(v) {
		return
	}
	var local []string
	for _, vr := range variants(p.Doc.Body) {
		for _, t := range vr.instanceTypes() {
			switch instanceStorage(t.Value) {
			case localNVMe:
				local = append(local, fmt.Sprintf("%s (variant %s)", t.Value, vr.name()))
			case maybeLocalNVMe:
				local = append(local, fmt.Sprintf("%s (variant %s, unverified for SageMaker)", t.Value, vr.name()))
			}
		}
	}
	if len(local) == 0 {
		return
	}
	p.Report(k, fmt.Sprintf("KmsKeyId does not encrypt local NVMe instance storage, and older API versions reject it with such instance types: %s",
		strings.Join(local, ", ")),
		"remove KmsKeyId, or use an EBS-backed instance type if the key must cover the instance storage")
}
