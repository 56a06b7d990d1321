package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaRangeInfo = &Info{
	ID:       "schema-range",
	Severity: finding.Error,
	Summary:  "flags a number out of range, or a string, list or map too short or too long",
	Why: "The SageMaker API model bounds numbers (serverless MaxConcurrency 1 to 200, MemorySizeInMB 1024 to 6144), " +
		"string lengths (names at most 63 characters) and list sizes (at most 10 production variants). " +
		"SageMaker rejects values outside them.",
	Source: schemaSource,
	Fix:    "Use a value inside the range the hint gives.",
	Bad: `kind: EndpointConfig
EndpointConfigName: serverless-config
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 500
`,
	Good: `kind: EndpointConfig
EndpointConfigName: serverless-config
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 200
`,
}

var schemaRange = schemaRule{schemaRangeInfo}
