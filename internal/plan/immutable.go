package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// planImmutable plans a Model or EndpointConfig: both are immutable except for tags.
func (p *planner) planImmutable(res *resource) {
	p.cur = res
	l := p.live[keyOf(res.kind, res.physical)]
	a := Action{Resource: res.kind, Name: res.name, PhysicalName: res.physical, After: res.after()}
	if l == nil {
		a.Kind = Create
		a.Reason = fmt.Sprintf("%s %s does not exist", res.kind, res.physical)
		if old := p.superseded(res); old != nil {
			a.Before = project(a.After, liveView(old, res.tagsSet))
			diff("", res.content(), old.Body, &a.Changes)
			dropNameChange(&a.Changes, res.kind)
			a.Reason = fmt.Sprintf("%s: new %s %s replaces %s", changedFields(a.Changes), res.kind, res.physical, old.Name)
		}
		a.Calls = append(a.Calls, p.mustCall("Create"+string(res.kind), p.createInput(res)))
		p.actions = append(p.actions, a)
		return
	}
	a.Before = project(a.After, liveView(l, res.tagsSet)) // what was read: a live InitialVariantWeight too
	diff("", res.content(), l.Body, &a.Changes)
	if len(a.Changes) > 0 {
		a.Kind = Replace
		a.Reason = fmt.Sprintf("%s: %ss cannot change after creation, so it is deleted and created again", changedFields(a.Changes), res.kind)
		switch res.kind {
		case manifest.KindModel:
			a.Reason += "; endpoints keep serving the old model until a new config is deployed"
		case manifest.KindEndpointConfig:
			a.Reason += " (apply checks again that no endpoint uses it)"
		}
		a.Blocked = p.replaceBlocked(res, l)
		a.Calls = append(a.Calls,
			p.mustCall("Delete"+string(res.kind), map[string]any{res.kind.NameField(): res.physical}),
			p.mustCall("Create"+string(res.kind), p.createInput(res)))
		p.scope(&a, res, l)
		p.actions = append(p.actions, a)
		return
	}
	a.Kind, a.Reason = NoOp, "matches the live resource"+tagsNotRead(res, l)
	if calls, changes := p.tagCalls(res, l); len(calls) > 0 {
		a.Kind, a.Reason = Tag, "tags changed"
		a.Calls, a.Changes = calls, changes
	}
	p.scope(&a, res, l)
	p.actions = append(p.actions, a)
}

// replaceBlocked says why a replacement under the same name cannot be applied.
func (p *planner) replaceBlocked(res *resource, l *live.Resource) string {
	switch OwnerOf(l.Tags, p.opt.Project) {
	case OwnerOther:
		return "" // scope blocks it, saying whose it is
	case OwnerNone:
		if p.opt.Adopt {
			break // adopted first
		}
		return fmt.Sprintf("%s %s is not tagged %s=%s: sagectl does not delete what it did not create; give the manifest a new %s", res.kind, res.physical, TagManagedBy, ManagedByValue, res.kind.NameField())
	}
	if res.kind != manifest.KindEndpointConfig {
		return ""
	}
	var users []string
	for k, e := range p.live {
		if k.kind == manifest.KindEndpoint && e != nil && manifest.SameName(e.Str("EndpointConfigName"), res.physical) {
			users = append(users, e.Name)
		}
	}
	if len(users) == 0 {
		return ""
	}
	sort.Strings(users)
	return fmt.Sprintf("endpoint %s uses %s, and a config in use cannot be replaced under its own name: give the changed config a new EndpointConfigName (e.g. %s-2) and point the endpoint at it, or plan with --naming hashed",
		strings.Join(users, ", "), res.physical, res.name)
}

// superseded returns, under hashed naming, the live config this new config replaces:
// the one a manifest endpoint uses now whose sagectl:logical-id is res's name.
func (p *planner) superseded(res *resource) *live.Resource {
	if p.opt.Naming != Hashed {
		return nil
	}
	for _, ep := range p.desired[manifest.KindEndpoint] {
		le := p.live[keyOf(manifest.KindEndpoint, ep.physical)]
		if le == nil {
			continue
		}
		if old := p.live[keyOf(res.kind, le.Str("EndpointConfigName"))]; old != nil && !manifest.SameName(old.Name, res.physical) && manifest.SameName(old.Tags[TagLogicalID], res.name) {
			return old
		}
	}
	return nil
}

// createInput is the Create* request for res, with the ownership tags added.
func (p *planner) createInput(res *resource) map[string]any {
	in := map[string]any{}
	for k, v := range res.body {
		in[k] = v
	}
	tags := map[string]string{TagManagedBy: ManagedByValue, TagLogicalID: res.name, TagSpecHash: res.hash}
	if p.opt.Project != "" {
		tags[TagProject] = p.opt.Project
	}
	for k, v := range res.tags {
		tags[k] = v
	}
	in["Tags"] = tagList(tags)
	return in
}

// tagCalls returns the calls bringing l's tags to res's, ignoring the sagectl: and aws:
// tags: AddTags/DeleteTags, or for a scalable target Application Auto Scaling's
// TagResource/UntagResource. Nothing when the manifest does not set Tags.
func (p *planner) tagCalls(res *resource, l *live.Resource) ([]Call, []Change) {
	add, del, changes := tagDelta(res, l)
	var calls []Call
	switch {
	case res.kind == manifest.KindScalableTarget:
		if len(add) > 0 {
			tags := map[string]any{}
			for k, v := range add {
				tags[k] = v
			}
			calls = append(calls, p.mustCall("TagResource", map[string]any{"ResourceARN": l.ARN, "Tags": tags}))
		}
		if len(del) > 0 {
			calls = append(calls, p.mustCall("UntagResource", map[string]any{"ResourceARN": l.ARN, "TagKeys": del}))
		}
	default:
		if len(add) > 0 {
			calls = append(calls, p.mustCall("AddTags", map[string]any{"ResourceArn": l.ARN, "Tags": tagList(add)}))
		}
		if len(del) > 0 {
			calls = append(calls, p.mustCall("DeleteTags", map[string]any{"ResourceArn": l.ARN, "TagKeys": del}))
		}
	}
	return calls, changes
}

// tagDelta returns the user tags to add (or change) and delete to bring l's tags to
// res's, with the changes; nothing when the manifest does not set Tags or l's tags are
// unknown (a --live-dir without list-tags).
func tagDelta(res *resource, l *live.Resource) (add map[string]string, del []any, changes []Change) {
	if !res.tagsSet || l.ARN == "" || l.TagsUnknown {
		return nil, nil, nil
	}
	add = map[string]string{}
	for _, k := range sortedKeys(res.tags) {
		if old, ok := l.Tags[k]; !ok || old != res.tags[k] {
			add[k] = res.tags[k]
			c := Change{Path: "Tags." + k, After: res.tags[k]}
			if ok {
				c.Before = old
			}
			changes = append(changes, c)
		}
	}
	for _, k := range sortedKeys(l.Tags) {
		if _, keep := res.tags[k]; !keep && manifest.UserTag(k) {
			del = append(del, k)
			changes = append(changes, Change{Path: "Tags." + k, Before: l.Tags[k]})
		}
	}
	return add, del, changes
}

// TagsNotRead stands for the tags of a resource whose tags were not read (a --live-dir
// resource with no list-tags output) in the before side of a plan.
const TagsNotRead = "(not read: no list-tags output in the --live-dir)"

// tagsNotRead is what a reason adds when the manifest sets tags that could not be compared.
func tagsNotRead(res *resource, l *live.Resource) string {
	if res.tagsSet && l.TagsUnknown {
		return "; its tags were not compared: the --live-dir has no list-tags output for it"
	}
	return ""
}

// liveView is the live body with the user's tags in the manifest's [{Key, Value}] shape.
func liveView(l *live.Resource, withTags bool) map[string]any {
	out := map[string]any{}
	for k, v := range l.Body {
		out[k] = v
	}
	if withTags && l.TagsUnknown {
		out["Tags"] = TagsNotRead
	} else if withTags {
		user := map[string]string{}
		for k, v := range l.Tags {
			if manifest.UserTag(k) {
				user[k] = v
			}
		}
		out["Tags"] = tagList(user)
	}
	return out
}

// dropNameChange removes the change of the resource's own name (expected when a
// hashed name replaces another).
func dropNameChange(cs *[]Change, k manifest.Kind) {
	out := (*cs)[:0]
	for _, c := range *cs {
		if c.Path != k.NameField() {
			out = append(out, c)
		}
	}
	*cs = out
}

// changedFields names the changed fields in words: "InstanceType changed",
// "InstanceType and VolumeSizeInGB changed".
func changedFields(cs []Change) string {
	var names []string
	seen := map[string]bool{}
	for _, c := range cs {
		n := c.Path
		if i := strings.LastIndexAny(n, ".]"); i >= 0 {
			n = n[i+1:]
		}
		if n == "" {
			n = c.Path
		}
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	switch len(names) {
	case 0:
		return "content changed"
	case 1:
		return names[0] + " changed"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " changed"
}

// mustCall builds a call. A request the SDK input type cannot hold (a manifest value
// of the wrong type that lint let through) becomes Build's error.
func (p *planner) mustCall(op string, fields map[string]any) Call {
	c, err := newCall(op, fields)
	if err != nil && p.err == nil {
		p.err = err
		if d := p.cur; d != nil {
			p.err = fmt.Errorf("%s:%d: %s %s: %w: fix the manifest (sagectl lint shows the fields)", d.doc.File.Path, d.doc.Body.Line, d.kind, d.name, err)
		}
	}
	return c
}

// content is what makes the resource itself: the body without tags and, for a config,
// without the runtime weights.
func (res *resource) content() map[string]any {
	if res.kind == manifest.KindEndpointConfig {
		return fleet(res.body)
	}
	return res.body
}
