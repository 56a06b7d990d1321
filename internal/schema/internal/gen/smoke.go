package gen

import "reflect"

// SmokeTest is the shape of a kind: SmokeTest document. It is no AWS request but
// sagectl's own: an InvokeEndpoint request (its members as SageMaker Runtime spells them,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html)
// that apply sends after the endpoint is created or updated, and what the answer must be.
// The generator reflects on it as on the SDK's request types; the constraints table
// holds its rows under the operation name "SmokeTest".
type SmokeTest struct {
	SmokeTestName          *string
	EndpointName           *string
	TargetVariant          *string
	TargetModel            *string
	InferenceComponentName *string
	ContentType            *string
	Accept                 *string
	Body                   *string
	BodyFile               *string
	Expect                 *SmokeTestExpect
	Attempts               *int32
	IntervalSeconds        *int32
}

// SmokeTestExpect is what a smoke test's answer must be.
type SmokeTestExpect struct {
	Status   *int32
	Contains *string
	JSONPath *string
	Equals   *string
}

// smokeTestKind is the SmokeTest kind, after the SageMaker and Application Auto Scaling kinds.
var smokeTestKind = kind{
	name: "SmokeTest",
	description: "A check of an endpoint, not an AWS resource: after apply creates or updates the endpoint it sends this " +
		"request with SageMaker Runtime's InvokeEndpoint and checks the answer; an update whose answer is wrong is rolled back.",
	ops: []op{{name: "SmokeTest", typ: reflect.TypeFor[SmokeTest]()}},
}
