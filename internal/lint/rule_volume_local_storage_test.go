package lint

import "testing"

func TestVolumeLocalStorage(t *testing.T) {
	testRuleA(t, volumeLocalStorage{}, []caseA{
		{name: "verified local families", src: ecA(`ProductionVariants:
  - VariantName: a
    InstanceType: ml.g5.2xlarge
    VolumeSizeInGB: 100
  - VariantName: b
    InstanceType: ml.r7gd.large
    VolumeSizeInGB: 100
ShadowProductionVariants:
  - VariantName: c
    InstanceType: ml.trn1n.32xlarge
    VolumeSizeInGB: 100
`), want: []string{
			`6:5 error: VolumeSizeInGB is set on variant "a" but ml.g5.2xlarge has local NVMe instance storage; SageMaker rejects VolumeSizeInGB there`,
			`9:5 error: VolumeSizeInGB is set on variant "b" but ml.r7gd.large has local NVMe`,
			`13:5 error: VolumeSizeInGB is set on variant "c" but ml.trn1n.32xlarge has local NVMe`,
		}},
		{name: "unverified family warns", src: ecA("ProductionVariants:\n  - VariantName: a\n    InstanceType: ml.p6-b200.48xlarge\n    VolumeSizeInGB: 100\n"),
			want: []string{`6:5 warning: VolumeSizeInGB is set on variant "a" but ml.p6-b200.48xlarge very likely has local NVMe instance storage (unverified for SageMaker)`}},
		{name: "verified pool wins over unverified", src: ecA(`ProductionVariants:
  - VariantName: a
    InstancePools: [{InstanceType: ml.g7.xlarge, Priority: 1}, {InstanceType: ml.g6.xlarge, Priority: 2}]
    VolumeSizeInGB: 100
`), want: []string{`6:5 error: VolumeSizeInGB is set on variant "a" but ml.g6.xlarge has local NVMe`}},
		{name: "EBS only", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.m5.large, VolumeSizeInGB: 100}\n")},
		{name: "g4dn without volume", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.g4dn.xlarge}\n")},
		{name: "null volume", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.g5.xlarge, VolumeSizeInGB: null}\n")},
	})
}
