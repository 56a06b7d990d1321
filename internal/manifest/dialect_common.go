package manifest

import (
	"github.com/sagectl/sagectl/internal/finding"
	"gopkg.in/yaml.v3"
)

// Origins of documents, as Document.Origin names them.
const (
	OriginSagectl        = "sagectl"
	OriginCloudFormation = "cloudformation"
	OriginACK            = "ack"
)

// DeployTimeTag is the tag of a node whose value is only known at deploy time: a
// CloudFormation intrinsic function (!Ref, Fn::GetAtt, ...) or a name CloudFormation
// generates. Such a value is present, so a required field is satisfied, but it is not
// judged: Str, Int, Float and Bool do not read it, and lint drops findings at it.
const DeployTimeTag = "!sagectl/deploy-time"

// IsDeployTime reports whether n is a value only known at deploy time.
func IsDeployTime(n *yaml.Node) bool {
	return n != nil && n.Tag == DeployTimeTag
}

// Position is a place in a file.
type Position struct {
	// File is the path as the user gave it.
	File string
	// Line and Col are 1-based.
	Line, Col int
}

// DeployTimePositions returns the positions of every deploy-time value in docs, so
// findings about such values can be dropped. It returns nil when there are none.
func DeployTimePositions(docs []*Document) map[Position]bool {
	var out map[Position]bool
	for _, d := range docs {
		if d.Origin != OriginCloudFormation {
			continue
		}
		walkNodes(d.Body, 0, func(n *yaml.Node) {
			if IsDeployTime(n) {
				if out == nil {
					out = map[Position]bool{}
				}
				out[Position{d.File.Path, n.Line, n.Column}] = true
			}
		})
	}
	return out
}

func walkNodes(n *yaml.Node, depth int, fn func(*yaml.Node)) {
	if n == nil || depth > maxDepth {
		return
	}
	fn(n)
	if n.Kind == yaml.AliasNode {
		return
	}
	for _, c := range n.Content {
		walkNodes(c, depth+1, fn)
	}
}

// newDocuments turns one parsed YAML document into the resource documents it holds:
// a CloudFormation template gives one per SageMaker resource, an ACK manifest one, and
// anything else is a native manifest (newDocument).
func newDocuments(f *File, index int, root *yaml.Node) ([]*Document, []finding.Finding) {
	body := root
	if body.Kind == yaml.DocumentNode && len(body.Content) == 1 {
		body = body.Content[0]
	}
	if isPlanFile(body) {
		return nil, nil // sagectl plan --out or --format json output, saved among the manifests
	}
	convert := dialectOf(body)
	if convert == nil {
		d, fs := newDocument(f, index, root)
		if d == nil {
			return nil, fs
		}
		return []*Document{d}, fs
	}
	if fs := checkStructure(f, index, body); len(fs) > 0 {
		return nil, fs
	}
	if _, err := ToValue(body); err != nil {
		return nil, []finding.Finding{tooLarge(f, index, body, err)}
	}
	return convert(f, index, body)
}

// isPlanFile reports whether a document is a plan sagectl wrote (plan --out, or plan
// --format json): a mapping with format_version, actions and fingerprints. Such a file
// saved in a manifest folder is not a manifest, and the loader skips it.
func isPlanFile(body *yaml.Node) bool {
	if body.Kind != yaml.MappingNode {
		return false
	}
	seen := 0
	for i := 0; i+1 < len(body.Content); i += 2 {
		switch body.Content[i].Value {
		case "format_version", "actions", "fingerprints":
			seen++
		}
	}
	return seen == 3
}

// dialectOf returns the converter for a document written in another dialect, or nil.
func dialectOf(body *yaml.Node) func(*File, int, *yaml.Node) ([]*Document, []finding.Finding) {
	if body.Kind != yaml.MappingNode {
		return nil
	}
	switch {
	case isCloudFormation(body):
		return fromCloudFormation
	case isACK(body):
		return fromACK
	}
	return nil
}

// copyNode copies the tree at n (aliases resolved) so a dialect can rewrite it without
// touching the parsed file; every copy keeps its original line and column. edit, when
// not nil, may return a replacement for a node (and its subtree) before it is copied.
func copyNode(n *yaml.Node, depth int, edit func(*yaml.Node) *yaml.Node) *yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	if edit != nil {
		if r := edit(n); r != nil {
			return r
		}
	}
	c := *n
	c.Content = nil
	if depth > maxDepth {
		return &c
	}
	for _, e := range n.Content {
		c.Content = append(c.Content, copyNode(e, depth+1, edit))
	}
	return &c
}

func finding1(f *File, index int, n *yaml.Node, sev finding.Severity, rule, msg, hint string) finding.Finding {
	return finding.Finding{Rule: rule, Severity: sev, File: f.Path, Line: max(n.Line, 1), Col: max(n.Column, 1),
		Doc: index, Message: msg, Hint: hint}
}
