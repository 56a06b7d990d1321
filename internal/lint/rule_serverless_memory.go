package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// serverlessMemory reports a ServerlessConfig.MemorySizeInMB that is inside the model's
// range but not a whole number of gigabytes.
type serverlessMemory struct{}

var serverlessMemoryInfo = &Info{
	ID:       "serverless-memory",
	Severity: finding.Error,
	Summary:  "flags a ServerlessConfig.MemorySizeInMB other than 1024, 2048, 3072, 4096, 5120 or 6144",
	Why: "The API model only gives the range 1024..6144, so a schema accepts 3000; the documentation says \"Valid values are " +
		"in 1 GB increments: 1024 MB, 2048 MB, 3072 MB, 4096 MB, 5120 MB, or 6144 MB\" and SageMaker rejects any other size.",
	Source: "ProductionVariantServerlessConfig.MemorySizeInMB (\"Valid values are in 1 GB increments\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html; " +
		"serverless endpoints: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html",
	Fix:   "Round MemorySizeInMB to a whole number of gigabytes: 1024, 2048, 3072, 4096, 5120 or 6144.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 3000
      MaxConcurrency: 5
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 3072
      MaxConcurrency: 5
`, "my-model"),
}

func (serverlessMemory) Info() *Info { return serverlessMemoryInfo }

func (serverlessMemory) Check(p *Pass) {
	for _, v := range variants(p.Doc.Body) {
		n := manifest.Get(manifest.Get(v.Node, "ServerlessConfig"), "MemorySizeInMB")
		mb, ok := manifest.Int(n)
		if !ok || mb < servicerules.ServerlessMemoryMin || mb > servicerules.ServerlessMemoryMax || mb%servicerules.ServerlessMemoryStep == 0 {
			continue
		}
		lo := mb / servicerules.ServerlessMemoryStep * servicerules.ServerlessMemoryStep
		p.Report(n, fmt.Sprintf("MemorySizeInMB %d of variant %s is not a whole number of gigabytes; expected one of 1024, 2048, 3072, 4096, 5120, 6144", mb, v.name()),
			fmt.Sprintf("use %d or %d", lo, lo+servicerules.ServerlessMemoryStep))
	}
}
