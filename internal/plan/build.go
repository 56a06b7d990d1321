package plan

import (
	"context"
	"fmt"
	"sort"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
	"gopkg.in/yaml.v3"
)

// Ownership tags sagectl puts on every resource it creates.
const (
	TagManagedBy = manifest.ReservedTagPrefix + "managed-by"
	TagLogicalID = manifest.ReservedTagPrefix + "logical-id"
	TagSpecHash  = manifest.ReservedTagPrefix + "spec-hash"
	// ManagedByValue is the value of TagManagedBy.
	ManagedByValue = "sagectl"
)

// Options tune Build.
type Options struct {
	// Naming is the naming policy ("" means Exact); the --naming flag or the
	// naming setting of .sagectl.yaml.
	Naming Naming
	// Prune deletes owned resources (tag sagectl:managed-by) no manifest names.
	Prune bool
	// Concurrency bounds the live reads running at once (0 means 1).
	Concurrency int
	// Project scopes ownership (the project setting of .sagectl.yaml): creates are tagged
	// TagProject=Project, and only resources OwnerOf calls OwnerUs are changed or pruned.
	// "" means no project: resources with no TagProject are ours, any tagged one is not.
	Project string
	// Adopt plans, for resources a manifest names that sagectl did not create (OwnerNone),
	// an AddTags call adding the ownership tags, so the plan's other calls may change them.
	Adopt bool
}

// endpointOnly are the Endpoint manifest fields that shape the update calls, not the
// endpoint itself; DescribeEndpoint does not return them, so they are never diffed.
var endpointOnly = []string{"DeploymentConfig", "RetainAllVariantProperties", "ExcludeRetainedVariantProperties", "RetainDeploymentConfig", "DesiredWeightsAndCapacities"}

// resource is one desired resource.
type resource struct {
	doc            *manifest.Document
	kind           manifest.Kind
	name, physical string
	hash           string
	body           map[string]any // request fields, Tags and endpointOnly removed, refs resolved
	tags           map[string]string
	tagsSet        bool           // the manifest has a Tags field: it owns the tag set
	extra          map[string]any // endpointOnly fields as written
}

// key identifies a live resource: its kind and its name as manifest.NameKey folds it,
// so names differing only by case are one resource, as they are to SageMaker.
type key struct {
	kind manifest.Kind
	name string
}

func keyOf(k manifest.Kind, name string) key { return key{k, manifest.NameKey(name)} }

type planner struct {
	opt     Options
	r       live.Reader
	desired map[manifest.Kind][]*resource          // sorted by name
	byName  map[manifest.Kind]map[string]*resource // by manifest.NameKey of the manifest name
	live    map[key]*live.Resource
	read    map[key]string // every resource read → its name as first spelled
	actions []Action
	post    map[string]string // endpoint (manifest.NameKey) → config it uses after the plan
	gone    map[key]bool      // resources the plan deletes
	err     error             // first request that could not be built
	cur     *resource         // the desired resource being planned, for errors
	// unmanaged are the unowned live resources no manifest names (Prune only).
	unmanaged []Resource
	// rewrapped are the scalable targets (manifest.NameKey of ResourceId) an endpoint's
	// update deregisters and registers again → that endpoint (autoscaling.go).
	rewrapped map[string]string
	wrapping  []string // the targets aroundSwap wraps for the endpoint being planned
	// wrapChanges are what re-registering them changes (wrapChange).
	wrapChanges []Change
}

// Build plans set against the live state read through r, scalable targets and scaling
// policies included (autoscaling.go). The manifests must already be linted: Build
// assumes well-formed documents and reports only what it cannot plan.
func Build(ctx context.Context, set *manifest.Set, r live.Reader, opt Options) (*Plan, error) {
	naming, err := ParseNaming(string(opt.Naming))
	if err != nil {
		return nil, err
	}
	opt.Naming = naming
	p := &planner{opt: opt, r: r, live: map[key]*live.Resource{}, read: map[key]string{},
		post: map[string]string{}, gone: map[key]bool{}, rewrapped: map[string]string{}}
	if err := p.loadDesired(set); err != nil {
		return nil, err
	}
	if err := p.readAll(ctx); err != nil {
		return nil, err
	}
	for _, res := range p.desired[manifest.KindModel] {
		p.planImmutable(res)
	}
	for _, res := range p.desired[manifest.KindEndpointConfig] {
		p.planImmutable(res)
	}
	for _, res := range p.desired[manifest.KindEndpoint] {
		p.planEndpoint(res)
	}
	for _, res := range p.desired[manifest.KindInferenceComponent] {
		p.planComponent(res) // inference_component.go
	}
	for _, res := range p.desired[manifest.KindScalableTarget] {
		p.planTarget(res)
	}
	for _, k := range childKinds {
		for _, res := range p.desired[k] {
			p.planChild(res)
		}
	}
	p.cur = nil
	p.blockUnusable() // cleanup.go
	p.planCleanup()
	p.planDeletes()
	if p.err != nil {
		return nil, p.err
	}
	if err := p.attachSmokeTests(set.ByKind(manifest.KindSmokeTest)); err != nil {
		return nil, err
	}
	return p.result(), nil
}

// loadDesired converts the documents into desired resources with physical names.
func (p *planner) loadDesired(set *manifest.Set) error {
	p.desired = map[manifest.Kind][]*resource{}
	p.byName = map[manifest.Kind]map[string]*resource{}
	for _, k := range plannedKinds {
		p.byName[k] = map[string]*resource{}
		for _, d := range set.ByKind(k) {
			res, err := desiredResource(d)
			if err != nil {
				return err
			}
			id := res.name
			if k.Autoscaling() {
				id = physicalOf(res) // a policy name is unique per target only
			}
			if prev, dup := p.byName[k][manifest.NameKey(id)]; dup {
				as := ""
				if prev.name != res.name {
					as = fmt.Sprintf(" as %q (SageMaker names are case-insensitive)", prev.name)
				}
				return fmt.Errorf("%s:%d: %s %q is also defined in %s:%d%s: keep one", d.File.Path, d.Body.Line, k, res.name, prev.doc.File.Path, prev.doc.Body.Line, as)
			}
			p.byName[k][manifest.NameKey(id)] = res
			p.desired[k] = append(p.desired[k], res)
		}
		sort.Slice(p.desired[k], func(i, j int) bool { return p.desired[k][i].name < p.desired[k][j].name })
	}
	for _, k := range []manifest.Kind{manifest.KindScalableTarget, manifest.KindScalingPolicy, manifest.KindScheduledAction} {
		for _, res := range p.desired[k] {
			res.physical = physicalOf(res) // never renamed: endpoint names are never hashed
			res.hash = specHash(res.body)
		}
		sort.Slice(p.desired[k], func(i, j int) bool { return p.desired[k][i].physical < p.desired[k][j].physical })
	}
	// Physical names in graph order: a config's hash covers its models' physical names.
	for _, k := range manifest.SageMakerKinds {
		for _, res := range p.desired[k] {
			p.resolveRefs(res)
			hashed := map[string]any{}
			for f, v := range res.content() {
				hashed[f] = v
			}
			delete(hashed, k.NameField())
			if dc, ok := res.extra["DeploymentConfig"]; ok {
				hashed["DeploymentConfig"] = dc
			}
			res.hash = specHash(hashed)
			res.physical = res.name
			if p.opt.Naming == Hashed && k != manifest.KindEndpoint && k != manifest.KindInferenceComponent {
				res.physical = hashedName(res.name, res.hash)
			}
			res.body[k.NameField()] = res.physical
		}
	}
	p.resolveComponents() // inference_component.go
	return nil
}

func newResource(d *manifest.Document) (*resource, error) {
	if n := deployTime(d.Body, 0); n != nil {
		return nil, fmt.Errorf("%s:%d:%d: this value is only known when CloudFormation deploys the template: sagectl cannot plan it; write the value itself, or deploy the template with CloudFormation",
			d.File.Path, n.Line, n.Column)
	}
	v, err := manifest.ToValue(d.Body)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %v", d.File.Path, d.Body.Line, err)
	}
	body, _ := v.(map[string]any)
	delete(body, "kind")
	res := &resource{doc: d, kind: d.Kind, name: d.Name(), body: body, tags: map[string]string{}, extra: map[string]any{}}
	if res.name == "" {
		return nil, fmt.Errorf("%s:%d: %s without %s: name it", d.File.Path, d.Body.Line, d.Kind, d.Kind.NameField())
	}
	if t, ok := body["Tags"]; ok {
		res.tagsSet = true
		if m, ok := t.(map[string]any); ok { // Application Auto Scaling spells tags as a map
			for k, v := range m {
				res.tags[k], _ = v.(string)
			}
		}
		list, _ := t.([]any)
		for _, e := range list {
			m, _ := e.(map[string]any)
			k, _ := m["Key"].(string)
			val, _ := m["Value"].(string)
			res.tags[k] = val
		}
		delete(body, "Tags")
	}
	if d.Kind == manifest.KindEndpoint {
		for _, f := range endpointOnly {
			if v, ok := body[f]; ok {
				res.extra[f] = v
				delete(body, f)
			}
		}
	}
	return res, nil
}

// resolveRefs rewrites references to manifest resources into their physical names.
func (p *planner) resolveRefs(res *resource) {
	switch res.kind {
	case manifest.KindEndpointConfig:
		for _, list := range []string{"ProductionVariants", "ShadowProductionVariants"} {
			vs, _ := res.body[list].([]any)
			for _, v := range vs {
				m, _ := v.(map[string]any)
				if n, ok := m["ModelName"].(string); ok {
					m["ModelName"] = p.physicalName(manifest.KindModel, n)
				}
			}
		}
	case manifest.KindEndpoint:
		if n, ok := res.body["EndpointConfigName"].(string); ok {
			res.body["EndpointConfigName"] = p.physicalName(manifest.KindEndpointConfig, n)
		}
	}
}

// physicalName returns the physical name of a referenced resource: its planned name
// when a manifest defines it, the name as written otherwise.
func (p *planner) physicalName(k manifest.Kind, name string) string {
	if res, ok := p.byName[k][manifest.NameKey(name)]; ok && res.physical != "" {
		return res.physical
	}
	return name
}

// readAll reads what the plan needs, each resource once, in at most three rounds:
// the resources the manifests name; the configs live endpoints use; with Prune,
// everything else listed.
func (p *planner) readAll(ctx context.Context) error {
	var keys []key
	for _, k := range plannedKinds {
		for _, res := range p.desired[k] {
			keys = append(keys, key{k, res.physical})
		}
	}
	if err := p.fetch(ctx, keys); err != nil {
		return err
	}
	keys = nil
	for _, res := range p.desired[manifest.KindEndpoint] {
		if l := p.live[keyOf(manifest.KindEndpoint, res.physical)]; l != nil {
			if c := l.Str("EndpointConfigName"); c != "" {
				keys = append(keys, key{manifest.KindEndpointConfig, c})
			}
		}
	}
	keys = append(keys, p.ledgerKeys()...) // cleanup.go
	if err := p.fetch(ctx, keys); err != nil {
		return err
	}
	if err := p.readTargets(ctx); err != nil { // autoscaling.go
		return err
	}
	if !p.opt.Prune {
		return nil
	}
	keys = nil
	for _, k := range plannedKinds {
		names, err := p.r.List(ctx, k)
		if err != nil {
			return err
		}
		for _, n := range names {
			keys = append(keys, key{k, n})
		}
	}
	return p.fetch(ctx, keys)
}

// fetch reads the resources not read yet, in parallel. keys hold names as spelled (a
// manifest's or a listing's); a name read already in another case is not read again.
func (p *planner) fetch(ctx context.Context, keys []key) error {
	var todo []key
	for _, k := range keys {
		if _, done := p.read[keyOf(k.kind, k.name)]; !done {
			p.read[keyOf(k.kind, k.name)] = k.name
			todo = append(todo, k)
		}
	}
	got := make([]*live.Resource, len(todo))
	err := parallel(ctx, len(todo), p.opt.Concurrency, func(i int) error {
		r, err := p.r.Read(ctx, todo[i].kind, todo[i].name)
		got[i] = r
		return err
	})
	if err != nil {
		return err
	}
	for i, k := range todo {
		p.live[keyOf(k.kind, k.name)] = got[i]
	}
	return nil
}

// result assembles the plan: actions in graph order, summary, documents, fingerprints.
func (p *planner) result() *Plan {
	rank := map[manifest.Kind]int{}
	for i, k := range plannedKinds {
		rank[k] = i
	}
	order := func(a Action) (int, int) {
		if a.Kind == Delete {
			return 1, len(plannedKinds) - rank[a.Resource]
		}
		return 0, rank[a.Resource]
	}
	sort.SliceStable(p.actions, func(i, j int) bool {
		pi, ri := order(p.actions[i])
		pj, rj := order(p.actions[j])
		if pi != pj {
			return pi < pj
		}
		if ri != rj {
			return ri < rj
		}
		return p.actions[i].PhysicalName < p.actions[j].PhysicalName
	})
	out := &Plan{FormatVersion: FormatVersion, Naming: p.opt.Naming, Prune: p.opt.Prune, Project: p.opt.Project, Actions: p.actions, Unmanaged: p.unmanaged}
	for _, a := range p.actions {
		out.Summary.count(a.Kind, a.Blocked != "")
	}
	for _, k := range plannedKinds {
		for _, res := range p.desired[k] {
			out.Documents = append(out.Documents, Document{Kind: k, Name: res.name, PhysicalName: res.physical,
				File: res.doc.File.Path, Index: res.doc.Index, SpecHash: res.hash, Body: res.after()})
		}
	}
	for k, name := range p.read {
		out.Fingerprints = append(out.Fingerprints, fingerprintOf(k.kind, name, p.live[k]))
	}
	out.Fingerprints.sort()
	return out
}

// after is the desired resource as rendered in Before/After: body plus tags.
func (res *resource) after() map[string]any {
	out := map[string]any{}
	for k, v := range res.body {
		out[k] = v
	}
	if w, ok := res.extra["DesiredWeightsAndCapacities"]; ok {
		out["DesiredWeightsAndCapacities"] = w
	}
	if res.tagsSet {
		out["Tags"] = tagList(res.tags)
	}
	return out
}

// deployTime returns the first value of n only known at deploy time (a CloudFormation
// intrinsic function), or nil.
func deployTime(n *yaml.Node, depth int) *yaml.Node {
	if n == nil || depth > 64 {
		return nil
	}
	if manifest.IsDeployTime(n) {
		return n
	}
	for _, c := range n.Content {
		if found := deployTime(c, depth+1); found != nil {
			return found
		}
	}
	return nil
}
