package apply

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// TestGuardNamesAreCaseInsensitive: SageMaker names are case-insensitive, so a config
// naming FRAUD-MODEL uses fraud-model and an endpoint on FRAUD-CFG uses fraud-cfg; the
// guard must refuse both deletes against the emulator.
func TestGuardNamesAreCaseInsensitive(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "fraud", "FRAUD-CFG", "FRAUD-MODEL", true)
	var e *Error
	if err := h.x.Guard.DeleteModel(h.ctx, "fraud-model"); !errors.As(err, &e) || e.Kind != KindInUse {
		t.Errorf("DeleteModel fraud-model while FRAUD-CFG names FRAUD-MODEL: err = %v, want %s", err, KindInUse)
	}
	if err := h.x.Guard.DeleteConfig(h.ctx, "fraud-cfg"); !errors.As(err, &e) || e.Kind != KindInUse {
		t.Errorf("DeleteConfig fraud-cfg while endpoint fraud uses FRAUD-CFG: err = %v, want %s", err, KindInUse)
	}
	if !h.modelExists(t, "FRAUD-MODEL") || !h.configExists(t, "FRAUD-CFG") {
		t.Fatal("a resource in use was deleted")
	}
	if n := h.emu.Calls("DeleteModel") + h.emu.Calls("DeleteEndpointConfig"); n != 0 {
		t.Errorf("%d delete calls, want 0", n)
	}
}

// TestVerifySwapIgnoresCase: an UpdateEndpoint to "FRAUD-V2" that landed on "fraud-v2" is
// the swap asked for, not a rollback.
func TestVerifySwapIgnoresCase(t *testing.T) {
	h := newHarness(t)
	h.deployed(t, "fraud", "fraud-v1", "m", true)
	before := h.describe(t, "fraud")
	after := *before
	after.EndpointConfigName = aws.String("fraud-v2")
	after.LastModifiedTime = aws.Time(before.LastModifiedTime.Add(1))
	if err := VerifySwap(before, &after, "FRAUD-V2"); err != nil {
		t.Errorf("VerifySwap: %v", err)
	}
	if err := VerifySwap(before, &after, "fraud-v3"); err == nil {
		t.Error("VerifySwap to another config: no error")
	}
}
