package lint

import "testing"

const serverlessVariant = `ProductionVariants:
  - VariantName: main
    ModelName: m
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
`

func TestServerlessMemory(t *testing.T) {
	cfg := func(mb string) string {
		return ecA("ProductionVariants:\n  - VariantName: main\n    ServerlessConfig:\n      MaxConcurrency: 5\n      MemorySizeInMB: " + mb + "\n")
	}
	testRuleA(t, serverlessMemory{}, []caseA{
		{name: "3000", src: cfg("3000"), want: []string{`7:23 error: MemorySizeInMB 3000 of variant "main" is not a whole number of gigabytes; expected one of 1024, 2048, 3072, 4096, 5120, 6144`}},
		{name: "1025", src: cfg("1025"), want: []string{`7:23 error: MemorySizeInMB 1025`}},
		{name: "6143", src: cfg("6143"), want: []string{`7:23 error: MemorySizeInMB 6143`}},
		{name: "1024", src: cfg("1024")},
		{name: "3072", src: cfg("3072")},
		{name: "6144", src: cfg("6144")},
		{name: "3072.0", src: cfg("3072.0")},
		{name: "below range is the schema's", src: cfg("512")},
		{name: "above range is the schema's", src: cfg("7000")},
		{name: "not a number is the schema's", src: cfg("big")},
		{name: "shadow variant", src: ecA(`ProductionVariants:
  - VariantName: main
ShadowProductionVariants:
  - VariantName: s
    ServerlessConfig: {MemorySizeInMB: 1500}
`), want: []string{`7:40 error: MemorySizeInMB 1500 of variant "s"`}},
	})
}

func TestServerlessMemoryHint(t *testing.T) {
	fs := runRuleA(t, serverlessMemory{}, ecA(serverlessVariant[:len(serverlessVariant)-len("{MemorySizeInMB: 2048, MaxConcurrency: 5}\n")]+"{MemorySizeInMB: 3000}\n"))
	if len(fs) != 1 || fs[0].Hint != "use 2048 or 3072" {
		t.Fatalf("got %v, want one finding with hint %q", fs, "use 2048 or 3072")
	}
}

func TestServerlessProvisioned(t *testing.T) {
	testRuleA(t, serverlessProvisioned{}, []caseA{
		{name: "above max", src: ecA(`ProductionVariants:
  - VariantName: main
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
      ProvisionedConcurrency: 6
`), want: []string{`8:31 error: ProvisionedConcurrency 6 in ServerlessConfig of variant "main" exceeds MaxConcurrency 5`}},
		{name: "equal", src: ecA(`ProductionVariants:
  - VariantName: main
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5, ProvisionedConcurrency: 5}
`)},
		{name: "no max", src: ecA(`ProductionVariants:
  - VariantName: main
    ServerlessConfig: {MemorySizeInMB: 2048, ProvisionedConcurrency: 5}
`)},
		{name: "endpoint update above max", src: `kind: Endpoint
EndpointName: e
EndpointConfigName: c
DesiredWeightsAndCapacities:
  - VariantName: main
    ServerlessUpdateConfig: {MaxConcurrency: 10, ProvisionedConcurrency: 20}
`, want: []string{`6:74 error: ProvisionedConcurrency 20 in ServerlessUpdateConfig exceeds MaxConcurrency 10`}},
		{name: "endpoint update within max", src: `kind: Endpoint
EndpointName: e
EndpointConfigName: c
DesiredWeightsAndCapacities:
  - VariantName: main
    ServerlessUpdateConfig: {MaxConcurrency: 10, ProvisionedConcurrency: 2}
`},
		{name: "model is not checked", src: "kind: Model\nModelName: m\nServerlessConfig: {MaxConcurrency: 1, ProvisionedConcurrency: 2}\n"},
	})
}

func TestServerlessExclusions(t *testing.T) {
	testRuleA(t, serverlessExclusions{}, []caseA{
		{name: "everything excluded", src: ecA(`ProductionVariants:
  - VariantName: a
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
  - VariantName: b
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
DataCaptureConfig: {InitialSamplingPercentage: 5, DestinationS3Uri: s3://bucket/x, CaptureOptions: [{CaptureMode: Input}]}
VpcConfig: {SecurityGroupIds: [sg-1], Subnets: [subnet-1]}
EnableNetworkIsolation: true
`), want: []string{
			`3:1 error: a serverless endpoint config has 2 production variants; serverless endpoints support exactly one`,
			`8:1 error: DataCaptureConfig is not supported with serverless variants`,
			`9:1 error: VpcConfig is not supported with serverless variants`,
			`10:1 error: EnableNetworkIsolation: true is not supported with serverless variants`,
		}},
		{name: "one serverless among instance variants", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}
  - VariantName: b
    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}
`), want: []string{`3:1 error: a serverless endpoint config has 2 production variants`}},
		{name: "network isolation off", src: ecA(serverlessVariant + "EnableNetworkIsolation: false\n")},
		{name: "serverless alone", src: ecA(serverlessVariant)},
		{name: "instance-based may use them all", src: ecA(`ProductionVariants:
  - {VariantName: a, InstanceType: ml.m5.large, InitialInstanceCount: 1}
  - {VariantName: b, InstanceType: ml.m5.large, InitialInstanceCount: 1}
DataCaptureConfig: {InitialSamplingPercentage: 5}
VpcConfig: {SecurityGroupIds: [sg-1], Subnets: [subnet-1]}
EnableNetworkIsolation: true
`)},
	})
}

func TestServerlessAsync(t *testing.T) {
	testRuleA(t, serverlessAsync{}, []caseA{
		{name: "async", src: ecA(serverlessVariant + "AsyncInferenceConfig: {OutputConfig: {S3OutputPath: s3://b/o}}\n"),
			want: []string{`7:1 warning: AsyncInferenceConfig on a serverless endpoint config`}},
		{name: "no async", src: ecA(serverlessVariant)},
		{name: "instance-based async", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.m5.large}\nAsyncInferenceConfig: {OutputConfig: {}}\n")},
	})
}

func TestServerlessKMS(t *testing.T) {
	testRuleA(t, serverlessKMS{}, []caseA{
		{name: "kms", src: ecA(serverlessVariant + "KmsKeyId: alias/x\n"), want: []string{`7:1 warning: KmsKeyId on a serverless endpoint config`}},
		{name: "null kms", src: ecA(serverlessVariant + "KmsKeyId: null\n")},
		{name: "no kms", src: ecA(serverlessVariant)},
		{name: "instance-based kms", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.m5.large}\nKmsKeyId: alias/x\n")},
	})
}
