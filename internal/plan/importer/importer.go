// Package importer writes manifests for live SageMaker resources (sagectl import): each
// Describe* answer becomes the Create* request that would make it, with the user's tags,
// so planning the manifests right away shows no changes.
package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/plan/render"
	"gopkg.in/yaml.v3"
)

// Ref names a live resource to import.
type Ref struct {
	Kind manifest.Kind
	Name string
}

// Manifest is one imported resource.
type Manifest struct {
	Kind manifest.Kind
	Name string
	// YAML is the manifest document (without the --- separator).
	YAML []byte
}

// createInputs are the SDK request types whose members a manifest of each kind has.
var createInputs = map[manifest.Kind]reflect.Type{
	manifest.KindModel:          reflect.TypeOf(sagemaker.CreateModelInput{}),
	manifest.KindEndpointConfig: reflect.TypeOf(sagemaker.CreateEndpointConfigInput{}),
	manifest.KindEndpoint:       reflect.TypeOf(sagemaker.CreateEndpointInput{}),
}

// Import reads the resources refs name through r and returns their manifests, in
// graph order (models, then configs, then endpoints), each once. An endpoint brings its
// config along, and a config its models.
func Import(ctx context.Context, r live.Reader, refs []Ref) ([]Manifest, error) {
	got := map[Ref]*live.Resource{} // by foldRef: SageMaker names are case-insensitive
	queue := append([]Ref{}, refs...)
	for len(queue) > 0 {
		ref := queue[0]
		queue = queue[1:]
		if _, done := got[foldRef(ref)]; done {
			continue
		}
		res, err := r.Read(ctx, ref.Kind, ref.Name)
		if err != nil {
			return nil, err
		}
		if res == nil {
			return nil, fmt.Errorf("%s %q does not exist (check the name, --region and --profile)", ref.Kind, ref.Name)
		}
		got[foldRef(ref)] = res
		queue = append(queue, dependencies(res)...)
	}
	var out []Manifest
	for _, k := range manifest.SageMakerKinds {
		var names []string
		for ref, res := range got {
			if ref.Kind == k {
				names = append(names, res.Name)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			res := got[foldRef(Ref{k, n})]
			var cfg *live.Resource
			if k == manifest.KindEndpoint {
				cfg = got[foldRef(Ref{manifest.KindEndpointConfig, res.Str("EndpointConfigName")})]
			}
			data, err := document(res, cfg)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", k, n, err)
			}
			out = append(out, Manifest{Kind: k, Name: n, YAML: data})
		}
	}
	return out, nil
}

// foldRef is ref with its name in manifest.NameKey form.
func foldRef(ref Ref) Ref { return Ref{ref.Kind, manifest.NameKey(ref.Name)} }

// dependencies are the resources a live resource uses.
func dependencies(res *live.Resource) []Ref {
	switch res.Kind {
	case manifest.KindEndpoint:
		if c := res.Str("EndpointConfigName"); c != "" {
			return []Ref{{manifest.KindEndpointConfig, c}}
		}
	case manifest.KindEndpointConfig:
		var out []Ref
		for _, list := range []string{"ProductionVariants", "ShadowProductionVariants"} {
			vs, _ := res.Body[list].([]any)
			for _, v := range vs {
				m, _ := v.(map[string]any)
				if n, _ := m["ModelName"].(string); n != "" {
					out = append(out, Ref{manifest.KindModel, n})
				}
			}
		}
		return out
	}
	return nil
}

// document renders one resource as a manifest: kind, its name, then the members of
// its Create* request that Describe* returned, sorted, then the user's tags. An
// endpoint whose live weights differ from its config's initial ones gets
// DesiredWeightsAndCapacities with the live weights.
func document(res *live.Resource, cfg *live.Resource) ([]byte, error) {
	t := createInputs[res.Kind]
	fields := map[string]any{}
	for k, v := range res.Body {
		if f, ok := t.FieldByName(k); ok && f.IsExported() && k != "Tags" && k != res.Kind.NameField() {
			fields[k] = v
		}
	}
	if res.Kind == manifest.KindEndpoint {
		if w := liveWeights(res, cfg); w != nil {
			fields["DesiredWeightsAndCapacities"] = w
		}
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v any) error {
		var n yaml.Node
		if err := n.Encode(render.Plain(v)); err != nil {
			return err
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &n)
		return nil
	}
	if err := add("kind", string(res.Kind)); err != nil {
		return nil, err
	}
	if err := add(res.Kind.NameField(), res.Name); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := add(k, fields[k]); err != nil {
			return nil, err
		}
	}
	if tags := userTags(res.Tags); len(tags) > 0 {
		if err := add("Tags", tags); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// liveWeights returns DesiredWeightsAndCapacities entries with the endpoint's live
// weights when any differs from its config's InitialVariantWeight, else nil.
func liveWeights(ep, cfg *live.Resource) []any {
	initial := map[string]string{}
	if cfg != nil {
		vs, _ := cfg.Body["ProductionVariants"].([]any)
		for _, v := range vs {
			m, _ := v.(map[string]any)
			name, _ := m["VariantName"].(string)
			initial[manifest.NameKey(name)] = fmt.Sprint(weight(m["InitialVariantWeight"], "1"))
		}
	}
	var out []any
	differs := false
	vs, _ := ep.Body["ProductionVariants"].([]any)
	for _, v := range vs {
		m, _ := v.(map[string]any)
		name, _ := m["VariantName"].(string)
		w := weight(m["DesiredWeight"], "")
		if w == "" {
			continue
		}
		if initial[manifest.NameKey(name)] != w {
			differs = true
		}
		out = append(out, map[string]any{"VariantName": name, "DesiredWeight": json.Number(w)})
	}
	if !differs {
		return nil
	}
	return out
}

// weight spells a weight at float32 precision ("" or def when absent).
func weight(v any, def string) string {
	n, ok := v.(json.Number)
	if !ok {
		return def
	}
	f, err := n.Float64()
	if err != nil {
		return def
	}
	return strings.TrimSuffix(fmt.Sprint(float32(f)), ".0")
}

// userTags returns the tags that are not sagectl's or AWS's, sorted by key.
func userTags(tags map[string]string) []any {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		if manifest.UserTag(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]any, 0, len(keys))
	for _, k := range keys {
		out = append(out, map[string]any{"Key": k, "Value": tags[k]})
	}
	return out
}
