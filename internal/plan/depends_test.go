package plan

import (
	"slices"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

func TestDependsOn(t *testing.T) {
	act := func(kind ActionKind, res manifest.Kind, name, op string, fields map[string]any) Action {
		c, err := newCall(op, fields)
		if err != nil {
			t.Fatal(err)
		}
		return Action{Kind: kind, Resource: res, Name: name, PhysicalName: name, Calls: []Call{c}}
	}
	variants := []any{map[string]any{"VariantName": "v", "ModelName": "m"}}
	actions := []Action{
		act(Create, manifest.KindModel, "m", "CreateModel", map[string]any{"ModelName": "m"}),                                                            // 1
		act(Create, manifest.KindEndpointConfig, "c", "CreateEndpointConfig", map[string]any{"EndpointConfigName": "c", "ProductionVariants": variants}), // 2
		act(Create, manifest.KindEndpoint, "e1", "CreateEndpoint", map[string]any{"EndpointName": "e1", "EndpointConfigName": "c"}),                      // 3
		act(Create, manifest.KindEndpoint, "E2", "CreateEndpoint", map[string]any{"EndpointName": "E2", "EndpointConfigName": "C"}),                      // 4: names are case-insensitive
		act(SwapConfig, manifest.KindEndpoint, "e3", "UpdateEndpoint", map[string]any{"EndpointName": "e3", "EndpointConfigName": "live-c2"}),            // 5: nothing planned that it needs
		{Kind: NoOp, Resource: manifest.KindModel, Name: "same", PhysicalName: "same"},                                                                   // 6: a no-op calls nothing
		act(SwapConfig, manifest.KindEndpoint, "e1", "UpdateEndpoint", map[string]any{"EndpointName": "e1", "EndpointConfigName": "c"}),                  // 7: after c and e1's earlier action
		act(Delete, manifest.KindEndpointConfig, "old-a", "DeleteEndpointConfig", map[string]any{"EndpointConfigName": "old-a"}),                         // 8
		act(Delete, manifest.KindEndpointConfig, "old-b", "DeleteEndpointConfig", map[string]any{"EndpointConfigName": "old-b"}),                         // 9: config deletes side by side
		act(Delete, manifest.KindModel, "old-m", "DeleteModel", map[string]any{"ModelName": "old-m"}),                                                    // 10: after every config delete
		act(Delete, manifest.KindEndpoint, "e4", "DeleteEndpoint", map[string]any{"EndpointName": "e4"}),                                                 // 11: after all non-deletes of its kind
	}
	want := [][]int{nil, {1}, {2}, {2}, nil, nil, {2, 3}, {1, 2, 3, 4, 5, 7}, {1, 2, 3, 4, 5, 7}, {1, 2, 3, 4, 5, 7, 8, 9}, {1, 2, 3, 4, 5, 7, 8, 9, 10}}
	got := dependsOn(actions)
	for i := range actions {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("action %d (%s %s) depends on %v, want %v", i+1, actions[i].Kind, actions[i].Name, got[i], want[i])
		}
	}
}
