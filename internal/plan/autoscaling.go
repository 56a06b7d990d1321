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
	docAutoscaledUpdate = "https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-update.html"
	// issueRetain: without RetainAllVariantProperties an update resets autoscaled counts.
	issueRetain = "https://github.com/hashicorp/terraform-provider-aws/issues/48990"
)

// plannedKinds are the kinds Build plans, in graph order: SageMaker's (an endpoint's
// inference components after it), then scalable targets and their scaling policies.
// ScheduledAction is linted only (refuseAutoscaling).
var plannedKinds = []manifest.Kind{manifest.KindModel, manifest.KindEndpointConfig, manifest.KindEndpoint, manifest.KindInferenceComponent,
	manifest.KindScalableTarget, manifest.KindScalingPolicy}

// refuseAutoscaling fails the plan when the manifests declare Application Auto Scaling
// resources: sagectl lints them but apply cannot run their calls yet (the executor's call
// table and the saved plan's staleness check do not know Application Auto Scaling), and a
// plan that silently left them out would deploy an endpoint without the autoscaling its
// manifests ask for. The planner below is complete for targets and policies and is tested
// through buildAutoscaling; Build uses it once apply can run what it plans.
func refuseAutoscaling(set *manifest.Set) error {
	for _, d := range set.Docs {
		if d.Kind.Autoscaling() {
			return fmt.Errorf("%s:%d:%d: %s %q: sagectl lints %s documents but cannot plan or apply them yet: "+
				"register it with `aws application-autoscaling` after the endpoint is InService, and leave this file out of the paths given to plan and apply",
				d.File.Path, d.Body.Line, d.Body.Column, d.Kind, d.Name(), d.Kind)
		}
	}
	return nil
}

// refuseScheduled fails the plan when the manifests declare a ScheduledAction, which the
// planner does not plan yet.
func refuseScheduled(set *manifest.Set) error {
	for _, d := range set.Docs {
		if d.Kind == manifest.KindScheduledAction {
			return fmt.Errorf("%s:%d:%d: ScheduledAction %q: sagectl lints ScheduledAction documents but cannot plan them yet: "+
				"put it with `aws application-autoscaling put-scheduled-action`, and leave this file out of the paths given to plan",
				d.File.Path, d.Body.Line, d.Body.Column, d.Name())
		}
	}
	return nil
}

// autoscaled reports whether the manifests declare scalable targets or policies.
func (p *planner) autoscaled() bool {
	return len(p.desired[manifest.KindScalableTarget])+len(p.desired[manifest.KindScalingPolicy]) > 0
}

// physicalOf returns the live name of a desired autoscaling resource: a target's
// ResourceId, a policy's live.PolicyKey.
func physicalOf(res *resource) string {
	if res.kind == manifest.KindScalingPolicy {
		id, _ := res.body["ResourceId"].(string)
		return live.PolicyKey(id, res.name)
	}
	return res.name
}

// readTargets reads, when the manifests declare autoscaling, the scalable targets of
// every variant of the live configs of the desired endpoints (SageMaker's autoscaled-
// update rule applies to them whether or not a manifest declares them) and the
// policies of those that exist. Without autoscaling manifests nothing is read: an
// endpoint autoscaled outside the manifests then fails its UpdateEndpoint with
// SageMaker's error, and is left as it was.
func (p *planner) readTargets(ctx context.Context) error {
	if !p.autoscaled() {
		return nil
	}
	var keys []key
	for _, res := range p.desired[manifest.KindEndpoint] {
		for _, v := range p.liveVariants(res.physical) {
			keys = append(keys, key{manifest.KindScalableTarget, targetOfVariant(res.physical, v)})
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
	names, err := p.r.List(ctx, manifest.KindScalingPolicy)
	if err != nil {
		return err
	}
	keys = nil
	for _, n := range names {
		if id, _, ok := live.SplitPolicyKey(n); ok && targets[manifest.NameKey(id)] {
			keys = append(keys, key{manifest.KindScalingPolicy, n})
		}
	}
	return p.fetch(ctx, keys)
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

// livePoliciesOf returns the live policies of the target resourceID, sorted by name.
func (p *planner) livePoliciesOf(resourceID string) []*live.Resource {
	var out []*live.Resource
	for k, l := range p.live {
		if k.kind != manifest.KindScalingPolicy || l == nil {
			continue
		}
		if id, _, ok := live.SplitPolicyKey(l.Name); ok && manifest.SameName(id, resourceID) {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// desiredPoliciesOf returns the desired policies of the target resourceID, sorted.
func (p *planner) desiredPoliciesOf(resourceID string) []*resource {
	var out []*resource
	for _, r := range p.desired[manifest.KindScalingPolicy] {
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
		for _, pol := range p.livePoliciesOf(lt.Name) {
			_, name, _ := live.SplitPolicyKey(pol.Name)
			before = append(before, p.mustCall("DeleteScalingPolicy", map[string]any{"PolicyName": name,
				"ServiceNamespace": lt.Str("ServiceNamespace"), "ResourceId": lt.Name, "ScalableDimension": lt.Str("ScalableDimension")}))
		}
		before = append(before, p.mustCall("DeregisterScalableTarget", map[string]any{
			"ServiceNamespace": lt.Str("ServiceNamespace"), "ResourceId": lt.Name, "ScalableDimension": lt.Str("ScalableDimension")}))
		moved = append(moved, v)
		if !kept {
			continue // the variant is gone: nothing to register again
		}
		if dt, ok := p.byName[manifest.KindScalableTarget][manifest.NameKey(lt.Name)]; ok {
			after = append(after, p.mustCall("RegisterScalableTarget", registerInput(dt, true)))
			for _, dp := range p.desiredPoliciesOf(lt.Name) {
				after = append(after, p.mustCall("PutScalingPolicy", dp.body))
			}
		} else {
			// this project's target no manifest declares: restored as it was
			after = append(after, p.mustCall("RegisterScalableTarget", requestFields("RegisterScalableTarget", lt.Body)))
			for _, pol := range p.livePoliciesOf(lt.Name) {
				after = append(after, p.mustCall("PutScalingPolicy", requestFields("PutScalingPolicy", pol.Body)))
			}
		}
		p.wrapping = append(p.wrapping, manifest.NameKey(lt.Name))
	}
	if len(moved) > 0 {
		reason = joinReason(reason, fmt.Sprintf("autoscaled variant(s) %s change instance type or go: their scaling policies are deleted and targets deregistered before the update, registered again once it is verified (%s)",
			strings.Join(moved, ", "), docAutoscaledUpdate))
	}
	return before, after, reason, ""
}

// wrapped records, once the endpoint's action is planned, that its update re-registers
// the targets aroundSwap wrapped, unless the action is blocked: a blocked update leaves
// them to their own actions.
func (p *planner) wrapped(a *Action) {
	if a.Blocked == "" {
		for _, id := range p.wrapping {
			p.rewrapped[id] = a.PhysicalName
		}
	}
	p.wrapping = nil
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
	if len(changes) > 0 {
		a.Kind, a.Changes = Update, changes
		a.Reason = changedFields(changes) + ": RegisterScalableTarget updates the target in place"
		a.Calls = []Call{p.mustCall("RegisterScalableTarget", registerInput(res, false))}
		if l.TagsUnknown || !p.owns(l) {
			why := "its tags were not read"
			if !l.TagsUnknown {
				why = NotOurs(l.Tags, p.opt.Project)
			}
			a.Blocked = fmt.Sprintf("scalable target %s: not changed: %s", res.physical, why)
		}
	} else {
		a.Kind, a.Reason = NoOp, "matches the live scalable target"
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

// planPolicy plans one scaling policy: put it when absent or changed (PutScalingPolicy
// creates and updates), after its target; nothing when an endpoint's update puts it again.
func (p *planner) planPolicy(res *resource) {
	p.cur = res
	id, _ := res.body["ResourceId"].(string)
	l := p.live[keyOf(manifest.KindScalingPolicy, res.physical)]
	a := Action{Resource: manifest.KindScalingPolicy, Name: res.name, PhysicalName: res.physical, After: res.after()}
	if l != nil {
		a.Before = project(a.After, liveView(l, false))
	}
	if by, ok := p.rewrapped[manifest.NameKey(id)]; ok {
		a.Kind, a.Reason = NoOp, fmt.Sprintf("deleted and put again by the update of endpoint %s", by)
		p.actions = append(p.actions, a)
		return
	}
	if l == nil {
		a.Kind, a.Reason = Create, fmt.Sprintf("scaling policy %s of %s does not exist: put once its target is registered", res.name, id)
	} else {
		var changes []Change
		diff("", res.body, l.Body, &changes)
		if len(changes) == 0 {
			a.Kind, a.Reason = NoOp, "matches the live scaling policy"
			p.actions = append(p.actions, a)
			return
		}
		a.Kind, a.Changes = Update, changes
		a.Reason = changedFields(changes) + ": one PutScalingPolicy updates it"
	}
	a.Calls = []Call{p.mustCall("PutScalingPolicy", res.body)}
	if lt := p.live[keyOf(manifest.KindScalableTarget, id)]; lt != nil && (lt.TagsUnknown || !p.owns(lt)) {
		why := "its tags were not read"
		if !lt.TagsUnknown {
			why = NotOurs(lt.Tags, p.opt.Project)
		}
		a.Blocked = fmt.Sprintf("scaling policy %s: not changed: its scalable target %s is not this project's: %s", res.name, id, why)
	}
	p.actions = append(p.actions, a)
}
