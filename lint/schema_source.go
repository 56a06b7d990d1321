package lint

// schemaSource is where every schema rule's limits come from.
const schemaSource = "sagectl's JSON Schema (`sagectl schema`), generated from the AWS SDK for Go " +
	"(github.com/aws/aws-sdk-go-v2/service/sagemaker v1.291.0: request shapes and enum values) and the limits of " +
	"the SageMaker API model (botocore 1.43.67 service-2.json, committed as schema/constraints.json)"
