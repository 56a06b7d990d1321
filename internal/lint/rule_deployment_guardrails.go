package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// deploymentGuardrails warns when an update policy is set for an endpoint whose config (in
// the linted files) runs on Inf1: guardrails do not apply there and SageMaker deploys all at once.
type deploymentGuardrails struct{}

var deploymentGuardrailsInfo = &Info{
	ID:       "deployment-guardrails-fallback",
	Severity: finding.Warning,
	Summary:  "flags a blue/green or rolling update policy on Inf1 instances, where it has no effect",
	Why: "Deployment guardrails (canary and linear traffic shifting, rolling batches, baking with auto-rollback alarms) " +
		"are not available for endpoints on Inf1 (ml.inf1.*) instances. SageMaker silently falls back to an all-at-once " +
		"update with no final baking, so the safety the DeploymentConfig promises is not there. The check runs when the " +
		"EndpointConfig is in the linted files.",
	Source: "guardrails are not available for Inf1, which falls back to an all-at-once update: https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html",
	Fix:    "Move the variant to an instance family that supports guardrails (ml.inf2.*, GPU or CPU), or drop the update policy and plan for an all-at-once update.",
	Kinds:  []manifest.Kind{manifest.KindEndpoint},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: detector-v3
ProductionVariants:
  - VariantName: main
    ModelName: detector-v3
    InstanceType: ml.inf1.xlarge
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: detector
EndpointConfigName: detector-v3
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: CANARY
      CanarySize: {Type: CAPACITY_PERCENT, Value: 10}
      WaitIntervalInSeconds: 600
`, "detector-v3"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: detector-v3
ProductionVariants:
  - VariantName: main
    ModelName: detector-v3
    InstanceType: ml.inf2.xlarge
    InitialInstanceCount: 2
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: detector
EndpointConfigName: detector-v3
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: CANARY
      CanarySize: {Type: CAPACITY_PERCENT, Value: 10}
      WaitIntervalInSeconds: 600
`, "detector-v3"),
}

func (deploymentGuardrails) Info() *Info { return deploymentGuardrailsInfo }

func (deploymentGuardrails) Check(p *Pass) {
	dc := manifest.Get(p.Doc.Body, "DeploymentConfig")
	policy := keyOf(dc, "BlueGreenUpdatePolicy")
	if policy == nil {
		policy = keyOf(dc, "RollingUpdatePolicy")
	}
	config, ok := endpointConfigOf(p)
	if policy == nil || !ok {
		return
	}
	for _, v := range productionVariants(config.Doc.Body) {
		for _, t := range v.instanceTypes() {
			if instanceFamily(t.Value) == "inf1" {
				p.Report(policy, fmt.Sprintf("%s has no effect: variant %s of EndpointConfig %q (%s) runs on %s, and guardrails are not available for Inf1, so SageMaker updates all at once",
					policy.Value, v.name(), config.Name, where(p, config), t.Value), "use an instance family other than Inf1, or drop the update policy")
				return
			}
		}
	}
}

// endpointConfigOf returns the EndpointConfig in the linted files that the Endpoint of p names.
func endpointConfigOf(p *Pass) (named, bool) {
	name, ok := manifest.Str(manifest.Get(p.Doc.Body, "EndpointConfigName"))
	if !ok {
		return named{}, false
	}
	config, ok := p.names.foldedOf(p, manifest.KindEndpointConfig, manifest.NameKey(name))
	return config, ok
}
