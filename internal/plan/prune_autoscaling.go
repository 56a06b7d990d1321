package plan

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// pruneAutoscaling plans, with Prune, what planDeletes does for Application Auto Scaling:
// every scalable target of this project that no manifest declares is deregistered (which
// deletes its policies and scheduled actions,
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html),
// before any endpoint is deleted: DeleteEndpoint deregisters an endpoint's targets itself
// only when the caller may (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html).
// A policy or scheduled action no manifest declares, on a target that stays and is this
// project's, is deleted. Policies and scheduled actions have no tags: their target's decide.
func (p *planner) pruneAutoscaling() {
	targets := p.desiredPhysical(manifest.KindScalableTarget)
	for _, lk := range p.liveKeys(manifest.KindScalableTarget) {
		l := p.live[lk]
		switch {
		case targets[lk.name] != nil:
		case p.owns(l):
			p.gone[lk] = true
			p.actions = append(p.actions, p.pruneAction(manifest.KindScalableTarget, l.Name, p.mustCall("DeregisterScalableTarget", targetFields(l))))
		default:
			p.unmanaged = append(p.unmanaged, Resource{Kind: manifest.KindScalableTarget, Name: l.Name, Owner: ownerLabel(l, p.opt.Project)})
		}
	}
	for _, k := range childKinds {
		desired := p.desiredPhysical(k)
		for _, lk := range p.liveKeys(k) {
			l := p.live[lk]
			id, name, _ := live.SplitChildKey(k, l.Name)
			target := p.live[keyOf(manifest.KindScalableTarget, id)]
			switch {
			case desired[lk.name] != nil, p.gone[keyOf(manifest.KindScalableTarget, id)]:
			case target != nil && p.owns(target):
				in := targetFields(target)
				in[k.NameField()] = name
				p.actions = append(p.actions, p.pruneAction(k, l.Name, p.mustCall(childOps[k].del, in)))
			default:
				p.unmanaged = append(p.unmanaged, Resource{Kind: k, Name: l.Name, Owner: ownerLabelOf(target, p.opt.Project)})
			}
		}
	}
}

// pruneAction is the --prune delete action of the autoscaling resource name (its live name).
func (p *planner) pruneAction(k manifest.Kind, name string, call Call) Action {
	return Action{Kind: Delete, Resource: k, Name: name, PhysicalName: name,
		Reason: fmt.Sprintf("owned by %s and no manifest declares it (--prune)", p.ownerWords()),
		Before: map[string]any{"ResourceId": p.live[keyOf(k, name)].Str("ResourceId")}, Calls: []Call{call}}
}

// ownerWords names who owns what this run plans: "sagectl" or "project NAME".
func (p *planner) ownerWords() string {
	if p.opt.Project != "" {
		return "project " + p.opt.Project
	}
	return "sagectl"
}

// targetFields are the members that identify the live target l in a request.
func targetFields(l *live.Resource) map[string]any {
	return map[string]any{"ServiceNamespace": l.Str("ServiceNamespace"), "ResourceId": l.Name, "ScalableDimension": l.Str("ScalableDimension")}
}

// ownerLabelOf is ownerLabel for a policy's or scheduled action's target (nil: not read).
func ownerLabelOf(target *live.Resource, project string) string {
	if target == nil {
		return ""
	}
	return ownerLabel(target, project)
}

// foreignTargets names the live scalable targets of endpoint that are not this project's
// and stay registered: deleting the endpoint would deregister them, or leave them behind.
func (p *planner) foreignTargets(endpoint string) []string {
	var out []string
	for _, lk := range p.liveKeys(manifest.KindScalableTarget) {
		l := p.live[lk]
		if !p.gone[lk] && manifest.SameName(EndpointOfTarget(l.Name), endpoint) && !p.owns(l) {
			out = append(out, l.Name)
		}
	}
	return out
}
