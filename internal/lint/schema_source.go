package lint

// schemaSource is where every schema rule's limits come from.
const schemaSource = "sagectl's JSON Schema (`sagectl schema`), generated from the request shapes and enum values of the AWS SDK for Go v1.291.0: https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/sagemaker@v1.291.0/types#; " +
	"the limits of the SageMaker API model (committed as schema/constraints.json): https://github.com/boto/botocore/blob/1.43.67/botocore/data/sagemaker/2017-07-24/service-2.json"
