package plan

import (
	"encoding/json"
	"testing"

	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"

	"github.com/sagectl/sagectl/internal/manifest"
)

// TestAutoscalingCalls: the Application Auto Scaling calls decode into their SDK inputs
// (a saved plan's too), refuse members the input lacks, and name what they depend on: a
// registration its endpoint, a policy its target.
func TestAutoscalingCalls(t *testing.T) {
	reg, err := newCall("RegisterScalableTarget", map[string]any{"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/E/variant/v",
		"ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 4, "NotAMember": 1})
	if err != nil {
		t.Fatal(err)
	}
	if in, ok := reg.Request().(*aas.RegisterScalableTargetInput); !ok || *in.MaxCapacity != 4 {
		t.Errorf("request = %#v", reg.Request())
	}
	var saved Call
	if err := json.Unmarshal([]byte(`{"operation": "PutScalingPolicy", "input": {"PolicyName": "p", "ResourceId": "endpoint/e/variant/v"}}`), &saved); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"operation": "DeregisterScalableTarget", "input": {"ResourceId": "x", "Bogus": 1}}`), &Call{}); err == nil {
		t.Error("an unknown member decoded")
	}
	refs := references([]Call{reg, saved})
	if len(refs) != 2 || refs[0] != ref(manifest.KindEndpoint, "e") || refs[1] != ref(manifest.KindScalableTarget, "endpoint/e/variant/v") {
		t.Errorf("references = %v", refs)
	}
	if EndpointOfTarget("inference-component/ic") != "" || EndpointOfTarget("endpoint/e/variant/v") != "e" {
		t.Error("EndpointOfTarget")
	}
}
