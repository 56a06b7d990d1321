package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// nameNode returns the node holding a document's resource name, and the name.
func nameNode(d *manifest.Document) (*yaml.Node, string, bool) {
	n := manifest.Get(d.Body, d.Kind.NameField())
	s, ok := manifest.Str(n)
	return n, s, ok && s != ""
}

// firstEarlier returns the first document of p.Set before p.Doc with p.Doc's kind whose
// name satisfies match, with its name node.
func firstEarlier(p *Pass, match func(name string) bool) (*manifest.Document, *yaml.Node) {
	if p.Set == nil {
		return nil, nil
	}
	for _, d := range p.Set.Docs {
		if d == p.Doc {
			break
		}
		if d.Kind != p.Doc.Kind {
			continue
		}
		if n, s, ok := nameNode(d); ok && match(s) {
			return d, n
		}
	}
	return nil, nil
}

// where renders the position of node n of document d for a message about p.Doc:
// "line N" in the same file, else "FILE:N".
func where(p *Pass, d *manifest.Document, n *yaml.Node) string {
	if d.File == p.Doc.File {
		return fmt.Sprintf("line %d", n.Line)
	}
	return fmt.Sprintf("%s:%d", d.File.Path, n.Line)
}
