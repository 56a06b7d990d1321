package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// variantModel returns the Model document in the linted set that variant v names,
// with v's ModelName node; nil when v names none or the set defines no such Model.
func variantModel(p *Pass, v variant) (*manifest.Document, *yaml.Node) {
	n := manifest.Get(v.Node, "ModelName")
	name, ok := manifest.Str(n)
	if !ok || p.names == nil {
		return nil, nil
	}
	m, _ := p.names.exactOf(p, manifest.KindModel, name)
	return m.Doc, n
}

// serverlessModels calls f for each serverless variant of p's document whose Model is in
// the linted set, with that Model and the variant's ModelName node.
func serverlessModels(p *Pass, f func(v variant, m *manifest.Document, ref *yaml.Node)) {
	for _, v := range variants(p.Doc.Body) {
		if !v.serverless() {
			continue
		}
		if m, ref := variantModel(p, v); m != nil {
			f(v, m, ref)
		}
	}
}

// modelFeature is a hosting feature a Model uses, for the exclusion rules.
type modelFeature struct {
	What string // e.g. "multi-model hosting (Mode: MultiModel)"
	Line int    // where the Model sets it
}

// packagingFeatures returns the ways a Model's packaging excludes serverless and shadow
// hosting: multi-model containers, inference pipelines and Marketplace model packages.
func packagingFeatures(body *yaml.Node) []modelFeature {
	var out []modelFeature
	if k, v := manifest.Lookup(body, "Containers"); k != nil && len(manifest.Items(v)) > 1 {
		out = append(out, modelFeature{fmt.Sprintf("an inference pipeline (%d Containers)", len(manifest.Items(v))), k.Line})
	}
	for _, c := range allContainers(body) {
		if mode := manifest.Get(c.Node, "Mode"); isStr(mode, containerModeMultiModel) {
			out = append(out, modelFeature{"multi-model hosting (Mode: MultiModel)", mode.Line})
		}
		if k := keyOf(c.Node, "ModelPackageName"); k != nil {
			out = append(out, modelFeature{"an AWS Marketplace model package (ModelPackageName)", k.Line})
		}
	}
	return out
}

// networkFeatures returns the Model settings that serverless hosting excludes besides
// packaging: VpcConfig, network isolation and a private Docker registry.
func networkFeatures(body *yaml.Node) []modelFeature {
	var out []modelFeature
	if k, v := manifest.Lookup(body, "VpcConfig"); k != nil && !manifest.IsNull(v) {
		out = append(out, modelFeature{"VpcConfig", k.Line})
	}
	if k, v := manifest.Lookup(body, "EnableNetworkIsolation"); k != nil {
		if on, _ := manifest.Bool(v); on {
			out = append(out, modelFeature{"network isolation (EnableNetworkIsolation: true)", k.Line})
		}
	}
	for _, c := range allContainers(body) {
		mode := manifest.Get(manifest.Get(c.Node, "ImageConfig"), "RepositoryAccessMode")
		if isStr(mode, repositoryAccessModeVpc) {
			out = append(out, modelFeature{"a private Docker registry (ImageConfig.RepositoryAccessMode: Vpc)", mode.Line})
		}
	}
	return out
}

// isStr reports whether n is the string want.
func isStr(n *yaml.Node, want string) bool {
	s, ok := manifest.Str(n)
	return ok && s == want
}

// where names the place a Model sets a feature, relative to the document being checked:
// "line 7" in the same file, else "models.yaml:7".
func (f modelFeature) where(p *Pass, m *manifest.Document) string {
	if m.File.Path == p.Doc.File.Path {
		return fmt.Sprintf("line %d", f.Line)
	}
	return fmt.Sprintf("%s:%d", m.File.Path, f.Line)
}
