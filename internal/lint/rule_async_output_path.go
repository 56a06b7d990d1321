package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// asyncOutputPath warns when an asynchronous endpoint config has no S3OutputPath.
type asyncOutputPath struct{}

var asyncOutputPathInfo = &Info{
	ID:       "async-output-path-missing",
	Severity: finding.Warning,
	Summary:  "flags an AsyncInferenceConfig.OutputConfig without S3OutputPath",
	Why: "Asynchronous inference writes every response to S3; S3OutputPath is where. It was required until 2023-04-04 and is " +
		"optional in the model since, but the asynchronous inference guide treats it as the output location: without it, " +
		"callers get no place to read their results from.",
	Source: "AsyncInferenceOutputConfig.S3OutputPath (optional since 2023-04-04): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceOutputConfig.html; " +
		"asynchronous inference writes its responses to S3: https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html",
	Fix:   "Add OutputConfig.S3OutputPath: s3://BUCKET/PREFIX (and S3FailurePath for failed requests).",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
AsyncInferenceConfig:
  OutputConfig:
    S3FailurePath: s3://acme-async/failures
KmsKeyId: alias/sagemaker
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
    S3OutputPath: s3://acme-async/output
    S3FailurePath: s3://acme-async/failures
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (asyncOutputPath) Info() *Info { return asyncOutputPathInfo }

func (asyncOutputPath) Check(p *Pass) {
	k, oc := manifest.Lookup(manifest.Get(p.Doc.Body, "AsyncInferenceConfig"), "OutputConfig")
	if oc == nil || oc.Kind != yaml.MappingNode || manifest.Get(oc, "S3OutputPath") != nil {
		return
	}
	p.Report(k, "AsyncInferenceConfig.OutputConfig has no S3OutputPath: asynchronous responses need an S3 location",
		"add S3OutputPath: s3://BUCKET/PREFIX under OutputConfig")
}
