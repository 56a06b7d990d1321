package lint

import (
	"strings"
	"testing"
)

// epHead is a 3-line Endpoint; cases append fields from line 4.
const epHead = "kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\n"

func TestDeploymentOnePolicy(t *testing.T) {
	bg := "  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration: {Type: ALL_AT_ONCE, WaitIntervalInSeconds: 0}\n"
	rolling := "  RollingUpdatePolicy:\n    MaximumBatchSize: {Type: INSTANCE_COUNT, Value: 1}\n    WaitIntervalInSeconds: 60\n"
	runRuleCases(t, deploymentOnePolicy{}, []ruleCase{
		{"blue/green only", epHead + "DeploymentConfig:\n" + bg, nil},
		{"rolling only", epHead + "DeploymentConfig:\n" + rolling, nil},
		{"both, blue/green first", epHead + "DeploymentConfig:\n" + bg + rolling,
			[]string{`7:3 error: DeploymentConfig sets RollingUpdatePolicy and BlueGreenUpdatePolicy (line 5)`}},
		{"both, rolling first", epHead + "DeploymentConfig:\n" + rolling + bg,
			[]string{`8:3 error: DeploymentConfig sets BlueGreenUpdatePolicy and RollingUpdatePolicy (line 5)`}},
		{"no deployment config", epHead, nil},
	})
}

func TestDeploymentTimeout(t *testing.T) {
	bg := func(wait, term, max string) string {
		return epHead + "DeploymentConfig:\n  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration:\n      Type: CANARY\n" +
			"      WaitIntervalInSeconds: " + wait + "\n    TerminationWaitInSeconds: " + term + "\n    MaximumExecutionTimeoutInSeconds: " + max + "\n"
	}
	rolling := func(wait, max string) string {
		return epHead + "DeploymentConfig:\n  RollingUpdatePolicy:\n    WaitIntervalInSeconds: " + wait + "\n    MaximumExecutionTimeoutInSeconds: " + max + "\n"
	}
	runRuleCases(t, deploymentTimeout{}, []ruleCase{
		{"room to spare", bg("600", "600", "3600"), nil},
		{"equal to the waits", bg("600", "600", "1200"),
			[]string{`10:39 warning: MaximumExecutionTimeoutInSeconds 1200 does not exceed the waits (WaitIntervalInSeconds 600 + TerminationWaitInSeconds 600 = 1200 s)`}},
		{"below one wait", bg("3600", "0", "600"), []string{`10:39 warning: MaximumExecutionTimeoutInSeconds 600 does not exceed the waits (WaitIntervalInSeconds 3600 = 3600 s)`}},
		{"rolling below its baking time", rolling("900", "600"), []string{`7:39 warning: MaximumExecutionTimeoutInSeconds 600 does not exceed the waits (WaitIntervalInSeconds 900 = 900 s)`}},
		{"rolling fine", rolling("300", "600"), nil},
		{"no timeout set", epHead + "DeploymentConfig:\n  RollingUpdatePolicy:\n    WaitIntervalInSeconds: 900\n", nil},
		{"strings are the schema's", bg(`"600"`, "600", `"60"`), nil},
	})
}

func TestDeploymentWeights(t *testing.T) {
	runRuleCases(t, deploymentWeights{}, []ruleCase{
		{"distinct", epHead + "DesiredWeightsAndCapacities:\n  - {VariantName: a, DesiredWeight: 1}\n  - {VariantName: b, DesiredWeight: 1}\n", nil},
		{"repeated", epHead + "DesiredWeightsAndCapacities:\n  - {VariantName: a, DesiredWeight: 1}\n  - {VariantName: b, DesiredWeight: 1}\n  - {VariantName: a, DesiredInstanceCount: 2}\n",
			[]string{`7:19 error: variant "a" already has desired weights and capacity at line 5`}},
		{"malformed entries are the schema's", epHead + "DesiredWeightsAndCapacities: [a, a, {DesiredWeight: 1}]\n", nil},
	})
}

func TestDeploymentExclude(t *testing.T) {
	excl := "ExcludeRetainedVariantProperties:\n  - VariantPropertyType: DesiredWeight\n"
	runRuleCases(t, deploymentExclude{}, []ruleCase{
		{"retained", epHead + "RetainAllVariantProperties: true\n" + excl, nil},
		{"retain absent", epHead + excl, []string{`4:1 warning: ExcludeRetainedVariantProperties is set but RetainAllVariantProperties is not true`}},
		{"retain false", epHead + excl + "RetainAllVariantProperties: false\n", []string{`4:1 warning: ExcludeRetainedVariantProperties is set`}},
		{"retain not a boolean is the schema's", epHead + "RetainAllVariantProperties: \"yes\"\n" + excl, nil},
		{"empty list", epHead + "ExcludeRetainedVariantProperties: []\n", nil},
	})
}

func TestDeploymentRolling(t *testing.T) {
	second := "  - VariantName: b\n    ModelName: m\n    InstanceType: ml.m5.large\n    InitialInstanceCount: 1\n"
	serverless := "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: main\n    ModelName: m\n    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}\n"
	shadow := "ShadowProductionVariants:\n" + second
	rolling := "---\n" + epHead + "DeploymentConfig:\n  RollingUpdatePolicy:\n    MaximumBatchSize: {Type: INSTANCE_COUNT, Value: 1}\n    WaitIntervalInSeconds: 60\n"
	blueGreen := "---\n" + epHead + "DeploymentConfig:\n  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration: {Type: ALL_AT_ONCE, WaitIntervalInSeconds: 0}\n"
	runRuleCases(t, deploymentRolling{}, []ruleCase{
		{"one instance variant", ecHead + rolling, nil},
		{"one variant and a shadow", ecHead + shadow + rolling, nil},
		{"two variants", ecHead + second + rolling, []string{`17:3 error: RollingUpdatePolicy cannot update EndpointConfig "c" (line 2): it has 2 production variants`}},
		{"serverless", serverless + rolling, []string{`12:3 error: RollingUpdatePolicy cannot update EndpointConfig "c" (line 2): its variant "main" is serverless`}},
		{"blue/green is fine", ecHead + second + blueGreen, nil},
		{"config not linted", strings.TrimPrefix(rolling, "---\n"), nil},
	})
}

func TestDeploymentGuardrails(t *testing.T) {
	inf1 := strings.Replace(ecHead, "ml.m5.large", "ml.inf1.xlarge", 1)
	pool := ecHead + "    InstancePools: [{InstanceType: ml.inf2.xlarge, Priority: 1}, {InstanceType: ml.inf1.2xlarge, Priority: 2}]\n"
	blueGreen := "---\n" + epHead + "DeploymentConfig:\n  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration: {Type: ALL_AT_ONCE, WaitIntervalInSeconds: 0}\n"
	rolling := "---\n" + epHead + "DeploymentConfig:\n  RollingUpdatePolicy:\n    MaximumBatchSize: {Type: INSTANCE_COUNT, Value: 1}\n    WaitIntervalInSeconds: 60\n"
	runRuleCases(t, deploymentGuardrails{}, []ruleCase{
		{"not Inf1", ecHead + blueGreen, nil},
		{"Inf1, blue/green", inf1 + blueGreen, []string{`13:3 warning: BlueGreenUpdatePolicy has no effect: variant "main" of EndpointConfig "c" (line 2) runs on ml.inf1.xlarge`}},
		{"Inf1 in a pool, rolling", pool + rolling, []string{`14:3 warning: RollingUpdatePolicy has no effect: variant "main" of EndpointConfig "c" (line 2) runs on ml.inf1.2xlarge`}},
		{"Inf1 without an update policy", inf1 + "---\n" + epHead + "DeploymentConfig:\n  AutoRollbackConfiguration: {Alarms: [{AlarmName: a}]}\n", nil},
		{"config not linted", strings.TrimPrefix(blueGreen, "---\n"), nil},
	})
}
