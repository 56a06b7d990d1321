package lint

import (
	"strings"
	"testing"
)

// canary, linear and rolling are Endpoint bodies from line 4 (after epHead) with one
// capacity size whose Value is on line 8 (blue/green) or line 6 (rolling).
func canary(typ, v string) string {
	return "DeploymentConfig:\n  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration:\n      Type: CANARY\n" +
		"      CanarySize: {Type: " + typ + ", Value: " + v + "}\n      WaitIntervalInSeconds: 300\n"
}

func linear(typ, v string) string {
	return strings.Replace(strings.Replace(canary(typ, v), "CANARY", "LINEAR", 1), "CanarySize", "LinearStepSize", 1)
}

func rolling(typ, v string) string {
	return "DeploymentConfig:\n  RollingUpdatePolicy:\n    MaximumBatchSize: {Type: " + typ + ", Value: " + v + "}\n    WaitIntervalInSeconds: 300\n"
}

func TestDeploymentCapacityPercent(t *testing.T) {
	p := "CAPACITY_PERCENT"
	runRuleCases(t, deploymentCapacityPercent{}, []ruleCase{
		{"canary 50", epHead + canary(p, "50"), nil},
		{"canary 51", epHead + canary(p, "51"), []string{`8:51 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize is 51% of the variant's instances; it must be at most 50%`}},
		{"linear 10 and 50", epHead + linear(p, "10") + "---\n" + epHead + linear(p, "50"), nil},
		{"linear 9", epHead + linear(p, "9"), []string{`8:55 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize is 9% of the variant's instances; it must be between 10% and 50%`}},
		{"linear 60", epHead + linear(p, "60"), []string{`8:55 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize is 60%`}},
		{"rolling 5 and 50", epHead + rolling(p, "5") + "---\n" + epHead + rolling(p, "50"), nil},
		{"rolling 4", epHead + rolling(p, "4"), []string{`6:55 error: RollingUpdatePolicy.MaximumBatchSize is 4% of the variant's instances; it must be between 5% and 50%`}},
		{"rolling 100", epHead + rolling(p, "100"), []string{`6:55 error: RollingUpdatePolicy.MaximumBatchSize is 100%`}},
		{"instance counts are not percentages", epHead + rolling("INSTANCE_COUNT", "80"), nil},
		{"not an integer is the schema's", epHead + canary(p, `"80"`), nil},
		{"rollback batch has no stated range", epHead + rolling(p, "25") + "    RollbackMaximumBatchSize: {Type: CAPACITY_PERCENT, Value: 100}\n", nil},
	})
}

func TestDeploymentCapacityInstances(t *testing.T) {
	n := "INSTANCE_COUNT"
	config := func(counts ...string) string {
		s := "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n"
		for i, c := range counts {
			s += "  - {VariantName: v" + string(rune('0'+i)) + ", ModelName: m, InstanceType: ml.m5.large, InitialInstanceCount: " + c + "}\n"
		}
		return s + "---\n"
	}
	runRuleCases(t, deploymentCapacityInstances{}, []ruleCase{
		{"canary 1 of 2", config("2") + epHead + canary(n, "1"), nil},
		{"canary 1 of 1", config("1") + epHead + canary(n, "1"),
			[]string{`13:49 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize of 1 instance is 100% of variant "v0"'s 1 instance (EndpointConfig "c", line 2); it must be at most 50%`}},
		{"canary 3 of 5", config("5") + epHead + canary(n, "3"), []string{`13:49 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize of 3 instances is 60% of variant "v0"'s 5 instances`}},
		{"linear 1 of 10 and 5 of 10", config("10") + epHead + linear(n, "1") + "---\n" + epHead + linear(n, "5"), nil},
		{"linear 1 of 11", config("11") + epHead + linear(n, "1"), []string{`13:53 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize of 1 instance is 9% of variant "v0"'s 11 instances`}},
		{"rolling 1 of 20", config("20") + epHead + rolling(n, "1"), nil},
		{"rolling 1 of 21", config("21") + epHead + rolling(n, "1"), []string{`11:53 error: RollingUpdatePolicy.MaximumBatchSize of 1 instance is 4% of variant "v0"'s 21 instances`}},
		{"the smaller of two variants", config("4", "2") + epHead + rolling(n, "2"), []string{`12:53 error: RollingUpdatePolicy.MaximumBatchSize of 2 instances is 100% of variant "v1"'s 2 instances`}},
		{"percentages are the other rule's", config("1") + epHead + canary("CAPACITY_PERCENT", "50"), nil},
		{"live counts retained", config("1") + epHead + "RetainAllVariantProperties: true\n" + canary(n, "1"), nil},
		{"retained but counts excluded", config("1") + epHead + "RetainAllVariantProperties: true\nExcludeRetainedVariantProperties: [{VariantPropertyType: DesiredInstanceCount}]\n" + canary(n, "1"),
			[]string{`15:49 error: BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize of 1 instance is 100%`}},
		{"config not linted", epHead + canary(n, "5"), nil},
		{"serverless variant has no count", "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - {VariantName: s, ModelName: m, ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}}\n---\n" + epHead + canary(n, "1"), nil},
	})
}

func TestCapacityInstanceHint(t *testing.T) {
	canarySize, rollingBatch := capacitySize{MinPct: 0, MaxPct: 50}, capacitySize{MinPct: 5, MaxPct: 50}
	for _, c := range []struct {
		size  capacitySize
		count int64
		want  string
	}{
		{canarySize, 1, "no instance count is at most 50% of 1 instance"},
		{canarySize, 2, "set Value to 1, or use CAPACITY_PERCENT"},
		{canarySize, 5, "set Value between 1 and 2"},
		{rollingBatch, 40, "set Value between 2 and 20"},
	} {
		if got := c.size.instanceHint(c.count); !strings.HasPrefix(got, c.want) {
			t.Errorf("instanceHint(%d) = %q, want %q...", c.count, got, c.want)
		}
	}
}
