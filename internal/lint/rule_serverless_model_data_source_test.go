package lint

import (
	"strings"
	"testing"
)

func TestServerlessModelDataSource(t *testing.T) {
	source := "  ModelDataSource:\n    S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}\n"
	model := modelHead + "PrimaryContainer:\n" + img("  ", "a") + source + "---\n" // lines 1-8
	serverless := "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: main\n    ModelName: m\n" +
		"    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}\n"
	runRuleCases(t, serverlessModelDataSource{}, []ruleCase{
		{"serverless on ModelDataSource", model + serverless,
			[]string{`13:16 error: serverless variant "main" uses Model "m", whose PrimaryContainer.ModelDataSource (line 6) cannot be used with serverless endpoints`}},
		{"in a pipeline container, other file", "=== models.yaml\n" + modelHead + "Containers:\n" + img("  - ", "a") + "  " + strings.ReplaceAll(source, "\n  ", "\n    ") +
			"=== a.yaml\n" + serverless,
			[]string{`5:16 error: serverless variant "main" uses Model "m", whose Containers[0].ModelDataSource (models.yaml:6)`}},
		{"instance-based variant", model + ecHead, nil},
		{"serverless on ModelDataUrl", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  ModelDataUrl: s3://b/m.tar.gz\n---\n" + serverless, nil},
		{"model not linted", serverless, nil},
	})
}
