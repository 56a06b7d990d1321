package apply

import (
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
)

// A config and model created for an endpoint step that was then refused are deleted again.
func TestUndoAfterConflict(t *testing.T) {
	h := createdAfterPlan(t)
	steps := planned(t, createModel("m2"), createConfig("c2", "m2"), createEndpoint("ep", "c2"))
	res := h.x.Run(h.ctx, steps)
	if res.OK() {
		t.Fatal("the create of an endpoint created meanwhile succeeded")
	}
	undone := h.x.Undo(h.ctx, steps, res)
	if len(undone) != 2 || undone[0].Err != nil || undone[1].Err != nil {
		t.Fatalf("undone = %+v, want c2 then m2 deleted", undone)
	}
	if h.configExists(t, "c2") || h.modelExists(t, "m2") {
		t.Error("c2 or m2 left behind")
	}
	if !h.configExists(t, "c1") || !h.modelExists(t, "m1") {
		t.Error("Undo deleted what this apply did not create")
	}
}

// What a step that reached SageMaker used is kept, for diagnosis.
func TestUndoKeepsWhatAFailedDeploymentUsed(t *testing.T) {
	h := newHarness(t)
	h.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.FailCreate, Endpoint: "ep"})
	steps := planned(t, createModel("m"), createConfig("c", "m"), createEndpoint("ep", "c"))
	res := h.x.Run(h.ctx, steps)
	if res.OK() {
		t.Fatal("a failing create succeeded")
	}
	if undone := h.x.Undo(h.ctx, steps, res); len(undone) != 0 {
		t.Errorf("undone = %+v, want nothing: the Failed endpoint uses c", undone)
	}
	if !h.configExists(t, "c") || !h.modelExists(t, "m") {
		t.Error("the Failed endpoint's config or model was deleted")
	}
}
