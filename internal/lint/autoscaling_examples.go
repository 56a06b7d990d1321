package lint

import "fmt"

// scaledEndpoint is the endpoint the autoscaling rules' examples scale: EndpointConfig
// churn-prod-v9 with the instance variant "current" (2 instances), Endpoint churn-prod,
// and its model.
var scaledEndpoint = withModels(`kind: EndpointConfig
EndpointConfigName: churn-prod-v9
ProductionVariants:
  - VariantName: current
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
---
`, "churn-v9")

// targetExample is scaledEndpoint and a ScalableTarget of its variant on dimension dim.
func targetExample(variant, dim string, minCap, maxCap int) string {
	return scaledEndpoint + fmt.Sprintf(`kind: ScalableTarget
ServiceNamespace: sagemaker
ResourceId: endpoint/churn-prod/variant/%s
ScalableDimension: %s
MinCapacity: %d
MaxCapacity: %d
`, variant, dim, minCap, maxCap)
}

// policyExample is scaledEndpoint and a target tracking policy of its variant "current"
// on metric, with the configuration lines extra (indented by two spaces).
func policyExample(target, extra, metric string) string {
	return scaledEndpoint + fmt.Sprintf(`kind: ScalingPolicy
PolicyName: churn-invocations
ServiceNamespace: sagemaker
ResourceId: endpoint/churn-prod/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
PolicyType: TargetTrackingScaling
TargetTrackingScalingPolicyConfiguration:
  TargetValue: %s
%s  PredefinedMetricSpecification: {PredefinedMetricType: %s}
`, target, extra, metric)
}
