package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaInstanceTypeInfo = &Info{
	ID:       "instance-type-unknown",
	Severity: finding.Warning,
	Summary:  "flags a well-formed instance type that this sagectl's AWS SDK does not list",
	Why: "AWS adds hosting instance types faster than tools are released, so a type of the form ml.<family>.<size> " +
		"that the SDK does not list may be new rather than wrong; it is more often a typo. A malformed type is an error " +
		"(schema-enum).",
	Source: schemaSource + sourceSep +
		"the instance types the SDK lists, types.ProductionVariantInstanceType(\"\").Values(): https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/sagemaker@v1.291.0/types#ProductionVariantInstanceType",
	Fix: "Check the spelling against the suggestion, and that SageMaker hosting offers the type in your Region.",
	Bad: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m9.large
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

var schemaInstanceType = schemaRule{schemaInstanceTypeInfo}
