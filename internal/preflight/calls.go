package preflight

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// call runs the checks for one planned API call, reporting at doc (nil: no manifest names the
// resource, and findings have no position).
func (r *run) call(doc *manifest.Document, c plan.Call) {
	switch in := c.Request().(type) {
	case *sagemaker.CreateModelInput:
		r.model(doc, in)
	case *sagemaker.CreateEndpointConfigInput:
		r.endpointConfig(doc, in)
	case *sagemaker.CreateEndpointInput:
		r.alarms(doc, in.DeploymentConfig)
		r.deploy(doc, aws.ToString(in.EndpointName), aws.ToString(in.EndpointConfigName), false, nil)
	case *sagemaker.UpdateEndpointInput:
		r.alarms(doc, in.DeploymentConfig)
		r.deploy(doc, aws.ToString(in.EndpointName), aws.ToString(in.EndpointConfigName), true, in.DeploymentConfig)
	case *sagemaker.UpdateEndpointWeightsAndCapacitiesInput:
		r.resize(doc, in)
	}
}

// model checks a CreateModel: its role, images, artifacts and VPC.
func (r *run) model(doc *manifest.Document, in *sagemaker.CreateModelInput) {
	if in.ExecutionRoleArn != nil {
		r.role(doc, "/ExecutionRoleArn", *in.ExecutionRoleArn)
	}
	if c := in.PrimaryContainer; c != nil {
		r.container(doc, "/PrimaryContainer", c)
	}
	for i := range in.Containers {
		r.container(doc, pointer("Containers", i), &in.Containers[i])
	}
	if v := in.VpcConfig; v != nil {
		r.vpc(doc, v.Subnets, v.SecurityGroupIds)
	}
}

// endpointConfig checks a CreateEndpointConfig: its keys, output buckets and topics.
func (r *run) endpointConfig(doc *manifest.Document, in *sagemaker.CreateEndpointConfigInput) {
	r.key(doc, "/KmsKeyId", in.KmsKeyId)
	if d := in.DataCaptureConfig; d != nil {
		r.key(doc, "/DataCaptureConfig/KmsKeyId", d.KmsKeyId)
		r.bucket(doc, "/DataCaptureConfig/DestinationS3Uri", d.DestinationS3Uri)
	}
	if a := in.AsyncInferenceConfig; a != nil && a.OutputConfig != nil {
		o := a.OutputConfig
		r.key(doc, "/AsyncInferenceConfig/OutputConfig/KmsKeyId", o.KmsKeyId)
		r.bucket(doc, "/AsyncInferenceConfig/OutputConfig/S3OutputPath", o.S3OutputPath)
		r.bucket(doc, "/AsyncInferenceConfig/OutputConfig/S3FailurePath", o.S3FailurePath)
		if n := o.NotificationConfig; n != nil {
			r.topic(doc, "/AsyncInferenceConfig/OutputConfig/NotificationConfig/SuccessTopic", n.SuccessTopic)
			r.topic(doc, "/AsyncInferenceConfig/OutputConfig/NotificationConfig/ErrorTopic", n.ErrorTopic)
		}
	}
	for i, v := range in.ProductionVariants {
		if v.CoreDumpConfig != nil {
			r.key(doc, pointer("ProductionVariants", i, "CoreDumpConfig", "KmsKeyId"), v.CoreDumpConfig.KmsKeyId)
			r.bucket(doc, pointer("ProductionVariants", i, "CoreDumpConfig", "DestinationS3Uri"), v.CoreDumpConfig.DestinationS3Uri)
		}
	}
}
