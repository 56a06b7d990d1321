package importer

import (
	"context"
	"maps"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// componentDependencies are the resources a live inference component uses: its endpoint,
// its specifications' models and an adapter's base component.
func componentDependencies(res *live.Resource) []Ref {
	out := []Ref{}
	if e := res.Str("EndpointName"); e != "" {
		out = append(out, Ref{manifest.KindEndpoint, e})
	}
	for _, s := range specsOf(res.Body) {
		if m, _ := s["ModelName"].(string); m != "" {
			out = append(out, Ref{manifest.KindModel, m})
		}
		if b, _ := s["BaseInferenceComponentName"].(string); b != "" {
			out = append(out, Ref{manifest.KindInferenceComponent, b})
		}
	}
	return out
}

// specsOf returns a component body's Specification and Specifications entries.
func specsOf(body map[string]any) []map[string]any {
	var out []map[string]any
	if s, ok := body["Specification"].(map[string]any); ok {
		out = append(out, s)
	}
	list, _ := body["Specifications"].([]any)
	for _, e := range list {
		if s, ok := e.(map[string]any); ok {
			out = append(out, s)
		}
	}
	return out
}

// asComponentRequest reshapes a DescribeInferenceComponent answer into the members of
// CreateInferenceComponent: the container's image is the one specified
// (DeployedImage.SpecifiedImage, not the resolved digest), the copy count the desired
// one (DesiredCopyCount: what the last update or the autoscaler asked for).
func asComponentRequest(res *live.Resource) *live.Resource {
	out := *res
	out.Body = maps.Clone(res.Body)
	reshape := func(s map[string]any) map[string]any {
		s = maps.Clone(s)
		if c, ok := s["Container"].(map[string]any); ok {
			c = maps.Clone(c)
			if img, ok := c["DeployedImage"].(map[string]any); ok && img["SpecifiedImage"] != nil {
				c["Image"] = img["SpecifiedImage"]
			}
			delete(c, "DeployedImage")
			s["Container"] = c
		}
		return s
	}
	if s, ok := out.Body["Specification"].(map[string]any); ok {
		out.Body["Specification"] = reshape(s)
	}
	if list, ok := out.Body["Specifications"].([]any); ok {
		specs := make([]any, len(list))
		for i, e := range list {
			m, _ := e.(map[string]any)
			specs[i] = reshape(m)
		}
		out.Body["Specifications"] = specs
	}
	if rc, ok := out.Body["RuntimeConfig"].(map[string]any); ok {
		out.Body["RuntimeConfig"] = map[string]any{"CopyCount": rc["DesiredCopyCount"]}
	}
	return &out
}

// componentTargets adds to got the scalable target of the copy count of every component in
// got (ResourceId inference-component/<name>) that exists, and records it in targets.
func componentTargets(ctx context.Context, r live.Reader, got map[Ref]*live.Resource, targets map[string]bool) error {
	for ref, res := range got {
		if ref.Kind != manifest.KindInferenceComponent {
			continue
		}
		t, err := r.Read(ctx, manifest.KindScalableTarget, "inference-component/"+res.Name)
		if err != nil {
			return err
		}
		if t != nil {
			got[foldRef(Ref{manifest.KindScalableTarget, t.Name})] = t
			targets[manifest.NameKey(t.Name)] = true
		}
	}
	return nil
}
