package plan

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// planEndpoint plans one Endpoint: create, or the cheapest update (UpdateEndpoint to
// another config, UpdateEndpointWeightsAndCapacities, tags), gated on its status.
func (p *planner) planEndpoint(res *resource) {
	p.cur = res
	l := p.live[keyOf(manifest.KindEndpoint, res.physical)]
	target, _ := res.body["EndpointConfigName"].(string)
	a := Action{Resource: manifest.KindEndpoint, Name: res.name, PhysicalName: res.physical, After: res.after()}
	p.post[manifest.NameKey(res.physical)] = target
	newCfg := p.configBody(target)
	want := p.desiredWeights(res)
	p.dropAutoscaledCounts(res.physical, want) // autoscaling.go
	var swapBlocked string
	if l == nil {
		a.Kind = Create
		a.Reason = fmt.Sprintf("Endpoint %s does not exist", res.physical)
		in := p.createInput(res)
		if dc, ok := res.extra["DeploymentConfig"]; ok {
			in["DeploymentConfig"] = dc
		}
		a.Calls = append(a.Calls, p.mustCall("CreateEndpoint", in))
		ws, wc := weightChanges(want, initialWeights(newCfg), nil)
		if len(wc) > 0 {
			a.Calls = append(a.Calls, p.weightCalls(res, wc)...)
			a.Reason += "; then its weights are set as the manifests ask"
			a.Weights = ws
		}
		p.actions = append(p.actions, a)
		return
	}
	current := l.Str("EndpointConfigName")
	liveW := liveWeights(l)
	a.Before = project(a.After, endpointView(l, res))
	if l.Str("EndpointStatus") == "Failed" { // never converged: failed.go
		a = p.replaceFailed(res, l, a, target, newCfg, want)
		if a.Blocked != "" {
			p.post[res.physical] = current
		} else if current != target {
			p.gcSuperseded(res, l, target)
		}
		p.actions = append(p.actions, a)
		return
	}
	switch {
	case !manifest.SameName(current, target):
		a.Kind = SwapConfig
		a.Changes = append(a.Changes, Change{Path: "EndpointConfigName", Before: current, After: target})
		what := "EndpointConfigName changed"
		if old := p.live[keyOf(manifest.KindEndpointConfig, current)]; old != nil && newCfg != nil {
			var cfgChanges []Change
			diff("", p.configContent(target), old.Body, &cfgChanges)
			dropNameChange(&cfgChanges, manifest.KindEndpointConfig)
			if len(cfgChanges) > 0 {
				what = changedFields(cfgChanges)
			}
			for _, c := range cfgChanges {
				c.Path = "EndpointConfig." + c.Path
				a.Changes = append(a.Changes, c)
			}
		}
		a.Reason = fmt.Sprintf("%s: new config %s, %s update of %s", what, target, strategy(res), res.physical)
		in := map[string]any{"EndpointName": res.physical, "EndpointConfigName": target}
		for _, f := range []string{"DeploymentConfig", "RetainAllVariantProperties", "ExcludeRetainedVariantProperties", "RetainDeploymentConfig"} {
			if v, ok := res.extra[f]; ok {
				in[f] = v
			}
		}
		pre, post, why, blocked := p.aroundSwap(res, l, target, in) // autoscaling.go
		swapBlocked = blocked
		if why != "" {
			a.Reason += "; " + why
		}
		a.Calls = append(a.Calls, pre...)
		a.Calls = append(a.Calls, p.mustCall("UpdateEndpoint", in))
		a.Calls = append(a.Calls, post...)
		base := initialWeights(newCfg)
		if retain, _ := res.extra["RetainAllVariantProperties"].(bool); retain {
			base = liveW
		}
		var wc []Change
		a.Weights, wc = weightChanges(want, base, liveW)
		if len(wc) > 0 {
			a.Calls = append(a.Calls, p.weightCalls(res, wc)...)
		}
		if !weightsMove(a.Weights) {
			a.Weights = nil
		} else if retain, _ := res.extra["RetainAllVariantProperties"].(bool); !retain {
			a.Reason += "; without RetainAllVariantProperties the live weights and instance counts reset to the new config's"
		}
	default:
		var wc []Change
		a.Weights, wc = weightChanges(want, liveW, liveW)
		if len(wc) > 0 {
			a.Kind = ShiftWeights
			a.Changes = append(a.Changes, wc...)
			a.Reason = "weights or instance counts changed: UpdateEndpointWeightsAndCapacities, no new config, no new fleet"
			a.Calls = append(a.Calls, p.weightCalls(res, wc)...)
		} else {
			a.Weights = nil
		}
	}
	calls, changes := p.tagCalls(res, l)
	if len(calls) > 0 {
		if a.Kind == "" {
			a.Kind, a.Reason = Tag, "tags changed"
		}
		a.Calls = append(a.Calls, calls...)
		a.Changes = append(a.Changes, changes...)
	}
	status := l.Str("EndpointStatus")
	if a.Kind == "" {
		a.Kind, a.Reason = NoOp, "matches the live endpoint"
		if status != "InService" {
			a.Reason += fmt.Sprintf(" (status %s)", status)
		}
		a.Reason += tagsNotRead(res, l)
	}
	p.scope(&a, res, l)
	if gate := statusGate(l); gate != "" && a.Kind != NoOp && a.Blocked == "" {
		a.Blocked = gate
	}
	if a.Blocked == "" && swapBlocked != "" {
		a.Blocked = swapBlocked
	}
	if a.Kind != NoOp && a.Blocked == "" && !l.TagsUnknown && OwnerOf(l.Tags, p.opt.Project) == OwnerNone && !p.opt.Adopt {
		// apply refuses to change it (its gate); say so now, so that nothing is created for it
		a.Blocked = fmt.Sprintf("endpoint %s: not changed: %s", l.Name, NotOurs(l.Tags, p.opt.Project))
	}
	if a.Blocked != "" || a.Kind == NoOp {
		p.post[manifest.NameKey(res.physical)] = current
	}
	if a.Kind == SwapConfig {
		p.recordSwap(&a, l, target, p.gcSuperseded(res, l, target))
	}
	p.wrapped(&a) // autoscaling.go
	p.actions = append(p.actions, a)
}

// statusGate says why apply will refuse to change an endpoint in its current status (a
// Failed endpoint is replaced instead: replaceFailed).
func statusGate(l *live.Resource) string {
	status := l.Str("EndpointStatus")
	switch status {
	case "InService":
		return ""
	case "Creating", "Updating", "SystemUpdating", "RollingBack":
		return fmt.Sprintf("endpoint is %s: SageMaker rejects changes to an endpoint in progress; apply will refuse. Wait until it is InService (aws sagemaker wait endpoint-in-service --endpoint-name %s) and plan again", status, l.Name)
	case "UpdateRollbackFailed":
		return "endpoint is UpdateRollbackFailed: its fleet is mixed and needs a human; apply will refuse. Inspect it in the console, fix or delete it, and plan again"
	}
	return fmt.Sprintf("endpoint is %s: apply will refuse; plan again once it is InService", status)
}

// gcSuperseded deletes, under hashed naming, the config an endpoint leaves when it
// is owned by sagectl, was made from the same manifest config, and no other endpoint
// read uses it. A config created before projects that this project's (or adopted)
// endpoint leaves is adopted first, so migrating to a project leaves nothing behind. It
// returns the name of the config it deletes, or "". The delete also removes the config's
// entry from the endpoint's ledger (cleanup.go).
func (p *planner) gcSuperseded(res *resource, l *live.Resource, target string) string {
	if p.opt.Naming != Hashed {
		return ""
	}
	oldName := l.Str("EndpointConfigName")
	k := keyOf(manifest.KindEndpointConfig, oldName)
	old := p.live[k]
	if old == nil || p.gone[k] {
		return ""
	}
	ep := OwnerOf(l.Tags, p.opt.Project)
	legacy := OwnerOf(old.Tags, p.opt.Project) == OwnerLegacy && (ep == OwnerUs || ep == OwnerLegacy)
	if !p.owns(old) && !legacy {
		return ""
	}
	if _, desired := p.desiredPhysical(manifest.KindEndpointConfig)[manifest.NameKey(oldName)]; desired {
		return ""
	}
	for ek, e := range p.live {
		if ek.kind == manifest.KindEndpoint && e != nil && ek != keyOf(manifest.KindEndpoint, res.physical) && manifest.SameName(e.Str("EndpointConfigName"), oldName) {
			return ""
		}
	}
	p.gone[k] = true
	calls := []Call{p.mustCall("DeleteEndpointConfig", map[string]any{"EndpointConfigName": oldName})}
	if l.ARN != "" {
		calls = append(calls, p.mustCall("DeleteTags", map[string]any{"ResourceArn": l.ARN, "TagKeys": []any{cleanupKey(manifest.KindEndpointConfig, oldName)}}))
	}
	a := Action{Kind: Delete, Resource: manifest.KindEndpointConfig, Name: old.Tags[TagLogicalID], PhysicalName: oldName,
		Reason: fmt.Sprintf("superseded by %s: deleted once %s uses %s (apply checks again that no endpoint uses it)", target, res.physical, target),
		Before: map[string]any{"EndpointConfigName": oldName}, Calls: calls}
	if legacy {
		p.adopt(&a, old, map[string]string{TagProject: p.opt.Project},
			fmt.Sprintf("adopted into project %s: created by sagectl before projects (no %s tag)", p.opt.Project, TagProject))
	}
	p.actions = append(p.actions, a)
	return oldName
}

// desiredPhysical returns the desired resources of kind k by manifest.NameKey of their
// physical names.
func (p *planner) desiredPhysical(k manifest.Kind) map[string]*resource {
	out := map[string]*resource{}
	for _, r := range p.desired[k] {
		out[manifest.NameKey(r.physical)] = r
	}
	return out
}

// configBody returns the body of the config an endpoint will use: the live one when
// it exists and the plan keeps it (its weights are the live config's), else the
// desired one.
func (p *planner) configBody(physical string) map[string]any {
	l := p.live[keyOf(manifest.KindEndpointConfig, physical)]
	r, desired := p.desiredPhysical(manifest.KindEndpointConfig)[manifest.NameKey(physical)]
	if desired {
		var changes []Change
		if l != nil {
			diff("", r.content(), l.Body, &changes)
		}
		if l == nil || len(changes) > 0 {
			return r.body
		}
	}
	if l != nil {
		return l.Body
	}
	return nil
}

// strategy names the deployment an UpdateEndpoint runs with the manifest's DeploymentConfig.
func strategy(res *resource) string {
	dc, _ := res.extra["DeploymentConfig"].(map[string]any)
	if _, ok := dc["RollingUpdatePolicy"]; ok {
		return "rolling"
	}
	bg, _ := dc["BlueGreenUpdatePolicy"].(map[string]any)
	tr, _ := bg["TrafficRoutingConfiguration"].(map[string]any)
	switch tr["Type"] {
	case "CANARY":
		return "blue/green (canary)"
	case "LINEAR":
		return "blue/green (linear)"
	}
	return "blue/green"
}

// endpointView is the live endpoint in the manifest's shape: name, config, the
// Desired weights and counts of the variants the manifest names, and user tags.
func endpointView(l *live.Resource, res *resource) map[string]any {
	out := map[string]any{"EndpointName": l.Name, "EndpointConfigName": l.Str("EndpointConfigName")}
	if want, ok := res.extra["DesiredWeightsAndCapacities"].([]any); ok {
		lw := liveWeights(l)
		var list []any
		for _, e := range want {
			name := variantName(e)
			if v, ok := lw[name]; ok {
				m := map[string]any{"VariantName": name}
				if v.weight != nil {
					m["DesiredWeight"] = *v.weight
				}
				if v.count != nil {
					m["DesiredInstanceCount"] = *v.count
				}
				list = append(list, m)
			}
		}
		out["DesiredWeightsAndCapacities"] = list
	}
	if res.tagsSet {
		out["Tags"] = liveView(l, true)["Tags"]
	}
	return out
}

// configContent is what a swap to the config changes, compared with the old config:
// the desired content when a manifest defines it, else the live config's request
// members (no ARN or times), without runtime weights.
func (p *planner) configContent(physical string) map[string]any {
	if r, ok := p.desiredPhysical(manifest.KindEndpointConfig)[manifest.NameKey(physical)]; ok {
		return r.content()
	}
	l := p.live[keyOf(manifest.KindEndpointConfig, physical)]
	if l == nil {
		return nil
	}
	return fleet(requestFields("CreateEndpointConfig", l.Body))
}
