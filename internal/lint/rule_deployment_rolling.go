package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// deploymentRolling reports a rolling update for an endpoint whose config (in the linted
// files) has several variants or a serverless one: rolling deployments exclude both.
type deploymentRolling struct{}

var deploymentRollingInfo = &Info{
	ID:       "deployment-rolling-unsupported",
	Severity: finding.Error,
	Summary:  "flags RollingUpdatePolicy for an endpoint with several variants or a serverless variant",
	Why: "Rolling deployments replace an endpoint's instances batch by batch. SageMaker's deployment guardrails exclude " +
		"them for endpoints with more than one production variant and for serverless endpoints, which have no instances " +
		"to roll; those endpoints can only use a blue/green update policy. The check runs when the EndpointConfig is in the linted files.",
	Source: "rolling deployments are not available for serverless or multi-variant endpoints: https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html; " +
		"RollingUpdatePolicy: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html",
	Fix:   "Use BlueGreenUpdatePolicy (canary, linear or all at once) for this endpoint instead.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: churn-ab
ProductionVariants:
  - VariantName: current
    ModelName: churn-v8
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
  - VariantName: challenger
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-ab
DeploymentConfig:
  RollingUpdatePolicy:
    MaximumBatchSize: {Type: CAPACITY_PERCENT, Value: 25}
    WaitIntervalInSeconds: 300
`, "churn-v8", "churn-v9"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: churn-ab
ProductionVariants:
  - VariantName: current
    ModelName: churn-v8
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
  - VariantName: challenger
    ModelName: churn-v9
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-ab
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: CANARY
      CanarySize: {Type: CAPACITY_PERCENT, Value: 10}
      WaitIntervalInSeconds: 300
`, "churn-v8", "churn-v9"),
}

func (deploymentRolling) Info() *Info { return deploymentRollingInfo }

func (deploymentRolling) Check(p *Pass) {
	k := keyOf(manifest.Get(p.Doc.Body, "DeploymentConfig"), "RollingUpdatePolicy")
	config, ok := endpointConfigOf(p)
	if k == nil || !ok {
		return
	}
	production := productionVariants(config.Doc.Body)
	for _, v := range production {
		if v.serverless() {
			p.Report(k, fmt.Sprintf("RollingUpdatePolicy cannot update EndpointConfig %q (%s): its variant %s is serverless, and rolling deployments exclude serverless endpoints",
				config.Name, where(p, config), v.name()), "use BlueGreenUpdatePolicy instead")
			return
		}
	}
	if len(production) > 1 {
		p.Report(k, fmt.Sprintf("RollingUpdatePolicy cannot update EndpointConfig %q (%s): it has %d production variants, and rolling deployments exclude multi-variant endpoints",
			config.Name, where(p, config), len(production)), "use BlueGreenUpdatePolicy instead")
	}
}
