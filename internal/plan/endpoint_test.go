package plan

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

func TestStatusGate(t *testing.T) {
	for status, want := range map[string]string{
		"InService":            "",
		"Creating":             "endpoint is Creating: SageMaker rejects changes to an endpoint in progress; apply will refuse. Wait until it is InService",
		"Updating":             "endpoint is Updating",
		"SystemUpdating":       "endpoint is SystemUpdating",
		"RollingBack":          "endpoint is RollingBack",
		"Failed":               "endpoint is Failed (boom): a failed endpoint accepts only DeleteEndpoint",
		"UpdateRollbackFailed": "needs a human",
		"OutOfService":         "endpoint is OutOfService: apply will refuse",
	} {
		l := &live.Resource{Kind: manifest.KindEndpoint, Name: "ep", Body: map[string]any{"EndpointStatus": status, "FailureReason": "boom"}}
		got := statusGate(l)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("statusGate(%s) = %q, want %q", status, got, want)
		}
	}
	l := &live.Resource{Kind: manifest.KindEndpoint, Name: "ep", Body: map[string]any{"EndpointStatus": "Failed"}}
	if got := statusGate(l); !strings.Contains(got, "no FailureReason given") {
		t.Errorf("Failed without a reason: %q", got)
	}
}

func TestStrategy(t *testing.T) {
	for dc, want := range map[string]string{
		``:                            "blue/green",
		`{"RollingUpdatePolicy": {}}`: "rolling",
		`{"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY"}}}`:      "blue/green (canary)",
		`{"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "LINEAR"}}}`:      "blue/green (linear)",
		`{"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE"}}}`: "blue/green",
	} {
		res := &resource{extra: map[string]any{}}
		if dc != "" {
			res.extra["DeploymentConfig"] = jsonVal(t, dc)
		}
		if got := strategy(res); got != want {
			t.Errorf("strategy(%s) = %q, want %q", dc, got, want)
		}
	}
}

func TestSplitWeightPath(t *testing.T) {
	for path, want := range map[string][2]string{
		"DesiredWeightsAndCapacities[a].DesiredWeight":          {"a", "DesiredWeight"},
		"DesiredWeightsAndCapacities[x]y].DesiredInstanceCount": {"x]y", "DesiredInstanceCount"},
	} {
		if v, f := splitWeightPath(path); v != want[0] || f != want[1] {
			t.Errorf("splitWeightPath(%q) = %q, %q", path, v, f)
		}
	}
}
