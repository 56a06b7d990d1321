// Package importer writes manifests for live SageMaker resources (sagectl import): each
// Describe* answer becomes the Create* request that would make it, with the user's tags,
// so planning the manifests right away shows no changes.
package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
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
	manifest.KindModel:           reflect.TypeOf(sagemaker.CreateModelInput{}),
	manifest.KindEndpointConfig:  reflect.TypeOf(sagemaker.CreateEndpointConfigInput{}),
	manifest.KindEndpoint:        reflect.TypeOf(sagemaker.CreateEndpointInput{}),
	manifest.KindScalableTarget:  reflect.TypeOf(aas.RegisterScalableTargetInput{}),
	manifest.KindScalingPolicy:   reflect.TypeOf(aas.PutScalingPolicyInput{}),
	manifest.KindScheduledAction: reflect.TypeOf(aas.PutScheduledActionInput{}),
	// inference_component.go: the describe output reshaped to the request first.
	manifest.KindInferenceComponent: reflect.TypeOf(sagemaker.CreateInferenceComponentInput{}),
}

// importedKinds are the kinds Import writes, in graph order.
var importedKinds = []manifest.Kind{manifest.KindModel, manifest.KindEndpointConfig, manifest.KindEndpoint, manifest.KindInferenceComponent,
	manifest.KindScalableTarget, manifest.KindScalingPolicy, manifest.KindScheduledAction}

// Import reads the resources refs name through r and returns their manifests, in
// graph order (models, then configs, then endpoints, then their autoscaling), each once.
// An endpoint brings its config along, a config its models, and an endpoint the scalable
// targets of its variants with their scaling policies and scheduled actions.
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
	if err := autoscaling(ctx, r, got); err != nil {
		return nil, err
	}
	var out []Manifest
	for _, k := range importedKinds {
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

// autoscaling adds to got the scalable targets of the variants of every endpoint in got
// (of the config it uses) and of every component's copy count, and the policies and scheduled actions of those that exist.
func autoscaling(ctx context.Context, r live.Reader, got map[Ref]*live.Resource) error {
	targets := map[string]bool{}
	for ref, res := range got {
		if ref.Kind != manifest.KindEndpoint {
			continue
		}
		cfg := got[foldRef(Ref{manifest.KindEndpointConfig, res.Str("EndpointConfigName")})]
		if cfg == nil {
			continue
		}
		vs, _ := cfg.Body["ProductionVariants"].([]any)
		for _, v := range vs {
			m, _ := v.(map[string]any)
			name, _ := m["VariantName"].(string)
			id := "endpoint/" + res.Name + "/variant/" + name
			t, err := r.Read(ctx, manifest.KindScalableTarget, id)
			if err != nil {
				return err
			}
			if t != nil {
				got[foldRef(Ref{manifest.KindScalableTarget, t.Name})] = t
				targets[manifest.NameKey(t.Name)] = true
			}
		}
	}
	if err := componentTargets(ctx, r, got, targets); err != nil { // inference_component.go
		return err
	}
	if len(targets) == 0 {
		return nil
	}
	for _, k := range []manifest.Kind{manifest.KindScalingPolicy, manifest.KindScheduledAction} {
		names, err := r.List(ctx, k)
		if err != nil {
			return err
		}
		for _, n := range names {
			if id, _, ok := live.SplitChildKey(k, n); !ok || !targets[manifest.NameKey(id)] {
				continue
			}
			c, err := r.Read(ctx, k, n)
			if err != nil {
				return err
			}
			if c != nil {
				got[foldRef(Ref{k, c.Name})] = c
			}
		}
	}
	return nil
}

// foldRef is ref with its name in manifest.NameKey form.
func foldRef(ref Ref) Ref { return Ref{ref.Kind, manifest.NameKey(ref.Name)} }

// All lists every live resource of every kind through r (ListModels, ListEndpointConfigs,
// ListEndpoints, paginated), for import --all.
func All(ctx context.Context, r live.Reader) ([]Ref, error) {
	var out []Ref
	for _, k := range manifest.SageMakerKinds {
		names, err := r.List(ctx, k)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			out = append(out, Ref{Kind: k, Name: n})
		}
	}
	return out, nil
}

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
	case manifest.KindInferenceComponent:
		return componentDependencies(res) // inference_component.go
	}
	return nil
}

// document renders one resource as a manifest: kind, its name, then the members of
// its Create* request that Describe* returned, in the request's member order (the order of
// the SDK type, which is the API reference's: required members first), then the user's
// tags. Only what is set is written: the empty objects and lists a Describe returns for
// unset members (DataCaptureConfig: {}, VpcConfig: {}, Containers: []) are dropped, as
// the diff treats them as absent. An endpoint whose live weights differ from its config's
// initial ones gets DesiredWeightsAndCapacities with the live weights.
func document(res *live.Resource, cfg *live.Resource) ([]byte, error) {
	t := createInputs[res.Kind]
	if res.Kind == manifest.KindInferenceComponent {
		res = asComponentRequest(res) // inference_component.go
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v any, t reflect.Type) error {
		n, err := node(v, t, 0)
		if n != nil {
			root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, n)
		}
		return err
	}
	if err := add("kind", string(res.Kind), nil); err != nil {
		return nil, err
	}
	name := res.Str(res.Kind.NameField()) // a policy's own name, not its live key
	if name == "" {
		name = res.Name
	}
	if err := add(res.Kind.NameField(), name, nil); err != nil {
		return nil, err
	}
	for i := range t.NumField() {
		f := t.Field(i)
		v, ok := res.Body[f.Name]
		if !ok || !f.IsExported() || f.Name == "Tags" || f.Name == res.Kind.NameField() {
			continue
		}
		if err := add(f.Name, v, f.Type); err != nil {
			return nil, err
		}
	}
	if res.Kind == manifest.KindEndpoint {
		if w := liveWeights(res, cfg); w != nil {
			if err := add("DesiredWeightsAndCapacities", w, reflect.TypeFor[[]types.DesiredWeightAndCapacity]()); err != nil {
				return nil, err
			}
		}
	}
	if tags := userTags(res.Tags); len(tags) > 0 && res.Kind == manifest.KindScalableTarget {
		m := map[string]string{} // Application Auto Scaling's tags are a map
		for k, v := range res.Tags {
			if manifest.UserTag(k) {
				m[k] = v
			}
		}
		if err := add("Tags", m, nil); err != nil {
			return nil, err
		}
	} else if len(tags) > 0 {
		if err := add("Tags", tags, reflect.TypeFor[[]types.Tag]()); err != nil {
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

// node renders a described value whose SDK type is t (nil when unknown): an object's
// members in t's field order (members t does not have after them, sorted), a map's keys
// sorted. It returns nil for what is not set: null, and objects and lists that are empty
// once their own unset members are dropped.
func node(v any, t reflect.Type, depth int) (*yaml.Node, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if depth > 64 {
		return nil, errors.New("nested too deeply")
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode}
		var keys []string
		if t != nil && t.Kind() == reflect.Struct {
			for i := range t.NumField() {
				if _, ok := x[t.Field(i).Name]; ok && t.Field(i).IsExported() {
					keys = append(keys, t.Field(i).Name)
				}
			}
		}
		var rest []string
		for k := range x {
			if !slices.Contains(keys, k) {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		for _, k := range append(keys, rest...) {
			var ft reflect.Type
			switch {
			case t != nil && t.Kind() == reflect.Struct:
				if f, ok := t.FieldByName(k); ok {
					ft = f.Type
				}
			case t != nil && t.Kind() == reflect.Map:
				ft = t.Elem()
			}
			c, err := node(x[k], ft, depth+1)
			if err != nil {
				return nil, err
			}
			if c != nil {
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, c)
			}
		}
		if len(n.Content) == 0 {
			return nil, nil
		}
		return n, nil
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		var et reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			et = t.Elem()
		}
		for _, e := range x {
			c, err := node(e, et, depth+1)
			if err != nil {
				return nil, err
			}
			if c == nil {
				c = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle} // keep positions: an element left empty
			}
			n.Content = append(n.Content, c)
		}
		if len(n.Content) == 0 {
			return nil, nil
		}
		return n, nil
	}
	var n yaml.Node
	if err := n.Encode(render.Plain(v)); err != nil {
		return nil, err
	}
	return &n, nil
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
