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
		"UpdateRollbackFailed": "needs a human",
		"OutOfService":         "endpoint is OutOfService: apply will refuse",
	} {
		l := &live.Resource{Kind: manifest.KindEndpoint, Name: "ep", Body: map[string]any{"EndpointStatus": status, "FailureReason": "boom"}}
		got := statusGate(l)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("statusGate(%s) = %q, want %q", status, got, want)
		}
	}
}

// A Failed endpoint is replaced (failed.go): DeleteEndpoint then CreateEndpoint, with its
// FailureReason; an unowned one is blocked.
func TestReplaceFailed(t *testing.T) {
	p := &planner{}
	res := &resource{kind: manifest.KindEndpoint, name: "ep", physical: "ep", extra: map[string]any{},
		body: map[string]any{"EndpointName": "ep", "EndpointConfigName": "c2"}}
	for _, owned := range []bool{true, false} {
		l := &live.Resource{Kind: manifest.KindEndpoint, Name: "ep", Tags: map[string]string{},
			Body: map[string]any{"EndpointStatus": "Failed", "EndpointConfigName": "c1"}}
		if owned {
			l.Tags[TagManagedBy] = ManagedByValue
		}
		a := p.replaceFailed(res, l, Action{Resource: manifest.KindEndpoint}, "c2", nil, nil)
		var ops []string
		for _, c := range a.Calls {
			ops = append(ops, c.Operation)
		}
		if a.Kind != Replace || strings.Join(ops, ",") != "DeleteEndpoint,CreateEndpoint" || !strings.Contains(a.Reason, "no FailureReason given") {
			t.Errorf("owned %v: %s %q, calls %v; want a replace: DeleteEndpoint, CreateEndpoint", owned, a.Kind, a.Reason, ops)
		}
		if blocked := a.Blocked != ""; blocked == owned || !owned && !strings.Contains(a.Blocked, "delete it yourself") {
			t.Errorf("owned %v: blocked %q", owned, a.Blocked)
		}
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
