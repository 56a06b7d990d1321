package manifest

import "gopkg.in/yaml.v3"

// CloudFormation's AWS::SageMaker::InferenceComponent
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-inferencecomponent.html)
// uses CreateInferenceComponent's field names and UpdateInferenceComponent's
// DeploymentConfig, plus members that are no part of the request, which
// cfnInferenceComponent removes: EndpointArn (the endpoint EndpointName already names)
// and the read-only RuntimeConfig.DesiredCopyCount and CurrentCopyCount and
// Container.DeployedImage that a template exported from a stack may carry.

// cfnInferenceComponent rewrites the body of an inference component into the API's request.
func cfnInferenceComponent(body *yaml.Node) {
	if Get(body, "EndpointName") != nil {
		removeKey(body, "EndpointArn")
	}
	if rc := Get(body, "RuntimeConfig"); rc != nil && rc.Kind == yaml.MappingNode {
		removeKey(rc, "DesiredCopyCount")
		removeKey(rc, "CurrentCopyCount")
	}
	spec := Get(body, "Specification")
	if spec == nil || spec.Kind != yaml.MappingNode {
		return
	}
	if c := Get(spec, "Container"); c != nil && c.Kind == yaml.MappingNode {
		removeKey(c, "DeployedImage")
	}
}
