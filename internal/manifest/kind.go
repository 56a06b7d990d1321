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
		return nil, []finding.Finding{fnd(body, finding.Error, RuleDocument, err.Error(), "use fewer aliases, or write the values out")}
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
	has := func(k string) bool { return Get(body, k) != nil }
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

// checkStructure walks the document once, without following aliases, and reports
// duplicate keys, non-string keys and excessive nesting.
func checkStructure(f *File, index int, n *yaml.Node) []finding.Finding {
	var out []finding.Finding
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
		}
		return true
	}
	walk(n, 0)
	return out
}
