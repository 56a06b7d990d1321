package apply

import (
	"testing"

	"github.com/sagectl/sagectl/internal/plan"
)

// FuzzSteps feeds arbitrary saved plans through Steps and the dependency graph: whatever a
// plan file holds, apply reports an error or builds a graph, and never panics.
func FuzzSteps(f *testing.F) {
	f.Add([]byte(`{"format_version":2,"actions":[
{"id":1,"action_kind":"create","resource_kind":"Model","name":"m","physical_name":"m","api_calls":[{"operation":"CreateModel","input":{"ModelName":"m"}}]},
{"id":2,"depends_on":[1],"action_kind":"create","resource_kind":"EndpointConfig","name":"c","physical_name":"c-1","api_calls":[{"operation":"CreateEndpointConfig","input":{"EndpointConfigName":"c-1","ProductionVariants":[{"VariantName":"v","ModelName":"m"}]}}]},
{"id":3,"depends_on":[2],"action_kind":"swap-config","resource_kind":"Endpoint","name":"e","physical_name":"e","blocked":"endpoint is Updating","api_calls":[{"operation":"UpdateEndpoint","input":{"EndpointName":"e","EndpointConfigName":"c-1"}}]},
{"id":4,"depends_on":[1,2,3],"action_kind":"delete","resource_kind":"EndpointConfig","name":"c","physical_name":"c-0","api_calls":[{"operation":"DeleteEndpointConfig","input":{"EndpointConfigName":"c-0"}}]}]}`))
	f.Add([]byte(`{"format_version":2,"actions":[{"id":1,"action_kind":"create","resource_kind":"Endpoint","api_calls":[{"operation":"CreateEndpoint","input":{}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := plan.ParseSaved("fuzz.json", data)
		if err != nil {
			return
		}
		for i, s := range Steps(p) {
			for _, j := range s.After {
				if j >= i {
					t.Fatalf("step %d depends on later step %d", i, j)
				}
			}
		}
	})
}
