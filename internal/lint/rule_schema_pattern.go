package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaPatternInfo = &Info{
	ID:       "schema-pattern",
	Severity: finding.Error,
	Summary:  "flags a string that does not have the form the API requires (names, ARNs, S3 URIs, ...)",
	Why: "The SageMaker API model gives many strings a pattern: resource names are letters, digits and hyphens, " +
		"starting and ending with a letter or digit; role ARNs and S3 URIs have fixed forms. SageMaker rejects other values.",
	Source: schemaSource,
	Fix:    "Change the value to the form the message describes; the hint gives the exact regular expression.",
	Bad: `kind: EndpointConfig
EndpointConfigName: main_config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
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

var schemaPattern = schemaRule{schemaPatternInfo}
