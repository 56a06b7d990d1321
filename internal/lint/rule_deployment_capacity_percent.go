package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// deploymentCapacityPercent reports a CAPACITY_PERCENT canary size, linear step or rolling
// batch outside the range its member doc states.
type deploymentCapacityPercent struct{}

var deploymentCapacityPercentInfo = &Info{
	ID:       "deployment-capacity-percent",
	Severity: finding.Error,
	Summary:  "flags a CAPACITY_PERCENT CanarySize above 50, LinearStepSize outside 10-50 or MaximumBatchSize outside 5-50",
	Why: "The API reference states each step of a guarded deployment as a share of the variant's total instance count: " +
		"a canary must be less than or equal to 50%, a linear step must be 10-50%, and a rolling batch must be between " +
		"5% and 50%. The schema only knows that Value is at least 1, so CanarySize 80% or a 2% rolling batch pass it; " +
		"SageMaker rejects them.",
	Source: "API Reference, TrafficRoutingConfig: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrafficRoutingConfig.html; " +
		"API Reference, RollingUpdatePolicy: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html; " +
		"API Reference, CapacitySize: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CapacitySize.html; " +
		"Developer Guide, Deployment guardrails blue green canary: https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green-canary.html",
	Fix:   "Keep CanarySize at 50% or less, LinearStepSize between 10% and 50%, and MaximumBatchSize between 5% and 50%.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: LINEAR
      LinearStepSize: {Type: CAPACITY_PERCENT, Value: 5}
      WaitIntervalInSeconds: 300
`,
	Good: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: LINEAR
      LinearStepSize: {Type: CAPACITY_PERCENT, Value: 10}
      WaitIntervalInSeconds: 300
`,
}

func (deploymentCapacityPercent) Info() *Info { return deploymentCapacityPercentInfo }

func (deploymentCapacityPercent) Check(p *Pass) {
	for _, c := range capacitySizes(p.Doc.Body) {
		n, v, ok := c.sizeOf(capacityPercent)
		if !ok || v >= c.MinPct && v <= c.MaxPct {
			continue
		}
		p.Report(n, fmt.Sprintf("%s is %d%% of the variant's instances; it must be %s", c.Path, v, c.percentRange()),
			fmt.Sprintf("set Value to a percentage %s", c.percentRange()))
	}
}
