package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
)

// smokeTestEndpoint reports a SmokeTest whose EndpointName names no Endpoint of the linted
// files or repository: plan attaches a test to the endpoint it creates or updates, so such
// a test never runs.
type smokeTestEndpoint struct{}

var smokeTestEndpointInfo = &Info{
	ID:       "smoke-test-endpoint",
	Severity: finding.Warning,
	Summary:  "flags a SmokeTest whose EndpointName names no Endpoint of the linted files",
	Why: "sagectl runs a smoke test inside the apply step that creates an endpoint or switches it to a new config, after the " +
		"endpoint is InService and before the superseded config is deleted. A test whose EndpointName matches no Endpoint manifest " +
		"is attached to nothing: it never runs, and the deployment it was meant to guard goes unchecked.",
	Source: smokeSource,
	Fix:    "Set EndpointName to the EndpointName of an Endpoint manifest, and lint and plan the test together with it.",
	Kinds:  smokeKinds,
	Bad:    smokeExample("EndpointName: chrun\nBody: '{\"tenure\": 3}'\n"),
	Good:   smokeExample("EndpointName: churn\nBody: '{\"tenure\": 3}'\n"),
}

func (smokeTestEndpoint) Info() *Info { return smokeTestEndpointInfo }

func (smokeTestEndpoint) Check(p *Pass) {
	n := manifest.Get(p.Doc.Body, "EndpointName")
	name, ok := manifest.Str(n)
	if !ok || name == "" || p.names == nil {
		return
	}
	if p.names.has(manifest.KindEndpoint, name) || p.Context.Has(manifest.KindEndpoint, name) {
		return
	}
	if _, found := p.names.foldedOf(p, manifest.KindEndpoint, manifest.NameKey(name)); found {
		return // the same endpoint in another case: plan matches names as SageMaker does
	}
	hint := "set EndpointName to an Endpoint of the manifests, and lint and plan the test with them"
	if sug := suggest.Closest(name, p.names.sortedOf(manifest.KindEndpoint)); sug != "" {
		hint = fmt.Sprintf("did you mean %q?", sug)
	}
	p.Report(n, fmt.Sprintf("EndpointName %q names no Endpoint of the linted files: a smoke test runs only when plan creates or updates its endpoint, so this one never runs", name), hint)
}
