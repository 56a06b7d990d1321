package lint

import "github.com/sagectl/sagectl/internal/finding"

var schemaUnknownFieldInfo = &Info{
	ID:       "schema-unknown-field",
	Severity: finding.Error,
	Summary:  "flags a field that the AWS API request does not have",
	Why: "Manifests use the field names of the SageMaker API request, spelled exactly as the API spells them. " +
		"SageMaker rejects a request with an unknown field, and a misspelt optional field would otherwise be silently lost. " +
		"When the key is a near-miss of a field (IntialSamplingPercentage, kmsKeyId, InstanceTyp), it is the one finding of the mistake: " +
		"no other rule reports that field as missing (nearmiss.go).",
	Source: schemaSource,
	Fix:    "Fix the spelling (the message suggests the nearest field), or move the field to the object it belongs to.",
	Bad: `kind: EndpointConfig
EndpointConfigName: main-config
KmsKeyId: alias/sagemaker-prod
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceTyp: ml.m5.large
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

var schemaUnknownField = schemaRule{schemaUnknownFieldInfo}
