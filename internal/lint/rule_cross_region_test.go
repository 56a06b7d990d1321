package lint

import "testing"

func TestCrossRegionExclusions(t *testing.T) {
	const capCfg = "CrossRegionTrafficConfig: {MaxCrossRegionPercentPerEndpoint: 20, MaxInvocationsPerSecondPerInstance: 50}\n"
	const instance = "ProductionVariants:\n  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}\n"
	const async = "AsyncInferenceConfig: {OutputConfig: {S3OutputPath: s3://b/o}}\n"
	testRuleA(t, crossRegionExclusions{}, []caseA{
		{name: "serverless", src: ecA(serverlessVariant + capCfg),
			want: []string{`7:1 error: CrossRegionTrafficConfig on an endpoint config with a serverless variant`}},
		{name: "async", src: ecA(instance + async + capCfg),
			want: []string{`6:1 error: CrossRegionTrafficConfig with AsyncInferenceConfig`}},
		{name: "serverless and async", src: ecA(serverlessVariant + async + capCfg),
			want: []string{`8:1 error: CrossRegionTrafficConfig on an endpoint config with a serverless variant`, `8:1 error: CrossRegionTrafficConfig with AsyncInferenceConfig`}},
		{name: "instance-based", src: ecA(instance + capCfg)},
		{name: "null cap", src: ecA(serverlessVariant + "CrossRegionTrafficConfig: null\n")},
		{name: "serverless without cap", src: ecA(serverlessVariant + async)},
	})
}
