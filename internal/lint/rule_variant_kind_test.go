package lint

import "testing"

func TestVariantKind(t *testing.T) {
	testRuleA(t, variantKind{}, []caseA{
		{name: "serverless with instance fields", src: ecA(`ProductionVariants:
  - VariantName: main
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    VolumeSizeInGB: 10
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
`), want: []string{
			`6:5 error: variant "main" is serverless (ServerlessConfig) and must not set InstanceType`,
			`7:5 error: variant "main" is serverless (ServerlessConfig) and must not set InitialInstanceCount`,
			`8:5 error: variant "main" is serverless (ServerlessConfig) and must not set VolumeSizeInGB`,
		}},
		{name: "serverless with pools and accelerator", src: ecA(`ProductionVariants:
  - VariantName: main
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
    InstancePools: [{InstanceType: ml.m5.large, Priority: 1}]
    AcceleratorType: ml.eia2.medium
`), want: []string{
			`6:5 error: variant "main" is serverless (ServerlessConfig) and must not set InstancePools`,
			`7:5 error: variant "main" is serverless (ServerlessConfig) and must not set AcceleratorType`,
		}},
		{name: "serverless alone", src: ecA(`ProductionVariants:
  - VariantName: main
    ModelName: m
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
`)},
		{name: "instance-based", src: ecA(`ProductionVariants:
  - VariantName: main
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`)},
		{name: "both InstanceType and InstancePools", src: ecA(`ProductionVariants:
  - VariantName: main
    InstanceType: ml.m5.large
    InstancePools: [{InstanceType: ml.m5.large, Priority: 1}]
    InitialInstanceCount: 1
`), want: []string{`5:5 error: variant "main" sets both InstanceType and InstancePools; only one is allowed`}},
		{name: "pools instead of type", src: ecA(`ProductionVariants:
  - VariantName: main
    InstancePools: [{InstanceType: ml.m5.large, Priority: 1}]
    InitialInstanceCount: 1
`)},
		{name: "nothing", src: ecA(`ProductionVariants:
  - VariantName: main
    ModelName: m
`), want: []string{
			`4:5 error: variant "main" has no InstanceType, InstancePools or ServerlessConfig`,
			`4:5 error: variant "main" is instance-based but has no InitialInstanceCount`,
		}},
		{name: "inference component variant needs instances too", src: ecA(`ProductionVariants:
  - VariantName: ic
    InstanceType: ml.g5.xlarge
`), want: []string{`4:5 error: variant "ic" is instance-based but has no InitialInstanceCount`}},
		{name: "unnamed shadow variant", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}
ShadowProductionVariants:
  - InstanceType: ml.m5.large
`), want: []string{`6:5 error: variant ShadowProductionVariants[0] is instance-based but has no InitialInstanceCount`}},
		{name: "null ServerlessConfig is instance-based", src: ecA(`ProductionVariants:
  - VariantName: main
    ServerlessConfig: null
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`)},
	})
}
