package servicerules

// CapacityPercentLimit is a CapacitySize member of a DeploymentConfig whose documentation
// states a range for a CAPACITY_PERCENT size, as a share of the variant's total instance
// count: "less than or equal to 50%", "10-50%" and "between 5% to 50%"
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrafficRoutingConfig.html,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html).
type CapacityPercentLimit struct {
	// Policy is the DeploymentConfig member (BlueGreenUpdatePolicy, RollingUpdatePolicy),
	// Parent the member of the policy that holds Field ("" when the policy holds it), and
	// Field the CapacitySize member.
	Policy, Parent, Field string
	// MinPct and MaxPct bound the percentage (MinPct 0: no lower bound beyond the model's).
	MinPct, MaxPct int64
}

// CapacityPercentLimits are the CapacitySize members whose documentation states a range.
var CapacityPercentLimits = []CapacityPercentLimit{
	{"BlueGreenUpdatePolicy", "TrafficRoutingConfiguration", "CanarySize", 0, 50},
	{"BlueGreenUpdatePolicy", "TrafficRoutingConfiguration", "LinearStepSize", 10, 50},
	{"RollingUpdatePolicy", "", "MaximumBatchSize", 5, 50},
}
