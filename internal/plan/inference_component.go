package plan

import (
	"fmt"
	"maps"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// componentOnly are the InferenceComponent manifest fields that shape the update call,
// not the component: DescribeInferenceComponent returns the last one applied
// (LastDeploymentConfig), never the next, so they are never diffed.
var componentOnly = []string{"DeploymentConfig"}

// docCopyCount: a scalable target of an inference component's copy count
// (sagemaker:inference-component:DesiredCopyCount) sets DesiredCopyCount itself.
const docCopyCount = "https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-sagemaker.html"

// planComponent plans an InferenceComponent with the cheapest call that brings the live
// one to the manifest: CreateInferenceComponent when it does not exist; when only the
// copy count differs, one UpdateInferenceComponentRuntimeConfig; when the specification
// differs, one UpdateInferenceComponent (a rolling update of the copies, with the copy
// count and the manifest's DeploymentConfig in the same call); a component the manifest
// moves to another endpoint or variant is deleted and created again. A copy count that a
// scalable target (of the manifests, or live) scales is the autoscaler's: never drift.
func (p *planner) planComponent(res *resource) {
	p.cur = res
	l := p.live[keyOf(res.kind, res.physical)]
	a := Action{Resource: res.kind, Name: res.name, PhysicalName: res.physical, After: res.after()}
	create := p.componentInput(res)
	if l == nil {
		a.Kind, a.Reason = Create, fmt.Sprintf("InferenceComponent %s does not exist; it is created once endpoint %v is InService", res.physical, res.body["EndpointName"])
		a.Calls = []Call{p.mustCall("CreateInferenceComponent", create)}
		p.actions = append(p.actions, a)
		return
	}
	view := componentView(l)
	a.Before = project(a.After, view)
	want := maps.Clone(res.body)
	scaled := p.copiesScaled(res.physical)
	if scaled {
		delete(want, "RuntimeConfig")
	}
	diff("", want, view, &a.Changes)
	moved, spec, copies := false, false, false
	for _, c := range a.Changes {
		switch {
		case c.Path == "EndpointName" || c.Path == "VariantName":
			moved = true
		case strings.HasPrefix(c.Path, "Specification"):
			spec = true
		case strings.HasPrefix(c.Path, "RuntimeConfig"):
			copies = true
		}
	}
	name := map[string]any{"InferenceComponentName": res.physical}
	switch {
	case moved:
		a.Kind, a.Reason = Replace, changedFields(a.Changes)+": a component cannot move to another endpoint or variant, so it is deleted and created again (its model stops serving in between)"
		a.Calls = []Call{p.mustCall("DeleteInferenceComponent", name), p.mustCall("CreateInferenceComponent", create)}
	case spec:
		in := maps.Clone(name)
		in["Specification"], in["Specifications"] = res.body["Specification"], res.body["Specifications"]
		if copies {
			in["RuntimeConfig"] = res.body["RuntimeConfig"]
		}
		in["DeploymentConfig"] = res.extra["DeploymentConfig"]
		a.Kind, a.Reason = Update, changedFields(a.Changes)+": UpdateInferenceComponent replaces the copies in place, a batch at a time"
		a.Calls = []Call{p.mustCall("UpdateInferenceComponent", in)}
	case copies:
		in := maps.Clone(name)
		in["DesiredRuntimeConfig"] = res.body["RuntimeConfig"]
		a.Kind, a.Reason = Update, changedFields(a.Changes)+": only the copy count changes: UpdateInferenceComponentRuntimeConfig"
		a.Calls = []Call{p.mustCall("UpdateInferenceComponentRuntimeConfig", in)}
	default:
		a.Kind, a.Reason = NoOp, "matches the live resource"+tagsNotRead(res, l)
		if scaled {
			rc, _ := view["RuntimeConfig"].(map[string]any)
			a.Reason += fmt.Sprintf(" (its copy count, %v, is the autoscaler's: %s)", rc["CopyCount"], docCopyCount)
		}
		if calls, changes := p.tagCalls(res, l); len(calls) > 0 {
			a.Kind, a.Reason, a.Calls, a.Changes = Tag, "tags changed", calls, changes
		}
	}
	if a.Kind != NoOp {
		a.Blocked = componentGate(l)
	}
	if a.Blocked == "" && a.Kind != NoOp && OwnerOf(l.Tags, p.opt.Project) == OwnerNone && !p.opt.Adopt {
		a.Blocked = fmt.Sprintf("InferenceComponent %s: not changed: %s", l.Name, NotOurs(l.Tags, p.opt.Project))
	}
	p.scope(&a, res, l)
	p.actions = append(p.actions, a)
}

// componentInput is the CreateInferenceComponent request of res, with its tags.
func (p *planner) componentInput(res *resource) map[string]any {
	in := maps.Clone(res.body)
	if res.tagsSet {
		in["Tags"] = tagList(res.tags)
	}
	return in
}

// componentView is a DescribeInferenceComponent answer in the shape of the request: the
// specification's container image is the one specified (DeployedImage.SpecifiedImage), and
// the copy count the desired one.
func componentView(l *live.Resource) map[string]any {
	out := map[string]any{}
	for _, f := range []string{"InferenceComponentName", "EndpointName", "VariantName"} {
		if v, ok := l.Body[f]; ok {
			out[f] = v
		}
	}
	if s, ok := l.Body["Specification"].(map[string]any); ok {
		out["Specification"] = specView(s)
	}
	if list, ok := l.Body["Specifications"].([]any); ok {
		var specs []any
		for _, s := range list {
			m, _ := s.(map[string]any)
			specs = append(specs, specView(m))
		}
		out["Specifications"] = specs
	}
	if rc, ok := l.Body["RuntimeConfig"].(map[string]any); ok {
		out["RuntimeConfig"] = map[string]any{"CopyCount": rc["DesiredCopyCount"]}
	}
	return out
}

// specView is a specification summary as the request spells it.
func specView(s map[string]any) map[string]any {
	out := maps.Clone(s)
	if c, ok := s["Container"].(map[string]any); ok {
		c = maps.Clone(c)
		if img, ok := c["DeployedImage"].(map[string]any); ok {
			c["Image"] = img["SpecifiedImage"]
		}
		delete(c, "DeployedImage")
		out["Container"] = c
	}
	return out
}

// componentGate says why a live component cannot be changed now, or "".
func componentGate(l *live.Resource) string {
	switch status := l.Str("InferenceComponentStatus"); status {
	case "InService":
		return ""
	case "Failed":
		return fmt.Sprintf("inference component is Failed (%s): apply will refuse. Delete it (aws sagemaker delete-inference-component --inference-component-name %s) and plan again", l.Str("FailureReason"), l.Name)
	default:
		return fmt.Sprintf("inference component is %s: SageMaker rejects changes to a component in progress; apply will refuse. Plan again once it is InService", status)
	}
}

// copiesScaled reports whether a scalable target of the manifests, or a live one, scales
// component name's copy count (ResourceId inference-component/<name>).
func (p *planner) copiesScaled(name string) bool {
	if p.live[keyOf(manifest.KindScalableTarget, "inference-component/"+name)] != nil {
		return true
	}
	for _, t := range p.desired[manifest.KindScalableTarget] {
		if id, _ := t.body["ResourceId"].(string); manifest.SameName(id, "inference-component/"+name) {
			return true
		}
	}
	return false
}

// desiredResource is newResource, and for an InferenceComponent document moves
// DeploymentConfig (how an update rolls) to extra.
func desiredResource(d *manifest.Document) (*resource, error) {
	res, err := newResource(d)
	if err != nil || d.Kind != manifest.KindInferenceComponent {
		return res, err
	}
	for _, f := range componentOnly {
		if v, ok := res.body[f]; ok {
			res.extra[f] = v
			delete(res.body, f)
		}
	}
	res.physical = res.name // never renamed: a component is addressed by its name
	return res, nil
}

// resolveComponents gives each desired component the physical names of the model and
// endpoint its manifest names (a model is renamed under hashed naming) and its spec hash.
func (p *planner) resolveComponents() {
	for _, res := range p.desired[manifest.KindInferenceComponent] {
		if n, ok := res.body["EndpointName"].(string); ok {
			res.body["EndpointName"] = p.physicalName(manifest.KindEndpoint, n)
		}
		specs, _ := res.body["Specifications"].([]any)
		if s, ok := res.body["Specification"]; ok {
			specs = append([]any{s}, specs...)
		}
		for _, s := range specs {
			m, _ := s.(map[string]any)
			if n, ok := m["ModelName"].(string); ok {
				m["ModelName"] = p.physicalName(manifest.KindModel, n)
			}
		}
		res.hash = specHash(res.body)
	}
}

// componentReferences are the resources a component's create names: its endpoint (which
// must be InService first), its specifications' models and an adapter's base component.
func componentReferences(in *sagemaker.CreateInferenceComponentInput) []string {
	out := []string{ref(manifest.KindEndpoint, aws.ToString(in.EndpointName))}
	specs := in.Specifications
	if in.Specification != nil {
		specs = append([]types.InferenceComponentSpecification{*in.Specification}, specs...)
	}
	for _, s := range specs {
		if m := aws.ToString(s.ModelName); m != "" {
			out = append(out, ref(manifest.KindModel, m))
		}
		if b := aws.ToString(s.BaseInferenceComponentName); b != "" {
			out = append(out, ref(manifest.KindInferenceComponent, b))
		}
	}
	return out
}

// componentUser names a component that still uses model or endpoint name after the plan
// (a desired one, or a live one the plan does not delete), or "".
func (p *planner) componentUser(k manifest.Kind, name string) string {
	field := map[manifest.Kind]string{manifest.KindModel: "ModelName", manifest.KindEndpoint: "EndpointName"}[k]
	if field == "" {
		return ""
	}
	uses := func(body map[string]any) bool {
		if k == manifest.KindEndpoint {
			n, _ := body["EndpointName"].(string)
			return manifest.SameName(n, name)
		}
		specs, _ := body["Specifications"].([]any)
		if s, ok := body["Specification"]; ok {
			specs = append([]any{s}, specs...)
		}
		for _, s := range specs {
			m, _ := s.(map[string]any)
			if n, _ := m[field].(string); manifest.SameName(n, name) {
				return true
			}
		}
		return false
	}
	for _, r := range p.desired[manifest.KindInferenceComponent] {
		if uses(r.body) {
			return "inference component " + r.physical
		}
	}
	for _, lk := range p.liveKeys(manifest.KindInferenceComponent) {
		if !p.gone[lk] && uses(p.live[lk].Body) {
			return "inference component " + p.live[lk].Name
		}
	}
	return ""
}
