package preflight

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"gopkg.in/yaml.v3"
)

// Call is one API call of a create or change, and the document its findings point into
// (nil: they have no position).
type Call struct {
	plan.Call
	Doc *manifest.Document
}

// FromPlan is the calls of p's creates and changes in plan order, each pointing into the
// manifest of set it was planned from.
func FromPlan(p *plan.Plan, set *manifest.Set) []Call {
	docs := byName(set)
	var out []Call
	for _, a := range p.Actions {
		if a.Kind == plan.NoOp || a.Kind == plan.Delete {
			continue
		}
		for _, c := range a.Calls {
			out = append(out, Call{c, docs[a.Resource][a.Name]})
		}
	}
	return out
}

// FromSaved is the calls of s's creates and changes in plan order, each pointing into its
// input in file, the saved plan s was read from: apply of a saved plan has no manifests, so
// its findings are at the lines of the plan file.
func FromSaved(s *plan.Saved, file *manifest.File) ([]Call, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(file.Data, &root); err != nil { // JSON is YAML
		return nil, fmt.Errorf("%s: reading the positions of its calls: %v", file.Path, err)
	}
	var out []Call
	for i, a := range s.Actions {
		if a.Kind == plan.NoOp || a.Kind == plan.Delete {
			continue
		}
		for j, c := range a.Calls {
			n, found := manifest.At(&root, pointer("actions", i, "api_calls", j, "input"))
			if !found || n.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s: action %d has no input for its call %d: plan again with sagectl plan --out FILE", file.Path, i+1, j+1)
			}
			out = append(out, Call{c, &manifest.Document{File: file, Kind: a.Resource, Body: n}})
		}
	}
	return out, nil
}

// byName indexes the documents of set by kind and manifest name (the first where a name
// repeats).
func byName(set *manifest.Set) map[manifest.Kind]map[string]*manifest.Document {
	out := map[manifest.Kind]map[string]*manifest.Document{}
	if set == nil {
		return out
	}
	for _, d := range set.Docs {
		n := d.Name()
		if n == "" {
			continue
		}
		if out[d.Kind] == nil {
			out[d.Kind] = map[string]*manifest.Document{}
		}
		if _, dup := out[d.Kind][n]; !dup {
			out[d.Kind][n] = d
		}
	}
	return out
}
