package lint

import "strings"

// Instance families whose hosting instances have local NVMe instance storage.
//
// The verified list is the families of the ProductionVariantInstanceType enum (SDK
// v1.291.0, the same list as v1.288.1, compiled 2026-11) matched by AWS's SageMaker
// Python SDK rule (volume_size_supported / instance_supports_kms: the family contains "d" or starts
// with g5, g6, p5, trn1), in
// https://github.com/aws/sagemaker-python-sdk/blob/v3.20.0/sagemaker-core/src/sagemaker/core/common_utils.py;
// https://github.com/aws/sagemaker-python-sdk/pull/4828 reports a service exception
// for VolumeSizeInGB on trn1. The unverified list is families with EC2 instance store
// that the Python SDK rule does not cover; no AWS page found states how SageMaker
// treats them.
var (
	localNVMeFamilies = map[string]bool{
		"c5d": true, "c6gd": true, "m5d": true, "m6gd": true, "r5d": true, "r6gd": true, "r7gd": true,
		"g4dn": true, "dl1": true, "p4d": true, "p4de": true, "g5": true, "g6": true, "g6e": true,
		"p5": true, "p5e": true, "p5en": true, "trn1": true, "trn1n": true,
	}
	unverifiedLocalNVMeFamilies = map[string]bool{
		"p6-b200": true, "p6-b300": true, "p6e-gb200": true, "trn2": true, "g7": true, "g7e": true,
	}
)

// storage classifies an instance type's local storage.
type storage int

const (
	ebsOnly        storage = iota // no local instance storage known
	localNVMe                     // local NVMe storage, per the SageMaker Python SDK rule
	maybeLocalNVMe                // EC2 instance store, unverified for SageMaker
)

// instanceFamily returns the family part of a hosting instance type:
// "ml.p6-b200.48xlarge" gives "p6-b200". It returns "" for anything not shaped ml.<family>.<size>.
func instanceFamily(instanceType string) string {
	rest, ok := strings.CutPrefix(instanceType, "ml.")
	if !ok {
		return ""
	}
	i := strings.LastIndex(rest, ".")
	if i <= 0 || i == len(rest)-1 {
		return ""
	}
	return rest[:i]
}

// instanceStorage returns the local-storage class of an instance type.
func instanceStorage(instanceType string) storage {
	f := instanceFamily(instanceType)
	switch {
	case localNVMeFamilies[f]:
		return localNVMe
	case unverifiedLocalNVMeFamilies[f]:
		return maybeLocalNVMe
	}
	return ebsOnly
}
