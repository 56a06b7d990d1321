package plan

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
)

// Select returns the documents of set that targets (each "KIND/NAME", as --target spells
// it) name, with everything they depend on: an Endpoint's EndpointConfig, a config's
// Models (production and shadow variants), an InferenceComponent's Endpoint, Model and base
// component, a scalable target's Endpoint or InferenceComponent, a scaling policy's
// or scheduled action's scalable target, a smoke test's Endpoint; and the smoke tests of
// every Endpoint kept. Names compare case-insensitively, as SageMaker's
// do. A target of no known kind, or naming no document, is an error with the fix. No
// targets returns set itself.
func Select(set *manifest.Set, targets []string) (*manifest.Set, error) {
	if len(targets) == 0 {
		return set, nil
	}
	keep := map[*manifest.Document]bool{}
	for _, t := range targets {
		d, err := findTarget(set, t)
		if err != nil {
			return nil, err
		}
		withDependencies(set, d, keep, 0)
	}
	for _, t := range set.ByKind(manifest.KindSmokeTest) { // a selected endpoint keeps its smoke tests
		if ep := dependencies(set, t); ep[0] != nil && keep[ep[0]] {
			keep[t] = true
		}
	}
	out := &manifest.Set{Files: set.Files, Skipped: set.Skipped, NoManifest: set.NoManifest}
	for _, d := range set.Docs {
		if keep[d] {
			out.Docs = append(out.Docs, d)
		}
	}
	return out, nil
}

// findTarget resolves one "KIND/NAME".
func findTarget(set *manifest.Set, t string) (*manifest.Document, error) {
	var kinds []string
	for _, k := range manifest.Kinds {
		kinds = append(kinds, string(k))
	}
	kind, name, ok := strings.Cut(t, "/")
	if !ok || name == "" {
		return nil, fmt.Errorf("--target %q: write KIND/NAME, e.g. Endpoint/churn-prod (kinds: %s)", t, strings.Join(kinds, ", "))
	}
	var k manifest.Kind
	for _, c := range manifest.Kinds {
		if strings.EqualFold(string(c), strings.ReplaceAll(kind, "-", "")) {
			k = c
		}
	}
	if k == "" {
		hint := "kinds: " + strings.Join(kinds, ", ")
		if s := suggest.Closest(kind, kinds); s != "" {
			hint = fmt.Sprintf("did you mean %s/%s?", s, name)
		}
		return nil, fmt.Errorf("--target %q: unknown kind %q (%s)", t, kind, hint)
	}
	var names []string
	for _, d := range set.ByKind(k) {
		if manifest.NameKey(d.Name()) == manifest.NameKey(name) {
			return d, nil
		}
		names = append(names, d.Name())
	}
	hint := "the manifests planned define none"
	if len(names) > 0 {
		hint = "they define " + strings.Join(names, ", ")
		if s := suggest.Closest(name, names); s != "" {
			hint = fmt.Sprintf("did you mean %s/%s?", k, s)
		}
	}
	return nil, fmt.Errorf("--target %s: no %s named %q in the manifests (%s)", t, k.Words(), name, hint)
}

// withDependencies marks d and, transitively, the documents it depends on.
func withDependencies(set *manifest.Set, d *manifest.Document, keep map[*manifest.Document]bool, depth int) {
	if d == nil || keep[d] || depth > len(manifest.Kinds) {
		return
	}
	keep[d] = true
	for _, dep := range dependencies(set, d) {
		withDependencies(set, dep, keep, depth+1)
	}
}

// dependencies are the documents d names directly.
func dependencies(set *manifest.Set, d *manifest.Document) []*manifest.Document {
	byName := func(k manifest.Kind, name string) *manifest.Document {
		for _, c := range set.ByKind(k) {
			if name != "" && manifest.NameKey(c.Name()) == manifest.NameKey(name) {
				return c
			}
		}
		return nil
	}
	str := func(n string) string { s, _ := manifest.Str(manifest.Get(d.Body, n)); return s }
	var out []*manifest.Document
	switch d.Kind {
	case manifest.KindEndpoint:
		out = append(out, byName(manifest.KindEndpointConfig, str("EndpointConfigName")))
	case manifest.KindEndpointConfig:
		for _, list := range []string{"ProductionVariants", "ShadowProductionVariants"} {
			for _, v := range manifest.Items(manifest.Get(d.Body, list)) {
				m, _ := manifest.Str(manifest.Get(v, "ModelName"))
				out = append(out, byName(manifest.KindModel, m))
			}
		}
	case manifest.KindInferenceComponent:
		out = append(out, byName(manifest.KindEndpoint, str("EndpointName")),
			byName(manifest.KindInferenceComponent, str("BaseInferenceComponentName")))
		if m, _ := manifest.Str(manifest.Get(manifest.Mapping(manifest.Get(d.Body, "Specification")), "ModelName")); m != "" {
			out = append(out, byName(manifest.KindModel, m))
		}
	case manifest.KindScalableTarget:
		// ResourceId is endpoint/NAME/variant/VARIANT or inference-component/NAME
		// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
		switch parts := strings.Split(str("ResourceId"), "/"); {
		case len(parts) >= 2 && parts[0] == "endpoint":
			out = append(out, byName(manifest.KindEndpoint, parts[1]))
		case len(parts) == 2 && parts[0] == "inference-component":
			out = append(out, byName(manifest.KindInferenceComponent, parts[1]))
		}
	case manifest.KindSmokeTest:
		out = append(out, byName(manifest.KindEndpoint, str("EndpointName")))
	case manifest.KindScalingPolicy, manifest.KindScheduledAction:
		for _, t := range set.ByKind(manifest.KindScalableTarget) {
			if t.Name() == str("ResourceId") {
				out = append(out, t)
			}
		}
	}
	return out
}
