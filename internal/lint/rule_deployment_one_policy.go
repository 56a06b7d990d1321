package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// deploymentOnePolicy reports a DeploymentConfig with both a blue/green and a rolling policy.
type deploymentOnePolicy struct{}

var deploymentOnePolicyInfo = &Info{
	ID:       "deployment-one-policy",
	Severity: finding.Error,
	Summary:  "flags a DeploymentConfig that sets both BlueGreenUpdatePolicy and RollingUpdatePolicy",
	Why: "An endpoint update runs one deployment strategy: a blue/green traffic shift to a new fleet, or a rolling update in " +
		"batches. The API accepts only one of the two policies in a DeploymentConfig and rejects a request that sets both.",
	Source: "DeploymentConfig (CreateEndpoint, UpdateEndpoint) with BlueGreenUpdatePolicy or RollingUpdatePolicy: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeploymentConfig.html",
	Fix:    "Keep one policy: BlueGreenUpdatePolicy (canary, linear or all at once) or RollingUpdatePolicy.",
	Kinds:  []manifest.Kind{manifest.KindEndpoint},
	Bad: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: ALL_AT_ONCE
      WaitIntervalInSeconds: 300
  RollingUpdatePolicy:
    MaximumBatchSize: {Type: CAPACITY_PERCENT, Value: 25}
    WaitIntervalInSeconds: 300
`,
	Good: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DeploymentConfig:
  RollingUpdatePolicy:
    MaximumBatchSize: {Type: CAPACITY_PERCENT, Value: 25}
    WaitIntervalInSeconds: 300
`,
}

func (deploymentOnePolicy) Info() *Info { return deploymentOnePolicyInfo }

func (deploymentOnePolicy) Check(p *Pass) {
	dc := manifest.Get(p.Doc.Body, "DeploymentConfig")
	bg, rolling := keyOf(dc, "BlueGreenUpdatePolicy"), keyOf(dc, "RollingUpdatePolicy")
	if bg == nil || rolling == nil {
		return
	}
	first, second := bg, rolling
	if second.Line < first.Line || second.Line == first.Line && second.Column < first.Column {
		first, second = second, first
	}
	p.Report(second, fmt.Sprintf("DeploymentConfig sets %s and %s (line %d); an update runs only one of the two policies", second.Value, first.Value, first.Line),
		"remove one of the two policies")
}
