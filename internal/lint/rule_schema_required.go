package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaRequiredInfo = &Info{
	ID:       "schema-required",
	Severity: finding.Error,
	Summary:  "flags a missing field that the AWS API requires",
	Why: "The SageMaker API model marks some members as required (a variant's VariantName, a tag's Value, " +
		"an endpoint's EndpointConfigName); a request without them fails validation.",
	Source: schemaSource,
	Fix:    "Add the field; the hint quotes what the API documentation says it is.",
	Bad: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - ModelName: my-model
    InstanceType: ml.m5.large
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

var schemaRequired = schemaRule{schemaRequiredInfo}
