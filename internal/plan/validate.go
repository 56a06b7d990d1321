package plan

import (
	"errors"
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
)

// validate checks a decoded saved plan as a whole, before apply reads anything live: the
// parts every plan has are present (naming, actions, fingerprints), every action names a
// known kind and resource and has the calls its kind makes, the summary counts the
// actions, and every resource an action names was fingerprinted, so the stale-plan check
// cannot be skipped by removing fingerprints. check (save.go) has already placed ids and
// dependencies.
func (s *Saved) validate() error {
	if _, err := ParseNaming(string(s.Naming)); err != nil || s.Naming == "" {
		return fmt.Errorf("naming %q: expected exact or hashed", s.Naming)
	}
	if s.Actions == nil {
		return errors.New(`no "actions": every saved plan lists its actions, no-ops included`)
	}
	if s.Fingerprints == nil {
		return errors.New(`no "fingerprints": without them apply cannot check the plan against the live state`)
	}
	fps := map[string]bool{}
	for i, f := range s.Fingerprints {
		id := fmt.Sprintf("fingerprint %d (%s %s)", i+1, f.Kind, f.Name)
		switch {
		case !knownKind(f.Kind):
			return fmt.Errorf("%s: unknown kind %q", id, f.Kind)
		case f.Name == "":
			return fmt.Errorf("%s: no name", id)
		case fps[string(f.Kind)+"/"+f.Name]:
			return fmt.Errorf("%s: %s %s is fingerprinted twice", id, f.Kind, f.Name)
		case f.Exists && f.ARN == "":
			return fmt.Errorf("%s: exists but has no arn", id)
		case f.Exists && f.Kind == manifest.KindEndpoint && f.EndpointStatus == "":
			return fmt.Errorf("%s: an existing endpoint without endpoint_status", id)
		case !f.Exists && (f.ARN != "" || f.EndpointStatus != ""):
			return fmt.Errorf("%s: absent (exists false) but has an arn or status", id)
		}
		fps[string(f.Kind)+"/"+f.Name] = true
	}
	var sum Summary
	for _, a := range s.Actions {
		id := fmt.Sprintf("action %d (%s %s)", a.ID, a.Resource, a.PhysicalName)
		switch {
		case !knownAction(a.Kind):
			return fmt.Errorf("%s: unknown action_kind %q", id, a.Kind)
		case !knownKind(a.Resource):
			return fmt.Errorf("%s: unknown resource_kind %q", id, a.Resource)
		case a.PhysicalName == "":
			return fmt.Errorf("%s: no physical_name", id)
		case a.Kind == NoOp && len(a.Calls) > 0:
			return fmt.Errorf("%s: a no-op with API calls", id)
		case a.Kind != NoOp && len(a.Calls) == 0 && a.Blocked == "":
			return fmt.Errorf("%s: a %s without API calls", id, a.Kind)
		case !fps[string(a.Resource)+"/"+a.PhysicalName]:
			return fmt.Errorf("%s: the plan has no fingerprint of %s %s, so apply could not tell whether it changed since the plan", id, a.Resource, a.PhysicalName)
		}
		sum.count(a.Kind, a.Blocked != "")
	}
	if sum != s.Summary {
		return fmt.Errorf("the summary %+v does not count the actions (%+v)", s.Summary, sum)
	}
	return nil
}

// count adds one action of kind k to the summary.
func (s *Summary) count(k ActionKind, blocked bool) {
	switch k.Effect() {
	case "create":
		s.Create++
	case "update":
		s.Update++
	case "replace":
		s.Replace++
	case "delete":
		s.Delete++
	default:
		s.NoOp++
	}
	if blocked {
		s.Blocked++
	}
}

func knownKind(k manifest.Kind) bool {
	for _, x := range plannedKinds {
		if k == x {
			return true
		}
	}
	return false
}

func knownAction(k ActionKind) bool {
	switch k {
	case NoOp, Tag, ShiftWeights, SwapConfig, Create, Replace, Delete, Update:
		return true
	}
	return false
}
