package manifest

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/suggest"
	"gopkg.in/yaml.v3"
)

// ackGroup is the API group of the AWS Controllers for Kubernetes SageMaker controller.
const ackGroup = "sagemaker.services.k8s.aws/"

// isACK reports whether a document body is an ACK SageMaker manifest.
func isACK(body *yaml.Node) bool {
	v, _ := Str(Get(body, "apiVersion"))
	return strings.HasPrefix(v, ackGroup)
}

// fromACK makes a document of an ACK manifest: its spec, with ACK's camelCase field
// names (kmsKeyID, productionVariants) renamed to the API's (KmsKeyId,
// ProductionVariants) in a copy that keeps every position. Fields the API does not
// know keep their name, so the schema reports them where they are. ACK kinds sagectl
// does not manage (TrainingJob, ...) are skipped, unless the kind looks like a typo.
func fromACK(f *File, index int, body *yaml.Node) ([]*Document, []finding.Finding) {
	kk, kv := Lookup(body, "kind")
	kind, _ := Str(kv)
	k := Kind(kind)
	if k.NameField() == "" {
		if kv == nil {
			return nil, []finding.Finding{finding1(f, index, body, finding.Error, RuleKind,
				"ACK manifest has no kind", "add kind: Model, EndpointConfig or Endpoint")}
		}
		if s := suggest.Closest(kind, kindNames()); s != "" {
			return nil, []finding.Finding{finding1(f, index, kv, finding.Error, RuleKind,
				fmt.Sprintf("unknown kind %q: expected one of Model, EndpointConfig, Endpoint", kind), fmt.Sprintf("did you mean %q?", s))}
		}
		return nil, nil
	}
	spec := Get(body, "spec")
	var out *yaml.Node
	switch {
	case IsNull(spec):
		out = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: kk.Line, Column: kk.Column}
	case spec.Kind != yaml.MappingNode:
		return nil, []finding.Finding{finding1(f, index, spec, finding.Error, RuleDocument,
			"spec is not a mapping: an ACK manifest's spec holds the fields of the API request", "write spec as a mapping of fields")}
	default:
		out = renameACK(spec, apiShape(k), 0)
	}
	name, _ := Str(Get(Get(body, "metadata"), "name"))
	return []*Document{{File: f, Index: index, Kind: k, Body: out, Origin: OriginACK, LogicalID: name}}, nil
}

// renameACK copies n, renaming the keys of mappings that have shape s to the API's
// field names and descending into the fields' shapes.
func renameACK(n *yaml.Node, s *shape, depth int) *yaml.Node {
	n = deref(n)
	if s == nil || n == nil || depth > maxDepth {
		return copyNode(n, depth, nil)
	}
	c := *n
	c.Content = nil
	switch {
	case n.Kind == yaml.MappingNode && s.fields != nil:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			nk := *k
			sub := s
			if !isMerge(k) {
				f, ok := s.fields[strings.ToLower(k.Value)]
				if ok {
					nk.Value = f.name
				}
				sub = f.shape
			}
			c.Content = append(c.Content, &nk, renameACK(v, sub, depth+1))
		}
	case n.Kind == yaml.MappingNode && s.values != nil:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := *n.Content[i]
			c.Content = append(c.Content, &k, renameACK(n.Content[i+1], s.values, depth+1))
		}
	case n.Kind == yaml.SequenceNode && s.items != nil:
		for _, e := range n.Content {
			c.Content = append(c.Content, renameACK(e, s.items, depth+1))
		}
	default:
		return copyNode(n, depth, nil)
	}
	return &c
}
