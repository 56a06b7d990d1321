package plan

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TagProject is the ownership tag naming the project (the project setting of
// .sagectl.yaml) that created a resource. Plan and apply change or delete a resource only
// when it carries TagManagedBy and the project's TagProject (OwnerOf).
const TagProject = manifest.ReservedTagPrefix + "project"

// Owner says whose a live resource is, for a plan or apply of one project.
type Owner string

// The owners OwnerOf tells apart.
const (
	// OwnerNone: no TagManagedBy=ManagedByValue; sagectl did not create it.
	OwnerNone Owner = "unmanaged"
	// OwnerUs: TagManagedBy and this project's TagProject, or, with no project set, no
	// TagProject at all. Only such resources are changed or deleted.
	OwnerUs Owner = "ours"
	// OwnerLegacy: TagManagedBy but no TagProject while a project is set: created by a
	// sagectl before projects. Never pruned; adopted into the project (AddTags TagProject)
	// when a manifest names it.
	OwnerLegacy Owner = "legacy"
	// OwnerOther: another project's TagProject (or any TagProject when no project is set).
	// Never changed or deleted.
	OwnerOther Owner = "other-project"
)

// OwnerOf classifies a resource with tags for project ("" means no project set).
func OwnerOf(tags map[string]string, project string) Owner {
	if tags[TagManagedBy] != ManagedByValue {
		return OwnerNone
	}
	theirs, tagged := tags[TagProject]
	switch {
	case tagged && theirs == project:
		return OwnerUs
	case tagged:
		return OwnerOther
	case project == "":
		return OwnerUs
	}
	return OwnerLegacy
}

// NotOurs explains, for people, why a resource with tags is not project's to change or
// delete, and what to do; "" when it is (OwnerUs).
func NotOurs(tags map[string]string, project string) string {
	switch OwnerOf(tags, project) {
	case OwnerNone:
		return fmt.Sprintf("it has no %s tag, so sagectl did not create it; leave it out of the manifests, or adopt it (sagectl import --adopt, or plan --adopt)", TagManagedBy)
	case OwnerOther:
		if project == "" {
			return fmt.Sprintf("it belongs to project %q (tag %s) and this plan has no project; set project: %s in .sagectl.yaml if this repository is that project", tags[TagProject], TagProject, tags[TagProject])
		}
		return fmt.Sprintf("it belongs to project %q (tag %s), not to this project %q; sagectl never changes another project's resources: rename the resource in the manifests", tags[TagProject], TagProject, project)
	case OwnerLegacy:
		return fmt.Sprintf("it was created by sagectl before projects (no %s tag); plan again: a plan naming it adopts it into project %q, or run sagectl import --adopt", TagProject, project)
	}
	return ""
}

// ownerLabel is what a plan lists for a live resource no manifest names and prune keeps.
func ownerLabel(l *live.Resource, project string) string {
	switch OwnerOf(l.Tags, project) {
	case OwnerOther:
		return fmt.Sprintf("project %s", l.Tags[TagProject])
	case OwnerLegacy:
		return fmt.Sprintf("created before projects (no %s tag): adopt it with sagectl import --adopt, or name it in a manifest", TagProject)
	}
	return ""
}

// owns reports whether the plan's project owns l.
func (p *planner) owns(l *live.Resource) bool {
	return l != nil && OwnerOf(l.Tags, p.opt.Project) == OwnerUs
}

// scope applies ownership to the action planned for res against live l: another project's
// resource is never changed (the action is blocked), a legacy one (or, with --adopt, an
// unmanaged one) is first adopted by an AddTags call the plan shows for review.
func (p *planner) scope(a *Action, res *resource, l *live.Resource) {
	unchanged := a.Kind == "" || a.Kind == NoOp
	switch OwnerOf(l.Tags, p.opt.Project) {
	case OwnerOther:
		if unchanged {
			a.Reason = joinReason(a.Reason, fmt.Sprintf("(owned by project %s: left alone)", l.Tags[TagProject]))
		} else if a.Blocked == "" {
			a.Blocked = fmt.Sprintf("%s %s: not changed: %s", res.kind, l.Name, NotOurs(l.Tags, p.opt.Project))
		}
		return
	case OwnerLegacy:
		p.adopt(a, l, map[string]string{TagProject: p.opt.Project},
			fmt.Sprintf("adopted into project %s: created by sagectl before projects (no %s tag)", p.opt.Project, TagProject))
	case OwnerNone:
		if !p.opt.Adopt {
			return
		}
		tags := map[string]string{TagManagedBy: ManagedByValue, TagLogicalID: res.name}
		what := "adopted by sagectl (--adopt): it had no " + TagManagedBy + " tag"
		if p.opt.Project != "" {
			tags[TagProject] = p.opt.Project
			what = fmt.Sprintf("adopted into project %s (--adopt): it had no %s tag", p.opt.Project, TagManagedBy)
		}
		p.adopt(a, l, tags, what)
	}
}

// adopt puts an AddTags call with the ownership tags first in a, shown as tag changes.
func (p *planner) adopt(a *Action, l *live.Resource, tags map[string]string, why string) {
	if l.ARN == "" {
		a.Blocked = fmt.Sprintf("%s %s must be adopted (%s), but its ARN is unknown: plan against the API, or add the ARN to the --live-dir file", l.Kind, l.Name, why)
		return
	}
	var changes []Change
	for _, k := range sortedKeys(tags) {
		changes = append(changes, Change{Path: "Tags." + k, After: tags[k]})
	}
	a.Calls = append([]Call{p.mustCall("AddTags", map[string]any{"ResourceArn": l.ARN, "Tags": tagList(tags)})}, a.Calls...)
	a.Changes = append(changes, a.Changes...)
	if a.Kind == "" || a.Kind == NoOp {
		a.Kind, a.Reason = Tag, why
		return
	}
	a.Reason = joinReason(a.Reason, "first "+why)
}

func joinReason(reason, more string) string {
	switch {
	case reason == "":
		return more
	case more[0] == '(':
		return reason + " " + more
	}
	return reason + "; " + more
}
