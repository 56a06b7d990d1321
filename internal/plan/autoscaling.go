package plan

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// The documents that shape the autoscaling plan, cited in reasons.
const (
	// docAutoscaledUpdate: an UpdateEndpoint that changes the instance type of, or removes,
	// a variant that is a scalable target fails until its policies are deleted and the
	// target deregistered; register it again after the update.
	docAutoscaledUpdate = "https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html"
	// issueRetain: without RetainAllVariantProperties an update resets autoscaled counts.
	issueRetain = "https://github.com/hashicorp/terraform-provider-aws/issues/48990"
)

// plannedKinds are the kinds Build plans, in graph order: SageMaker's (an endpoint's
// inference components after it), then scalable targets and, after them, their scaling
// policies and scheduled actions.
var plannedKinds = []manifest.Kind{manifest.KindModel, manifest.KindEndpointConfig, manifest.KindEndpoint, manifest.KindInferenceComponent,
	manifest.KindScalableTarget, manifest.KindScalingPolicy, manifest.KindScheduledAction}

// childKinds are the kinds that belong to a scalable target (named per target: a live
// name is live.ChildKey), with the calls that put and delete one.
var childKinds = []manifest.Kind{manifest.KindScalingPolicy, manifest.KindScheduledAction}

// childOps are the put and delete operations of a childKinds resource, and what it is
// called in messages.
var childOps = map[manifest.Kind]struct{ put, del, noun string }{
	manifest.KindScalingPolicy:   {"PutScalingPolicy", "DeleteScalingPolicy", "scaling policy"},
	manifest.KindScheduledAction: {"PutScheduledAction", "DeleteScheduledAction", "scheduled action"},
}

// autoscaled reports whether the manifests declare scalable targets, scaling policies
// or scheduled actions.
func (p *planner) autoscaled() bool {
	n := len(p.desired[manifest.KindScalableTarget])
	for _, k := range childKinds {
		n += len(p.desired[k])
	}
	return n > 0
}

// physicalOf returns the live name of a desired autoscaling resource: a target's
// ResourceId, a policy's or scheduled action's live.ChildKey.
func physicalOf(res *resource) string {
	id, _ := res.body["ResourceId"].(string)
	return live.ChildKey(res.kind, id, res.name)
}

// readTargets reads the scalable targets of the variants of the live configs of the
// desired endpoints (SageMaker's autoscaled-update rule applies to them whether or not a
// manifest declares them) and the policies and scheduled actions of those that exist:
// of every desired endpoint when the manifests declare autoscaling, and otherwise of the
// endpoints whose update changes a variant's instance type or removes a variant (and the
// copy-count target of every live inference component of the manifests), the
// updates the rule is about, so an endpoint autoscaled outside the manifests is planned
// around too (and its targets restored as they were) instead of failing at apply.
func (p *planner) readTargets(ctx context.Context) error {
	var keys []key
	for _, res := range p.desired[manifest.KindEndpoint] {
		if !p.autoscaled() && !p.movesVariants(res) {
			continue
		}
		for _, v := range p.liveVariants(res.physical) {
			keys = append(keys, key{manifest.KindScalableTarget, targetOfVariant(res.physical, v)})
		}
	}
	for _, res := range p.desired[manifest.KindInferenceComponent] {
		// a live copy-count target sets the copy count, declared or not (copiesScaled)
		if p.live[keyOf(manifest.KindInferenceComponent, res.physical)] != nil {
			keys = append(keys, key{manifest.KindScalableTarget, "inference-component/" + res.physical})
		}
	}
	if err := p.fetch(ctx, keys); err != nil {
		return err
	}
	targets := map[string]bool{}
	for k, l := range p.live {
		if k.kind == manifest.KindScalableTarget && l != nil {
			targets[manifest.NameKey(l.Name)] = true
		}
	}
	if len(targets) == 0 {
		return nil
	}
	keys = nil
	for _, k := range childKinds {
		names, err := p.r.List(ctx, k)
		if err != nil {
			return err
		}
		for _, n := range names {
			if id, _, ok := live.SplitChildKey(k, n); ok && targets[manifest.NameKey(id)] {
				keys = append(keys, key{k, n})
			}
		}
	}
	return p.fetch(ctx, keys)
}

// movesVariants reports whether the live endpoint of res moves to another config that
// changes the instance type of one of its variants or removes one.
func (p *planner) movesVariants(res *resource) bool {
	l := p.live[keyOf(manifest.KindEndpoint, res.physical)]
	target, _ := res.body["EndpointConfigName"].(string)
	if l == nil || manifest.SameName(l.Str("EndpointConfigName"), target) {
		return false
	}
	old := p.live[keyOf(manifest.KindEndpointConfig, l.Str("EndpointConfigName"))]
	if old == nil {
		return false
	}
	newTypes := instanceTypes(p.configBody(target))
	for v, t := range instanceTypes(old.Body) {
		if nt, kept := newTypes[v]; !kept || nt != t {
			return true
		}
	}
	return false
}

// liveVariants returns the variant names of the config the live endpoint uses (of
// the endpoint's own description when that config cannot be read).
func (p *planner) liveVariants(endpoint string) []string {
	l := p.live[keyOf(manifest.KindEndpoint, endpoint)]
	if l == nil {
		return nil
	}
	body := l.Body
	if c := p.live[keyOf(manifest.KindEndpointConfig, l.Str("EndpointConfigName"))]; c != nil {
		body = c.Body
	}
	var out []string
	vs, _ := body["ProductionVariants"].([]any)
	for _, v := range vs {
		if n := variantName(v); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// instanceTypes returns a config body's variants → InstanceType ("" for serverless).
func instanceTypes(body map[string]any) map[string]string {
	out := map[string]string{}
	vs, _ := body["ProductionVariants"].([]any)
	for _, v := range vs {
		m, _ := v.(map[string]any)
		t, _ := m["InstanceType"].(string)
		out[manifest.NameKey(variantName(v))] = t
	}
	return out
}

// liveTargetsOf returns the live scalable targets of the variants of endpoint, by variant.
func (p *planner) liveTargetsOf(endpoint string) map[string]*live.Resource {
	out := map[string]*live.Resource{}
	for _, v := range p.liveVariants(endpoint) {
		if l := p.live[keyOf(manifest.KindScalableTarget, targetOfVariant(endpoint, v))]; l != nil {
			out[v] = l
		}
	}
	return out
}

// liveChildrenOf returns the live policies or scheduled actions (kind) of the target
// resourceID, sorted by name.
func (p *planner) liveChildrenOf(kind manifest.Kind, resourceID string) []*live.Resource {
	var out []*live.Resource
	for k, l := range p.live {
		if k.kind != kind || l == nil {
			continue
		}
		if id, _, ok := live.SplitChildKey(kind, l.Name); ok && manifest.SameName(id, resourceID) {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// desiredChildrenOf returns the desired policies or scheduled actions (kind) of the
// target resourceID, sorted.
func (p *planner) desiredChildrenOf(kind manifest.Kind, resourceID string) []*resource {
	var out []*resource
	for _, r := range p.desired[kind] {
		if id, _ := r.body["ResourceId"].(string); manifest.SameName(id, resourceID) {
			out = append(out, r)
		}
	}
	return out
}

// dropAutoscaledCounts removes from want the instance counts of the endpoint's
// autoscaled variants (a live or a desired scalable target): the autoscaler sets them,
// so they are neither drift nor something the plan should fight.
func (p *planner) dropAutoscaledCounts(endpoint string, want map[string]variantState) {
	for v, s := range want {
		id := targetOfVariant(endpoint, v)
		_, desired := p.byName[manifest.KindScalableTarget][manifest.NameKey(id)]
		if s.count != nil && (desired || p.live[keyOf(manifest.KindScalableTarget, id)] != nil) {
			s.count = nil
			want[v] = s
		}
	}
}

// aroundSwap returns the calls that surround the UpdateEndpoint moving endpoint res from
// its live config to target: for every autoscaled variant whose instance type changes,
// or that the new config removes, DeleteScalingPolicy for its live policies and
// DeregisterScalableTarget before, and after the verified update RegisterScalableTarget
// and PutScalingPolicy again (docAutoscaledUpdate). It sets RetainAllVariantProperties in
// in, unless the manifest sets it, when any variant is autoscaled, so the update keeps the
// autoscaled counts (issueRetain). blocked is set when a target that must be
// deregistered is not this project's.
func (p *planner) aroundSwap(res *resource, l *live.Resource, target string, in map[string]any) (before, after []Call, reason, blocked string) {
	targets := p.liveTargetsOf(res.physical)
	if len(targets) == 0 {
		return nil, nil, "", ""
	}
	if _, set := res.extra["RetainAllVariantProperties"]; !set {
		in["RetainAllVariantProperties"] = true
		res.extra["RetainAllVariantProperties"] = true // the weights after the swap are the live ones
		reason = fmt.Sprintf("RetainAllVariantProperties keeps the autoscaled instance counts (%s)", issueRetain)
	}
	oldTypes := map[string]string{}
	if c := p.live[keyOf(manifest.KindEndpointConfig, l.Str("EndpointConfigName"))]; c != nil {
		oldTypes = instanceTypes(c.Body)
	}
	newTypes := instanceTypes(p.configBody(target))
	variants := make([]string, 0, len(targets))
	for v := range targets {
		variants = append(variants, v)
	}
	sort.Strings(variants)
	var moved []string
	scheduled := false
	for _, v := range variants {
		lt := targets[v]
		newType, kept := newTypes[manifest.NameKey(v)]
		oldType, known := oldTypes[manifest.NameKey(v)]
		if kept && known && newType == oldType {
			continue // nothing around updates that keep the type
		}
		if lt.TagsUnknown || !p.owns(lt) {
			why := "its tags were not read"
			if !lt.TagsUnknown {
				why = NotOurs(lt.Tags, p.opt.Project)
			}
			blocked = fmt.Sprintf("endpoint %s: not updated: variant %s is the scalable target %s, which must be deregistered before an update that changes its instance type or removes it (%s), and it is not this project's to deregister: %s",
				res.physical, v, lt.Name, docAutoscaledUpdate, why)
			return nil, nil, "", blocked
		}
		for _, k := range childKinds {
			for _, c := range p.liveChildrenOf(k, lt.Name) {
				_, name, _ := live.SplitChildKey(k, c.Name)
				before = append(before, p.mustCall(childOps[k].del, map[string]any{k.NameField(): name,
					"ServiceNamespace": lt.Str("ServiceNamespace"), "ResourceId": lt.Name, "ScalableDimension": lt.Str("ScalableDimension")}))
				scheduled = scheduled || k == manifest.KindScheduledAction
			}
		}
		before = append(before, p.mustCall("DeregisterScalableTarget", map[string]any{
			"ServiceNamespace": lt.Str("ServiceNamespace"), "ResourceId": lt.Name, "ScalableDimension": lt.Str("ScalableDimension")}))
		moved = append(moved, v)
		if !kept {
			continue // the variant is gone: nothing to register again
		}
		after = append(after, p.reRegister(lt)...)
		p.wrapping = append(p.wrapping, manifest.NameKey(lt.Name))
	}
	if len(moved) > 0 {
		what := "scaling policies are"
		if scheduled {
			what = "scaling policies and scheduled actions are"
		}
		reason = joinReason(reason, fmt.Sprintf("autoscaled variant(s) %s change instance type or go: their %s deleted and targets deregistered before the update, registered again once it is verified (%s)",
			strings.Join(moved, ", "), what, docAutoscaledUpdate))
	}
	return before, after, reason, ""
}

// reRegister returns the calls that register the live target lt again after an update,
// with its policies and scheduled actions: as the manifests declare them, or, for this
// project's target that no manifest declares, as they were.
func (p *planner) reRegister(lt *live.Resource) []Call {
	var out []Call
	if dt, ok := p.byName[manifest.KindScalableTarget][manifest.NameKey(lt.Name)]; ok {
		out = append(out, p.mustCall("RegisterScalableTarget", registerInput(dt, true)))
		p.wrapChange(manifest.KindScalableTarget, lt.Name, dt.body, lt.Body)
		for _, k := range childKinds {
			for _, dc := range p.desiredChildrenOf(k, lt.Name) {
				out = append(out, p.mustCall(childOps[k].put, dc.body))
				var have map[string]any
				if l := p.live[keyOf(k, dc.physical)]; l != nil {
					have = l.Body
				}
				p.wrapChange(k, dc.name, dc.body, have)
			}
		}
		return out
	}
	out = append(out, p.mustCall("RegisterScalableTarget", requestFields("RegisterScalableTarget", lt.Body)))
	for _, k := range childKinds {
		for _, c := range p.liveChildrenOf(k, lt.Name) {
			out = append(out, p.mustCall(childOps[k].put, requestFields(childOps[k].put, c.Body)))
		}
	}
	return out
}

// wrapChange records what the re-registration of an update changes in the target or
// child kind/name (want against the live have), for the endpoint's action to show: the
// target's and children's own actions are no-ops then.
func (p *planner) wrapChange(kind manifest.Kind, name string, want, have map[string]any) {
	var cs []Change
	diff("", want, have, &cs)
	for _, c := range cs {
		c.Path = fmt.Sprintf("%s[%s].%s", kind, name, c.Path)
		p.wrapChanges = append(p.wrapChanges, c)
	}
}

// wrapped records, once the endpoint's action is planned, that its update re-registers
// the targets aroundSwap wrapped, unless the action is blocked: a blocked update leaves
// them to their own actions.
func (p *planner) wrapped(a *Action) {
	if a.Blocked == "" {
		for _, id := range p.wrapping {
			p.rewrapped[id] = a.PhysicalName
		}
		a.Changes = append(a.Changes, p.wrapChanges...)
	}
	p.wrapping, p.wrapChanges = nil, nil
}

// registerInput is the RegisterScalableTarget request of a desired target; withTags adds
// the manifest's tags (a new registration: the API refuses tags on an existing target).
func registerInput(res *resource, withTags bool) map[string]any {
	in := map[string]any{}
	for k, v := range res.body {
		in[k] = v
	}
	if withTags && len(res.tags) > 0 {
		tags := map[string]any{}
		for k, v := range res.tags {
			tags[k] = v
		}
		in["Tags"] = tags
	}
	return in
}

// planTarget plans one scalable target: register it, register it again in place when
// Min/Max (or another member) changed, or nothing; and nothing when an endpoint's update
// re-registers it (aroundSwap).
func (p *planner) planTarget(res *resource) {
	p.cur = res
	l := p.live[keyOf(manifest.KindScalableTarget, res.physical)]
	a := Action{Resource: manifest.KindScalableTarget, Name: res.name, PhysicalName: res.physical, After: res.after()}
	if l != nil {
		a.Before = project(a.After, liveView(l, res.tagsSet))
	}
	ep := EndpointOfTarget(res.physical)
	if by, ok := p.rewrapped[manifest.NameKey(res.physical)]; ok {
		a.Kind, a.Reason = NoOp, fmt.Sprintf("deregistered and registered again by the update of endpoint %s", by)
		p.actions = append(p.actions, a)
		return
	}
	if l == nil {
		a.Kind = Create
		a.Reason = fmt.Sprintf("scalable target %s is not registered: registered once endpoint %s is InService", res.physical, ep)
		a.Calls = []Call{p.mustCall("RegisterScalableTarget", registerInput(res, true))}
		a.Blocked = p.endpointNotReady(ep)
		p.actions = append(p.actions, a)
		return
	}
	var changes []Change
	diff("", res.body, l.Body, &changes)
	tagCalls, tagChanges := p.tagCalls(res, l)
	switch {
	case len(changes) > 0:
		a.Kind, a.Changes = Update, append(changes, tagChanges...)
		a.Reason = changedFields(changes) + ": RegisterScalableTarget updates the target in place"
		a.Calls = append([]Call{p.mustCall("RegisterScalableTarget", registerInput(res, false))}, tagCalls...)
	case len(tagCalls) > 0:
		a.Kind, a.Changes, a.Calls = Tag, tagChanges, tagCalls
		a.Reason = "tags changed: TagResource and UntagResource change them in place"
	default:
		a.Kind, a.Reason = NoOp, "matches the live scalable target"+tagsNotRead(res, l)
	}
	if a.Kind != NoOp && (l.TagsUnknown || !p.owns(l)) {
		why := "its tags were not read"
		if !l.TagsUnknown {
			why = NotOurs(l.Tags, p.opt.Project)
		}
		a.Blocked = fmt.Sprintf("scalable target %s: not changed: %s", res.physical, why)
	}
	p.actions = append(p.actions, a)
}

// endpointNotReady says why a target of endpoint cannot be registered by this plan: the
// endpoint neither exists nor is created by it, or exists and is not InService; "" if it can.
func (p *planner) endpointNotReady(endpoint string) string {
	if _, desired := p.byName[manifest.KindEndpoint][manifest.NameKey(endpoint)]; desired {
		if l := p.live[keyOf(manifest.KindEndpoint, endpoint)]; l != nil && l.Str("EndpointStatus") != "InService" && l.Str("EndpointStatus") != "Failed" {
			return fmt.Sprintf("endpoint %s is %s: register its scalable target once it is InService: plan again then", endpoint, l.Str("EndpointStatus"))
		}
		return "" // created, or updated, by this plan first (depends.go), and apply waits for InService
	}
	return fmt.Sprintf("endpoint %s is in no manifest: sagectl registers scalable targets of the endpoints it deploys", endpoint)
}

// planChild plans one scaling policy or scheduled action: put it when absent or changed
// (PutScalingPolicy and PutScheduledAction create and update), after its target; nothing
// when an endpoint's update puts it again.
func (p *planner) planChild(res *resource) {
	p.cur = res
	ops := childOps[res.kind]
	id, _ := res.body["ResourceId"].(string)
	l := p.live[keyOf(res.kind, res.physical)]
	a := Action{Resource: res.kind, Name: res.name, PhysicalName: res.physical, After: res.after()}
	if l != nil {
		a.Before = project(a.After, liveView(l, false))
	}
	if by, ok := p.rewrapped[manifest.NameKey(id)]; ok {
		a.Kind, a.Reason = NoOp, fmt.Sprintf("deleted and put again by the update of endpoint %s", by)
		p.actions = append(p.actions, a)
		return
	}
	if l == nil {
		a.Kind, a.Reason = Create, fmt.Sprintf("%s %s of %s does not exist: put once its target is registered", ops.noun, res.name, id)
	} else {
		var changes []Change
		diff("", res.body, l.Body, &changes)
		if len(changes) == 0 {
			a.Kind, a.Reason = NoOp, "matches the live "+ops.noun
			p.actions = append(p.actions, a)
			return
		}
		a.Kind, a.Changes = Update, changes
		a.Reason = changedFields(changes) + ": one " + ops.put + " updates it"
	}
	a.Calls = []Call{p.mustCall(ops.put, res.body)}
	if lt := p.live[keyOf(manifest.KindScalableTarget, id)]; lt != nil && (lt.TagsUnknown || !p.owns(lt)) {
		why := "its tags were not read"
		if !lt.TagsUnknown {
			why = NotOurs(lt.Tags, p.opt.Project)
		}
		a.Blocked = fmt.Sprintf("%s %s: not changed: its scalable target %s is not this project's: %s", ops.noun, res.name, id, why)
	}
	p.actions = append(p.actions, a)
}
