package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaEnumInfo = &Info{
	ID:       "schema-enum",
	Severity: finding.Error,
	Summary:  "flags a value outside the fixed set the API allows (enum), or a malformed instance type",
	Why: "Fields such as RoutingStrategy, CaptureMode or MetricPublishFrequencyInSeconds accept only the values the " +
		"API lists; SageMaker rejects anything else. An instance type must at least have the form ml.<family>.<size>.",
	Source: schemaSource,
	Fix:    "Use one of the values the message lists; it suggests the nearest one.",
	Bad: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.huge
    InitialInstanceCount: 1
`,
	Good: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`,
}

var schemaEnum = schemaRule{schemaEnumInfo}
