package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TagCleanupPrefix starts the ledger tags sagectl keeps on an endpoint it changes:
// sagectl:cleanup:<Kind>:<name> names an owned model or config that a swap of the endpoint
// supersedes (value "superseded") or that was created for it (value "created"). The swap
// writes them before UpdateEndpoint and removes them once what they name is in use or
// deleted, so an apply that stops half-way (a failed step, an interrupt, kill -9) leaves
// a record on the one resource every later plan reads: that plan deletes what the ledger
// names when no manifest names it and nothing uses it, without --prune.
const TagCleanupPrefix = manifest.ReservedTagPrefix + "cleanup:"

// Values of the ledger tags.
const (
	cleanupSuperseded = "superseded"
	cleanupCreated    = "created"
)

func cleanupKey(k manifest.Kind, name string) string {
	return TagCleanupPrefix + string(k) + ":" + name
}

// ledger returns the entries of an endpoint's ledger tags, sorted by key.
func ledger(l *live.Resource) []key {
	var out []key
	for t := range l.Tags {
		rest, ok := strings.CutPrefix(t, TagCleanupPrefix)
		if !ok {
			continue
		}
		kind, name, ok := strings.Cut(rest, ":")
		if ok && name != "" && (kind == string(manifest.KindModel) || kind == string(manifest.KindEndpointConfig)) {
			out = append(out, key{manifest.Kind(kind), name})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return cleanupKey(out[i].kind, out[i].name) < cleanupKey(out[j].kind, out[j].name)
	})
	return out
}

// ledgerKeys are the resources the ledgers of the desired endpoints name: readAll reads
// them with the configs the endpoints use.
func (p *planner) ledgerKeys() []key {
	var out []key
	for _, res := range p.desired[manifest.KindEndpoint] {
		if l := p.live[keyOf(manifest.KindEndpoint, res.physical)]; l != nil {
			out = append(out, ledger(l)...)
		}
	}
	return out
}

// recordSwap writes the swap of endpoint l to target into its ledger. What this plan
// creates for the swap (the target config and its new models) is recorded first, by an
// AddTags that starts each of those create actions, so nothing is created unrecorded; the
// config the plan deletes after the swap (superseded, "" for none) by an AddTags before
// UpdateEndpoint. After the swap and its weights, a DeleteTags removes the entries for what
// is now in use (the created ones, and any an earlier run left for them).
func (p *planner) recordSwap(a *Action, l *live.Resource, target, superseded string) {
	if l.ARN == "" {
		return
	}
	var inUse []any
	used := []key{{manifest.KindEndpointConfig, target}}
	if cfg := p.byPhysical(manifest.KindEndpointConfig, target); cfg != nil {
		for _, m := range p.desired[manifest.KindModel] {
			if usesModel(cfg.body, m.physical) {
				used = append(used, key{manifest.KindModel, m.physical})
			}
		}
	}
	recorded := false
	for _, k := range used {
		ck := cleanupKey(k.kind, k.name)
		created := false
		for i := range p.actions {
			c := &p.actions[i]
			if c.Kind == Create && c.Resource == k.kind && c.PhysicalName == k.name {
				c.Calls = append([]Call{p.mustCall("AddTags", map[string]any{"ResourceArn": l.ARN, "Tags": tagList(map[string]string{ck: cleanupCreated})})}, c.Calls...)
				c.Reason += fmt.Sprintf("; recorded first on endpoint %s (%s) until the swap to it is verified", l.Name, ck)
				created, recorded = true, true
			}
		}
		if _, left := l.Tags[ck]; created || left {
			inUse = append(inUse, ck)
		}
	}
	if superseded != "" {
		a.Calls = append([]Call{p.mustCall("AddTags", map[string]any{"ResourceArn": l.ARN,
			"Tags": tagList(map[string]string{cleanupKey(manifest.KindEndpointConfig, superseded): cleanupSuperseded})})}, a.Calls...)
		recorded = true
	}
	if recorded {
		a.Reason += "; the endpoint's sagectl:cleanup tags record what the swap creates and supersedes until it is verified"
	}
	if len(inUse) > 0 {
		a.Calls = append(a.Calls, p.mustCall("DeleteTags", map[string]any{"ResourceArn": l.ARN, "TagKeys": inUse}))
	}
}

// byPhysical returns the desired resource of kind k named physical, or nil.
func (p *planner) byPhysical(k manifest.Kind, physical string) *resource {
	for _, r := range p.desired[k] {
		if r.physical == physical {
			return r
		}
	}
	return nil
}

// planCleanup deletes what the desired endpoints' ledgers name, configs before models,
// when it is owned, no manifest names it, the plan does not delete it already and nothing
// uses it after the plan; each delete then removes its ledger entry. An entry for what is
// gone, desired or still used is left alone: the swap that uses it removes it.
func (p *planner) planCleanup() {
	for _, k := range []manifest.Kind{manifest.KindEndpointConfig, manifest.KindModel} {
		desired := p.desiredPhysical(k)
		for _, ep := range p.desired[manifest.KindEndpoint] {
			l := p.live[keyOf(manifest.KindEndpoint, ep.physical)]
			if l == nil {
				continue
			}
			for _, e := range ledger(l) {
				r := p.live[keyOf(e.kind, e.name)]
				if e.kind != k || r == nil || !p.owns(r) || desired[manifest.NameKey(e.name)] != nil || p.gone[keyOf(e.kind, e.name)] || p.usedBy(k, e.name) != "" {
					continue
				}
				ck := cleanupKey(k, e.name)
				a := Action{Kind: Delete, Resource: k, Name: e.name, PhysicalName: e.name,
					Reason: fmt.Sprintf("left by an earlier apply that did not finish (%s on endpoint %s says %s): owned by sagectl, no manifest names it and nothing uses it",
						ck, l.Name, l.Tags[ck]),
					Before: map[string]any{k.NameField(): e.name},
					Calls: []Call{p.mustCall("Delete"+string(k), map[string]any{k.NameField(): e.name}),
						p.mustCall("DeleteTags", map[string]any{"ResourceArn": l.ARN, "TagKeys": []any{ck}})}}
				if logical := r.Tags[TagLogicalID]; logical != "" {
					a.Name = logical
				}
				p.gone[keyOf(e.kind, e.name)] = true
				p.actions = append(p.actions, a)
			}
		}
	}
}

// blockUnusable blocks the creates that serve only blocked actions: a config created for
// an endpoint whose change apply will refuse (its status, say), and the models created
// for such configs. Apply would otherwise create them and then fail the endpoint's step,
// leaving them owned, unused and named by no later plan of a changed manifest.
func (p *planner) blockUnusable() {
	users := map[string][]*Action{} // ref of a created resource → actions that reference it
	for i := range p.actions {
		a := &p.actions[i]
		for _, r := range references(a.Calls) {
			users[r] = append(users[r], a)
		}
	}
	// Configs first: a model's users include the configs blocked here.
	for _, k := range []manifest.Kind{manifest.KindEndpointConfig, manifest.KindModel} {
		for i := range p.actions {
			a := &p.actions[i]
			if a.Resource != k || a.Kind != Create || a.Blocked != "" {
				continue
			}
			us := users[ref(k, a.PhysicalName)]
			if len(us) == 0 {
				continue
			}
			var blocked []string
			for _, u := range us {
				if u.Blocked == "" {
					blocked = nil
					break
				}
				blocked = append(blocked, fmt.Sprintf("%s %s", u.Resource, u.PhysicalName))
			}
			if blocked != nil {
				a.Blocked = fmt.Sprintf("not created: only %s would use it, and apply will refuse that change (see there); plan again once it can be made",
					strings.Join(blocked, ", "))
			}
		}
	}
}
