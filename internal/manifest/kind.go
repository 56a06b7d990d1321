package manifest

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/suggest"
	"gopkg.in/yaml.v3"
)

// newDocument checks one parsed YAML document and decides its kind. It returns nil
// when the document cannot be linted (the findings say why).
func newDocument(f *File, index int, root *yaml.Node) (*Document, []finding.Finding) {
	fnd := func(n *yaml.Node, sev finding.Severity, rule, msg, hint string) finding.Finding {
		return finding.Finding{Rule: rule, Severity: sev, File: f.Path, Line: max(n.Line, 1), Col: max(n.Column, 1),
			Doc: index, Message: msg, Hint: hint}
	}
	body := root
	if body.Kind == yaml.DocumentNode {
		if len(body.Content) == 0 {
			return nil, []finding.Finding{fnd(root, finding.Warning, RuleDocument, "empty YAML document", "remove the empty document or the extra ---")}
		}
		body = body.Content[0]
	}
	if IsNull(body) {
		return nil, []finding.Finding{fnd(body, finding.Warning, RuleDocument, "empty YAML document", "remove the empty document or the extra ---")}
	}
	if body.Kind != yaml.MappingNode {
		return nil, []finding.Finding{fnd(body, finding.Error, RuleDocument,
			fmt.Sprintf("document is a %s; a manifest must be a mapping of fields", kindWord(body)),
			"start the document with kind: Model, EndpointConfig or Endpoint and its fields")}
	}
	if fs := checkStructure(f, index, body); len(fs) > 0 {
		return nil, fs
	}
	if _, err := ToValue(body); err != nil {
		return nil, []finding.Finding{tooLarge(f, index, body, err)}
	}
	d := &Document{File: f, Index: index, Body: body, Origin: "sagectl"}
	kk, kv := Lookup(body, "kind")
	if kk == nil {
		k, ok := inferKind(body)
		if !ok {
			return nil, []finding.Finding{fnd(body, finding.Error, RuleKind,
				"document has no kind and its fields are not those of a CreateModel, CreateEndpointConfig or CreateEndpoint request",
				"add kind: Model, EndpointConfig or Endpoint")}
		}
		d.Kind, d.KindInferred = k, true
		return d, nil
	}
	s, _ := Str(kv)
	for _, k := range Kinds {
		if s == string(k) {
			d.Kind = k
			return d, nil
		}
	}
	msg := fmt.Sprintf("unknown kind %q: expected one of %s", kv.Value, strings.Join(kindNames(), ", "))
	hint := "set kind to one of " + strings.Join(kindNames(), ", ")
	if sug := suggest.Closest(s, kindNames()); sug != "" {
		hint = fmt.Sprintf("did you mean %q?", sug)
	}
	return nil, []finding.Finding{fnd(kv, finding.Error, RuleKind, msg, hint)}
}

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

// inferKind recognises AWS CLI input files (--cli-input-json/yaml) by their fields.
func inferKind(body *yaml.Node) (Kind, bool) {
	return inferFrom(func(k string) bool { return Get(body, k) != nil })
}

// inferFrom is inferKind over a document's top-level keys, has telling which are set.
func inferFrom(has func(string) bool) (Kind, bool) {
	switch {
	case has("EndpointConfigName") && has("ProductionVariants"):
		return KindEndpointConfig, true
	case has("ModelName") && (has("PrimaryContainer") || has("Containers")):
		return KindModel, true
	case has("EndpointName") && has("EndpointConfigName"):
		return KindEndpoint, true
	}
	return "", false
}

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value (" + strings.TrimPrefix(n.Tag, "!!") + ")"
	case yaml.AliasNode:
		return "alias"
	}
	return "non-mapping"
}

// tooLarge is the finding for a document ToValue refused: one that is simply huge
// (200,000 keys) is not blamed on aliases it does not have.
func tooLarge(f *File, index int, body *yaml.Node, err error) finding.Finding {
	written := 0
	walkNodes(body, 0, func(*yaml.Node) { written++ })
	msg, hint := err.Error(), "use fewer aliases, or write the values out"
	if written > MaxValues {
		msg = fmt.Sprintf("document is too large: %d YAML nodes, and no SageMaker request has more than %d values; sagectl does not read it", written, MaxValues)
		hint = "split the file into one document per resource, or remove what is not part of the request"
	}
	return finding1(f, index, body, finding.Error, RuleDocument, msg, hint)
}

// checkStructure walks the document once, without following aliases, and reports
// duplicate keys, non-string keys, excessive nesting and aliases to an anchor of
// another document (YAML anchors are local to their document; yaml.v3 lets them leak).
func checkStructure(f *File, index int, n *yaml.Node) []finding.Finding {
	var out []finding.Finding
	anchors := map[*yaml.Node]bool{}
	walkNodes(n, 0, func(x *yaml.Node) {
		if x.Anchor != "" {
			anchors[x] = true
		}
	})
	var walk func(n *yaml.Node, depth int) bool
	walk = func(n *yaml.Node, depth int) bool {
		if depth > maxDepth {
			out = append(out, finding.Finding{Rule: RuleDocument, Severity: finding.Error, File: f.Path, Line: n.Line, Col: n.Column, Doc: index,
				Message: fmt.Sprintf("nesting deeper than %d levels: no SageMaker request is shaped like this", maxDepth),
				Hint:    "check the indentation"})
			return false
		}
		switch n.Kind {
		case yaml.MappingNode:
			seen := map[string]*yaml.Node{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode {
					out = append(out, finding.Finding{Rule: RuleDocument, Severity: finding.Error, File: f.Path, Line: k.Line, Col: k.Column, Doc: index,
						Message: "mapping key is not a plain string", Hint: "use a field name as the key"})
					continue
				}
				if isMerge(k) {
					continue
				}
				if prev, dup := seen[k.Value]; dup {
					out = append(out, finding.Finding{Rule: RuleDocument, Severity: finding.Error, File: f.Path, Line: k.Line, Col: k.Column, Doc: index,
						Message: fmt.Sprintf("duplicate key %q: already defined at line %d", k.Value, prev.Line),
						Hint:    "remove one of the two; YAML keeps only one value"})
				} else {
					seen[k.Value] = k
				}
				if !walk(n.Content[i+1], depth+1) {
					return false
				}
			}
		case yaml.SequenceNode:
			for _, e := range n.Content {
				if !walk(e, depth+1) {
					return false
				}
			}
		case yaml.AliasNode:
			if n.Alias != nil && !anchors[n.Alias] {
				out = append(out, finding.Finding{Rule: RuleDocument, Severity: finding.Error, File: f.Path, Line: n.Line, Col: n.Column, Doc: index,
					Message: fmt.Sprintf("alias *%s refers to an anchor of another document (line %d): anchors are local to their document", n.Value, n.Alias.Line),
					Hint:    fmt.Sprintf("define &%s in this document, or write the value out", n.Value)})
			}
		}
		return true
	}
	walk(n, 0)
	return out
}

// requestFields are top-level fields of the CreateModel, CreateEndpointConfig and
// CreateEndpoint requests: a kind-less document with one of them is meant as an AWS CLI
// input file, even when its kind cannot be inferred.
var requestFields = []string{"ModelName", "EndpointConfigName", "EndpointName", "ProductionVariants",
	"PrimaryContainer", "Containers", "ExecutionRoleArn"}

// foreignReason returns why a document a directory walk found is not a manifest (a
// Kubernetes object, a compose file, a workflow), or "" when it is one, or is meant as
// one and so is judged: a sagectl kind or a near-miss of one, a CloudFormation template,
// an ACK manifest, a kind-less document with a SageMaker request field. Empty
// documents are judged as before.
func foreignReason(root *yaml.Node) string {
	body := root
	if body.Kind == yaml.DocumentNode {
		if len(body.Content) == 0 {
			return ""
		}
		body = body.Content[0]
	}
	body = deref(body)
	if body == nil || IsNull(body) {
		return ""
	}
	if body.Kind != yaml.MappingNode {
		return "is a " + kindWord(body) + ", not a mapping of fields"
	}
	if dialectOf(body) != nil {
		return ""
	}
	if _, kv := Lookup(body, "kind"); kv != nil {
		s, _ := Str(kv)
		if Kind(s).NameField() != "" || suggest.Closest(s, kindNames()) != "" {
			return ""
		}
		return fmt.Sprintf("has kind %q, not a SageMaker kind", kv.Value)
	}
	for _, k := range requestFields {
		if Get(body, k) != nil {
			return ""
		}
	}
	return "has no kind and no SageMaker request field"
}
