package servicerules

// MsgICNotSupported answers a CreateInferenceComponent on an endpoint that cannot host
// inference components: its config names a model on the variant, or has no
// ExecutionRoleArn (https://github.com/hashicorp/terraform-provider-aws/issues/40644,
// https://github.com/pulumi/pulumi-aws/issues/4940).
const MsgICNotSupported = "Inference Components are not supported in this Endpoint. Please make sure this endpoint can deploy inference components."

// The page that says what an inference-component endpoint is: a config with an execution
// role and variants that name no model.
const DocICEndpoint = "https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html"
