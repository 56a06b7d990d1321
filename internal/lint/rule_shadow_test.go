package lint

import "testing"

func TestShadowOneToOne(t *testing.T) {
	testRuleA(t, shadowOneToOne{}, []caseA{
		{name: "two shadows", src: ecA(`ProductionVariants:
  - VariantName: a
ShadowProductionVariants:
  - VariantName: b
  - VariantName: c
`), want: []string{`5:1 error: ShadowProductionVariants has 2 variants; a shadow test allows exactly one`}},
		{name: "two production variants", src: ecA(`ProductionVariants:
  - VariantName: a
  - VariantName: b
ShadowProductionVariants:
  - VariantName: c
`), want: []string{`3:1 error: ProductionVariants has 2 variants but ShadowProductionVariants is set`}},
		{name: "one to one", src: ecA(`ProductionVariants:
  - VariantName: a
ShadowProductionVariants:
  - VariantName: b
`)},
		{name: "no shadow", src: ecA(`ProductionVariants:
  - VariantName: a
  - VariantName: b
`)},
		{name: "empty shadow list", src: ecA(`ProductionVariants:
  - VariantName: a
  - VariantName: b
ShadowProductionVariants: []
`)},
	})
}

func TestShadowExclusions(t *testing.T) {
	testRuleA(t, shadowExclusions{}, []caseA{
		{name: "serverless, EI and Inf1", src: ecA(`ProductionVariants:
  - VariantName: a
    InstanceType: ml.inf1.xlarge
    AcceleratorType: ml.eia2.medium
ShadowProductionVariants:
  - VariantName: b
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
`), want: []string{
			`5:19 error: instance type ml.inf1.xlarge of variant "a" is Inf1; shadow tests do not support Inf1 instances`,
			`6:5 error: variant "a" sets AcceleratorType; shadow tests do not support Elastic Inference`,
			`9:5 error: variant "b" is serverless; shadow tests do not support serverless variants`,
		}},
		{name: "Inf1 in an instance pool", src: ecA(`ProductionVariants:
  - VariantName: a
    InstancePools:
      - {InstanceType: ml.inf2.xlarge, Priority: 1}
      - {InstanceType: ml.inf1.2xlarge, Priority: 2}
ShadowProductionVariants:
  - {VariantName: b, InstanceType: ml.m5.large}
`), want: []string{`7:24 error: instance type ml.inf1.2xlarge of variant "a" is Inf1`}},
		{name: "async", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.m5.large}
ShadowProductionVariants:
  - {VariantName: b, InstanceType: ml.m5.large}
AsyncInferenceConfig: {OutputConfig: {S3OutputPath: s3://b/o}}
`), want: []string{`7:1 error: AsyncInferenceConfig is not supported with ShadowProductionVariants`}},
		{name: "supported shadow test", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.inf2.xlarge}
ShadowProductionVariants:
  - {VariantName: b, InstanceType: ml.g5.xlarge}
`)},
		{name: "no shadow: exclusions do not apply", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.inf1.xlarge, AcceleratorType: ml.eia2.medium}
AsyncInferenceConfig: {OutputConfig: {}}
`)},
	})
}
