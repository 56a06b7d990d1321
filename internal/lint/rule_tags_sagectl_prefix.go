package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// tagsSagectlPrefix warns about tag keys in the sagectl: namespace, which sagectl writes itself.
type tagsSagectlPrefix struct{}

var tagsSagectlPrefixInfo = &Info{
	ID:       "tag-key-sagectl-prefix",
	Severity: finding.Warning,
	Summary:  `flags a tag key starting with "sagectl:", which sagectl reserves for itself`,
	Why: "sagectl tags every resource it creates with sagectl:managed-by (and other sagectl: tags) and uses them to decide " +
		"what it owns: only resources tagged sagectl:managed-by may be deleted by plan --prune. A manifest that sets such a " +
		"tag itself is overwritten, or worse, marks a resource as managed that sagectl did not create.",
	Source: "sagectl's ownership tags (sagectl:managed-by, sagectl:logical-id, sagectl:spec-hash), which plan reads: https://github.com/sagectl/sagectl/blob/main/docs/plan.md",
	Fix:    `Remove the tag, or rename its key outside the sagectl: namespace (e.g. "acme:owner").`,
	Bad: `kind: Endpoint
EndpointName: my-endpoint
EndpointConfigName: my-config
Tags:
  - {Key: "sagectl:managed-by", Value: me}
`,
	Good: `kind: Endpoint
EndpointName: my-endpoint
EndpointConfigName: my-config
Tags:
  - {Key: "acme:owner", Value: me}
`,
}

func (tagsSagectlPrefix) Info() *Info { return tagsSagectlPrefixInfo }

func (tagsSagectlPrefix) Check(p *Pass) {
	for _, t := range tagKeys(p.Doc.Body) {
		if n := len(manifest.ReservedTagPrefix); len(t.Value) >= n && strings.EqualFold(t.Value[:n], manifest.ReservedTagPrefix) {
			p.Report(t.Node, fmt.Sprintf("tag key %q is in the sagectl: namespace, which sagectl sets and reads itself", t.Value),
				"remove the tag or rename its key outside the sagectl: namespace")
		}
	}
}
