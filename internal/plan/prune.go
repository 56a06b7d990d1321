package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
)

// planDeletes plans, with Prune, the deletion of every owned resource no manifest
// names: inference components first, then endpoints no remaining component uses, then configs no remaining endpoint uses, then models no
// remaining config uses. Resources not the project's (untagged, another project's, or
// legacy ones without a project tag) are never touched.
func (p *planner) planDeletes() {
	if !p.opt.Prune {
		return
	}
	p.pruneAutoscaling() // prune_autoscaling.go
	for _, k := range []manifest.Kind{manifest.KindInferenceComponent, manifest.KindEndpoint, manifest.KindEndpointConfig, manifest.KindModel} {
		desired := p.desiredPhysical(k)
		for _, lk := range p.liveKeys(k) {
			switch {
			case desired[lk.name] != nil || p.gone[lk]:
			case p.owns(p.live[lk]):
				p.planDelete(k, p.live[lk].Name)
			default:
				p.unmanaged = append(p.unmanaged, Resource{Kind: k, Name: p.live[lk].Name, Owner: ownerLabel(p.live[lk], p.opt.Project)})
			}
		}
	}
}

func (p *planner) planDelete(k manifest.Kind, name string) {
	l := p.live[keyOf(k, name)]
	owner := p.ownerWords()
	a := Action{Kind: Delete, Resource: k, Name: name, PhysicalName: name,
		Reason: fmt.Sprintf("owned by %s and no manifest names it (--prune)", owner),
		Before: map[string]any{k.NameField(): name}}
	if logical := l.Tags[TagLogicalID]; logical != "" {
		a.Name = logical
	}
	if user := p.usedBy(k, name); user != "" {
		a.Kind, a.Reason = NoOp, fmt.Sprintf("owned by %s and no manifest names it, but kept: %s still uses it", owner, user)
		p.actions = append(p.actions, a)
		return
	}
	if s := l.Str("InferenceComponentStatus"); k == manifest.KindInferenceComponent && s != "InService" && s != "Failed" {
		a.Blocked = componentGate(l) // SageMaker deletes an InService or Failed component only
	}
	if k == manifest.KindEndpoint {
		if status := l.Str("EndpointStatus"); status != "InService" && status != "Failed" && status != "OutOfService" {
			a.Blocked = fmt.Sprintf("endpoint is %s: SageMaker rejects deleting it now; apply will refuse. Plan again once it is InService or Failed", status)
		}
		if foreign := p.foreignTargets(name); len(foreign) > 0 {
			a.Blocked = fmt.Sprintf("endpoint %s is scaled by the scalable target(s) %s, which are not this project's: deleting the endpoint would deregister them (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html); their owner deregisters them first",
				name, strings.Join(foreign, ", "))
		}
		p.post[manifest.NameKey(name)] = ""
	}
	p.gone[keyOf(k, name)] = true
	a.Calls = []Call{p.mustCall("Delete"+string(k), map[string]any{k.NameField(): name})}
	p.actions = append(p.actions, a)
}

// usedBy names a resource that still uses the config or model after the plan, or "".
func (p *planner) usedBy(k manifest.Kind, name string) string {
	if user := p.componentUser(k, name); user != "" { // inference_component.go
		return user
	}
	switch k {
	case manifest.KindEndpointConfig:
		for _, ep := range sortedKeys(p.post) {
			if manifest.SameName(p.post[ep], name) {
				return "endpoint " + p.endpointName(ep)
			}
		}
		for _, lk := range p.liveKeys(manifest.KindEndpoint) {
			if _, planned := p.post[lk.name]; !planned && manifest.SameName(p.live[lk].Str("EndpointConfigName"), name) {
				return "endpoint " + p.live[lk].Name
			}
		}
	case manifest.KindModel:
		for _, r := range p.desired[manifest.KindEndpointConfig] {
			if usesModel(r.body, name) {
				return "endpoint config " + r.physical
			}
		}
		for _, lk := range p.liveKeys(manifest.KindEndpointConfig) {
			if !p.gone[lk] && usesModel(p.live[lk].Body, name) {
				return "endpoint config " + p.live[lk].Name
			}
		}
	}
	return ""
}

func usesModel(cfg map[string]any, model string) bool {
	for _, list := range []string{"ProductionVariants", "ShadowProductionVariants"} {
		vs, _ := cfg[list].([]any)
		for _, v := range vs {
			m, _ := v.(map[string]any)
			if n, ok := m["ModelName"].(string); ok && manifest.SameName(n, model) {
				return true
			}
		}
	}
	return false
}

// endpointName spells the endpoint with post key ep as a manifest or the live side does.
func (p *planner) endpointName(ep string) string {
	if r, ok := p.desiredPhysical(manifest.KindEndpoint)[ep]; ok {
		return r.physical
	}
	if l := p.live[key{manifest.KindEndpoint, ep}]; l != nil {
		return l.Name
	}
	return ep
}

// liveKeys returns the keys of the existing live resources of kind k, sorted by name.
func (p *planner) liveKeys(k manifest.Kind) []key {
	var out []key
	for lk, l := range p.live {
		if lk.kind == k && l != nil {
			out = append(out, lk)
		}
	}
	sort.Slice(out, func(i, j int) bool { return p.live[out[i]].Name < p.live[out[j]].Name })
	return out
}
