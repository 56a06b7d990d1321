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
	Summary:  "RollingUpdatePolicy for an endpoint with several variants or a serverless variant",
	Why: "Rolling deployments replace an endpoint's instances batch by batch. SageMaker's deployment guardrails exclude " +
		"them for endpoints with more than one production variant and for serverless endpoints, which have no instances " +
		"to roll; those endpoints can only use a blue/green update policy. The check runs when the EndpointConfig is in the linted files.",
	Source: "https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html (sagemaker-facts.md §3, §4, §11; deploy-pitfalls.md 11)",
	Fix:    "Use BlueGreenUpdatePolicy (canary, linear or all at once) for this endpoint instead.",
	Kinds:  []manifest.Kind{manifest.KindEndpoint},
	Bad: `kind: EndpointConfig
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
`,
	Good: `kind: EndpointConfig
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
`,
}

func (deploymentRolling) Info() *Info { return deploymentRollingInfo }

func (deploymentRolling) Check(p *Pass) {
	k := keyOf(manifest.Get(p.Doc.Body, "DeploymentConfig"), "RollingUpdatePolicy")
	configName, ok := manifest.Str(manifest.Get(p.Doc.Body, "EndpointConfigName"))
	if k == nil || !ok {
		return
	}
	config, ok := namesOf(p.Set).exact[manifest.KindEndpointConfig][configName]
	if !ok {
		return
	}
	production := 0
	for _, v := range variants(config.Doc.Body) {
		if v.Shadow {
			continue
		}
		production++
		if !manifest.IsNull(manifest.Get(v.Node, "ServerlessConfig")) {
			name, _ := manifest.Str(manifest.Get(v.Node, "VariantName"))
			p.Report(k, fmt.Sprintf("RollingUpdatePolicy cannot update EndpointConfig %q (%s): its variant %q is serverless, and rolling deployments exclude serverless endpoints",
				configName, where(p, config), name), "use BlueGreenUpdatePolicy instead")
			return
		}
	}
	if production > 1 {
		p.Report(k, fmt.Sprintf("RollingUpdatePolicy cannot update EndpointConfig %q (%s): it has %d production variants, and rolling deployments exclude multi-variant endpoints",
			configName, where(p, config), production), "use BlueGreenUpdatePolicy instead")
	}
}
