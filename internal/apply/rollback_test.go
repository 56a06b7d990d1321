package apply

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/emulator"
)

// versions deploys endpoint ep on owned configs of logical config "cfg", one after the other,
// a minute apart; extra are created between the first and the last: name → tags.
func (h *harness) versions(t *testing.T, ep string, configs []string, extra map[string][]types.Tag) {
	t.Helper()
	h.deployed(t, ep, configs[0], "m", true)
	if _, err := h.raw.AddTags(h.ctx, &sagemaker.AddTagsInput{ResourceArn: h.describeConfig(t, configs[0]).EndpointConfigArn,
		Tags: []types.Tag{{Key: aws.String(TagLogicalID), Value: aws.String("cfg")}}}); err != nil {
		t.Fatal(err)
	}
	for name, tags := range extra {
		h.clock.Advance(time.Minute)
		in := configInput(name, "m")
		in.Tags = tags
		if _, err := h.raw.CreateEndpointConfig(h.ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range configs[1:] {
		h.clock.Advance(time.Minute)
		in := configInput(c, "m")
		in.Tags = append(h.x.withOwnership(nil), types.Tag{Key: aws.String(TagLogicalID), Value: aws.String("cfg")})
		if _, err := h.raw.CreateEndpointConfig(h.ctx, in); err != nil {
			t.Fatal(err)
		}
		if _, err := h.raw.UpdateEndpoint(h.ctx, &sagemaker.UpdateEndpointInput{EndpointName: &ep, EndpointConfigName: aws.String(c)}); err != nil {
			t.Fatal(err)
		}
		h.clock.Advance(11 * time.Minute)
	}
}

func (h *harness) describeConfig(t *testing.T, name string) *sagemaker.DescribeEndpointConfigOutput {
	t.Helper()
	out, err := h.raw.DescribeEndpointConfig(h.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRollbackSwitchesToThePreviousOwnedConfig(t *testing.T) {
	h := newHarness(t)
	other := append(h.x.withOwnership(nil), types.Tag{Key: aws.String(TagLogicalID), Value: aws.String("another")})
	unowned := []types.Tag{{Key: aws.String(TagLogicalID), Value: aws.String("cfg")}}
	h.versions(t, "ep", []string{"cfg-1", "cfg-2"}, map[string][]types.Tag{"other-1": other, "foreign-1": unowned})
	r, err := h.x.FindRollback(h.ctx, "ep")
	if err != nil {
		t.Fatal(err)
	}
	if r.From != "cfg-2" || r.To != "cfg-1" {
		t.Fatalf("rollback %s → %s, want cfg-2 → cfg-1 (not another logical config's, not an unowned one)", r.From, r.To)
	}
	if err := h.x.RunRollback(h.ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(h.describe(t, "ep").EndpointConfigName); got != "cfg-1" {
		t.Errorf("after the rollback ep serves %s, want cfg-1", got)
	}
}

func TestRollbackRefuses(t *testing.T) {
	h := newHarness(t)
	h.versions(t, "ep", []string{"cfg-1"}, nil)
	if _, err := h.x.FindRollback(h.ctx, "ep"); err == nil || !strings.Contains(err.Error(), `no earlier config of "cfg" is left`) {
		t.Errorf("one version: %v, want no earlier config", err)
	}
	h.deployed(t, "theirs", "their-cfg", "their-m", false)
	var e *Error
	if _, err := h.x.FindRollback(h.ctx, "theirs"); !errors.As(err, &e) || e.Kind != KindNotOwned {
		t.Errorf("unowned endpoint: %v, want refused as not owned", err)
	}
	if _, err := h.x.FindRollback(h.ctx, "absent"); err == nil || !IsNotFound(err) {
		t.Errorf("absent endpoint: %v", err)
	}
}

func TestRollbackThatSageMakerRollsBackIsAnError(t *testing.T) {
	h := newHarness(t)
	h.versions(t, "ep", []string{"cfg-1", "cfg-2"}, nil)
	r, err := h.x.FindRollback(h.ctx, "ep")
	if err != nil {
		t.Fatal(err)
	}
	h.emu.FailEndpoint(emulator.EndpointFault{Outcome: emulator.RollbackUpdate, Endpoint: "ep", Reason: "alarm"})
	var e *Error
	if err := h.x.RunRollback(h.ctx, r); !errors.As(err, &e) || e.Kind != KindRolledBack {
		t.Errorf("RunRollback under rollback-update: %v, want KindRolledBack", err)
	}
}
