package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// deploymentCapacityInstances reports an INSTANCE_COUNT canary size, linear step or rolling
// batch outside the share of the variant's instance count its member doc allows.
type deploymentCapacityInstances struct{}

var deploymentCapacityInstancesInfo = &Info{
	ID:       "deployment-capacity-instances",
	Severity: finding.Error,
	Summary:  "flags an INSTANCE_COUNT CanarySize, LinearStepSize or MaximumBatchSize outside its share of the variant's instances",
	Why: "A canary must be less than or equal to 50% of the variant's total instance count, a linear step 10-50% of it " +
		"and a rolling batch between 5% and 50%. Given as INSTANCE_COUNT, the limit depends on the variant's " +
		"InitialInstanceCount in the endpoint config: a canary of 1 instance needs at least 2 instances, a rolling batch " +
		"of 3 at least 6. The check runs when the EndpointConfig is in the linted files and the update takes its " +
		"instance counts from it (not when RetainAllVariantProperties keeps the live counts).",
	Source: "API Reference, TrafficRoutingConfig: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrafficRoutingConfig.html; " +
		"API Reference, RollingUpdatePolicy: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html; " +
		"API Reference, CapacitySize: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CapacitySize.html",
	Fix:   "Lower the size, raise the variant's InitialInstanceCount, or give the size as CAPACITY_PERCENT.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: withModels(`kind: EndpointConfig
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
DeploymentConfig:
  RollingUpdatePolicy:
    MaximumBatchSize: {Type: INSTANCE_COUNT, Value: 2}
    WaitIntervalInSeconds: 300
`, "churn-v9"),
	Good: withModels(`kind: EndpointConfig
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
DeploymentConfig:
  RollingUpdatePolicy:
    MaximumBatchSize: {Type: INSTANCE_COUNT, Value: 1}
    WaitIntervalInSeconds: 300
`, "churn-v9"),
}

func (deploymentCapacityInstances) Info() *Info { return deploymentCapacityInstancesInfo }

func (deploymentCapacityInstances) Check(p *Pass) {
	sizes := capacitySizes(p.Doc.Body)
	if len(sizes) == 0 || retainsInstanceCounts(p.Doc.Body) {
		return
	}
	config, ok := endpointConfigOf(p)
	if !ok {
		return
	}
	for _, c := range sizes {
		n, size, ok := c.sizeOf(capacityInstanceCount)
		if !ok {
			continue
		}
		for _, v := range productionVariants(config.Doc.Body) {
			count, ok := manifest.Int(manifest.Get(v.Node, "InitialInstanceCount"))
			if !ok || count < 1 {
				continue
			}
			// size/count must lie in [MinPct, MaxPct] percent; compared in integers.
			if 100*size >= c.MinPct*count && 100*size <= c.MaxPct*count {
				continue
			}
			p.Report(n, fmt.Sprintf("%s of %s is %s of variant %s's %s (EndpointConfig %q, %s); it must be %s",
				c.Path, instances(size), share(size, count), v.name(), instances(count), config.Name, where(p, config), c.percentRange()),
				c.instanceHint(count))
			break
		}
	}
}

// share writes size/count as a percentage, rounded down: "100%", "33%".
func share(size, count int64) string {
	return fmt.Sprintf("%d%%", 100*size/count)
}

// instances writes n instances, singular for one.
func instances(n int64) string {
	if n == 1 {
		return "1 instance"
	}
	return fmt.Sprintf("%d instances", n)
}

// instanceHint says which instance counts the range allows for a variant of count instances.
func (c capacitySize) instanceHint(count int64) string {
	lo := (c.MinPct*count + 99) / 100 // ceil
	if lo < 1 {
		lo = 1
	}
	hi := c.MaxPct * count / 100
	if hi < lo {
		return fmt.Sprintf("no instance count is %s of %s: raise InitialInstanceCount, or use CAPACITY_PERCENT", c.percentRange(), instances(count))
	}
	if lo == hi {
		return fmt.Sprintf("set Value to %d, or use CAPACITY_PERCENT", lo)
	}
	return fmt.Sprintf("set Value between %d and %d, or use CAPACITY_PERCENT", lo, hi)
}

// retainsInstanceCounts reports whether an update keeps the live instance counts
// (RetainAllVariantProperties: true without DesiredInstanceCount excluded), so the
// config's InitialInstanceCount is not the fleet size.
func retainsInstanceCounts(body *yaml.Node) bool {
	if retain, ok := manifest.Bool(manifest.Get(body, "RetainAllVariantProperties")); !ok || !retain {
		return false
	}
	for _, e := range manifest.Items(manifest.Get(body, "ExcludeRetainedVariantProperties")) {
		if isStr(manifest.Get(e, "VariantPropertyType"), variantPropertyInstances) {
			return false
		}
	}
	return true
}
