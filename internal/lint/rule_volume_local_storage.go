package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// volumeLocalStorage reports VolumeSizeInGB on instance types with local NVMe storage.
type volumeLocalStorage struct{}

var volumeLocalStorageInfo = &Info{
	ID:              "volume-size-local-storage",
	Severity:        finding.Error,
	OtherSeverities: []finding.Severity{finding.Warning},
	Summary:         "flags VolumeSizeInGB on instance types with local NVMe storage",
	Why: "VolumeSizeInGB sizes the EBS volume of instances that have no local storage. For families with local NVMe " +
		"storage SageMaker rejects it with a service exception (AWS's SageMaker Python SDK refuses it: volume_size_supported). " +
		"For families whose EC2 counterparts have instance store but that the SDK rule does not list (p6-b200, p6-b300, " +
		"p6e-gb200, trn2, g7, g7e) this is unverified and reported as a warning.",
	Source: "AWS's SageMaker Python SDK, volume_size_supported: https://github.com/aws/sagemaker-python-sdk/blob/v3.20.0/sagemaker-core/src/sagemaker/core/common_utils.py; " +
		"VolumeSizeInGB on trn1 \"throws a service exception\": https://github.com/aws/sagemaker-python-sdk/pull/4828; " +
		"ProductionVariant.VolumeSizeInGB: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	Fix:   "Remove VolumeSizeInGB: the instance's local NVMe storage is used instead.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: gpu
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.2xlarge
    InitialInstanceCount: 1
    VolumeSizeInGB: 100
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: gpu
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.g5.2xlarge
    InitialInstanceCount: 1
`, "my-model"),
}

func (volumeLocalStorage) Info() *Info { return volumeLocalStorageInfo }

func (volumeLocalStorage) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		k, val := manifest.Lookup(v.Node, "VolumeSizeInGB")
		if k == nil || manifest.IsNull(val) {
			continue
		}
		worst, which := ebsOnly, ""
		for _, t := range v.instanceTypes() {
			if s := instanceStorage(t.Value); s == localNVMe || (s == maybeLocalNVMe && worst == ebsOnly) {
				worst, which = s, t.Value
			}
		}
		switch worst {
		case localNVMe:
			p.Report(k, fmt.Sprintf("VolumeSizeInGB is set on variant %s but %s has local NVMe instance storage; SageMaker rejects VolumeSizeInGB there", v.name(), which),
				"remove VolumeSizeInGB, or use an EBS-only instance type")
		case maybeLocalNVMe:
			p.ReportAs(finding.Warning, k, fmt.Sprintf("VolumeSizeInGB is set on variant %s but %s very likely has local NVMe instance storage (unverified for SageMaker), where VolumeSizeInGB is rejected", v.name(), which),
				"remove VolumeSizeInGB unless you have confirmed that this instance type accepts it")
		}
	}
}
