package gen

import (
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// kind is one manifest kind: the request shapes whose fields its documents may hold.
type kind struct {
	name, description string
	// ops are the requests, primary first: a field appears once (from the first request
	// that has it) and only the primary request's required fields are required.
	ops []op
}

// op is one API request shape.
type op struct {
	name string
	typ  reflect.Type
}

// kinds lists the manifest kinds in the order sagectl deploys them.
var kinds = []kind{
	{
		name:        "Model",
		description: "A SageMaker model: the fields of a CreateModel request.",
		ops:         []op{{name: "CreateModel", typ: reflect.TypeFor[sagemaker.CreateModelInput]()}},
	},
	{
		name: "EndpointConfig",
		description: "A SageMaker endpoint configuration: the fields of a CreateEndpointConfig request. " +
			"A document without kind whose fields are those of a CreateEndpointConfig request is an EndpointConfig.",
		ops: []op{{name: "CreateEndpointConfig", typ: reflect.TypeFor[sagemaker.CreateEndpointConfigInput]()}},
	},
	{
		name: "Endpoint",
		description: "A SageMaker endpoint: the fields of a CreateEndpoint request, the UpdateEndpoint options, " +
			"and DesiredWeightsAndCapacities (an UpdateEndpointWeightsAndCapacities request).",
		ops: []op{
			{name: "CreateEndpoint", typ: reflect.TypeFor[sagemaker.CreateEndpointInput]()},
			{name: "UpdateEndpoint", typ: reflect.TypeFor[sagemaker.UpdateEndpointInput]()},
			{name: "UpdateEndpointWeightsAndCapacities", typ: reflect.TypeFor[sagemaker.UpdateEndpointWeightsAndCapacitiesInput]()},
		},
	},
	{
		name: "ScalableTarget",
		description: "An Application Auto Scaling scalable target (a SageMaker variant's instance count or provisioned concurrency, " +
			"or an inference component's copy count): the fields of a RegisterScalableTarget request.",
		ops: []op{{name: "RegisterScalableTarget", typ: reflect.TypeFor[applicationautoscaling.RegisterScalableTargetInput]()}},
	},
	{
		name:        "ScalingPolicy",
		description: "An Application Auto Scaling scaling policy of a scalable target: the fields of a PutScalingPolicy request.",
		ops:         []op{{name: "PutScalingPolicy", typ: reflect.TypeFor[applicationautoscaling.PutScalingPolicyInput]()}},
	},
	{
		name:        "ScheduledAction",
		description: "An Application Auto Scaling scheduled action of a scalable target: the fields of a PutScheduledAction request.",
		ops:         []op{{name: "PutScheduledAction", typ: reflect.TypeFor[applicationautoscaling.PutScheduledActionInput]()}},
	},
	{
		name: "InferenceComponent",
		description: "A SageMaker inference component: a model (or an adapter of a base component) placed on a variant of an " +
			"inference-component-ready endpoint, with its compute resource requirements and copy count: the fields of a CreateInferenceComponent request, " +
			"and DeploymentConfig, the UpdateInferenceComponent option that says how an update of its specification rolls.",
		ops: []op{
			{name: "CreateInferenceComponent", typ: reflect.TypeFor[sagemaker.CreateInferenceComponentInput]()},
			{name: "UpdateInferenceComponent", typ: reflect.TypeFor[sagemaker.UpdateInferenceComponentInput]()},
		},
	},
	smokeTestKind,
}

// openEnums are the SDK enums whose list grows faster than sagectl is released: a value
// outside the list but matching the pattern is valid in the schema, and sagectl only
// warns about it (the x-sagectl-warnUnknown keyword).
var openEnums = map[string]openEnum{
	"ProductionVariantInstanceType": {
		pattern: `^ml\.[a-z][a-z0-9]*(-[a-z0-9]+)*\.(nano|micro|small|medium|large|xlarge|[1-9][0-9]*xlarge|metal)$`,
		form:    "ml.<family>.<size>",
	},
}

// openEnum is the shape of values an open enum accepts beyond its list.
type openEnum struct {
	pattern, form string
}
