package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// serverlessAsync warns about AsyncInferenceConfig on a serverless endpoint config.
type serverlessAsync struct{}

var serverlessAsyncInfo = &Info{
	ID:       "serverless-async",
	Severity: finding.Warning,
	Summary:  "flags AsyncInferenceConfig on a serverless endpoint config, which is very likely rejected",
	Why: "Asynchronous inference is instance-based (its client setting is MaxConcurrentInvocationsPerInstance) and its " +
		"exclusions follow the instance-based features; no document found offline states whether SageMaker accepts it on a " +
		"serverless endpoint, so this is a warning rather than an error.",
	Source: "AsyncInferenceClientConfig.MaxConcurrentInvocationsPerInstance: asynchronous inference is per instance, so its rejection on serverless endpoints is inferred, not documented: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceClientConfig.html; " +
		"asynchronous inference: https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html",
	Fix:   "Remove AsyncInferenceConfig, or make the variant instance-based (InstanceType and InitialInstanceCount).",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: serverless-async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: s3://my-bucket/async
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: s3://my-bucket/async
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (serverlessAsync) Info() *Info { return serverlessAsyncInfo }

func (serverlessAsync) Check(p *Pass) {
	if anyServerless(p.Doc.Body) && present(p.Doc.Body, "AsyncInferenceConfig") {
		p.Report(keyOf(p.Doc.Body, "AsyncInferenceConfig"), "AsyncInferenceConfig on a serverless endpoint config: asynchronous inference is instance-based and very likely rejected",
			"remove AsyncInferenceConfig, or make the variant instance-based")
	}
}
