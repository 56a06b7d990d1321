package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaTypeInfo = &Info{
	ID:       "schema-type",
	Severity: finding.Error,
	Summary:  "flags a value of the wrong type (a quoted number, a list where a mapping belongs, ...)",
	Why: "Each API field has one type: InitialInstanceCount is an integer, EnableNetworkIsolation a boolean, " +
		"ProductionVariants a list of mappings. YAML quoting changes the type: \"2\" is a string, and SageMaker rejects it.",
	Source: schemaSource,
	Fix:    "Write the value with the type the message names; remove quotes around numbers and booleans.",
	Bad: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: "2"
`,
	Good: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
`,
}

var schemaType = schemaRule{schemaTypeInfo}
