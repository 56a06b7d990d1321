package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/jsonpath"
	"github.com/sagectl/sagectl/internal/manifest"
)

// smokeTestExpect reports a SmokeTest Expect.JSONPath that does not parse, and an
// Expect.Equals without a JSONPath to compare.
type smokeTestExpect struct{}

var smokeTestExpectInfo = &Info{
	ID:       "smoke-test-expect",
	Severity: finding.Error,
	Summary:  "flags a SmokeTest Expect whose JSONPath does not parse or whose Equals has no JSONPath",
	Why: "apply reads the answer as JSON and looks the path up: $ then .member, ['member'] or [index] steps. A path that does not " +
		"parse could only fail the smoke test, and with it roll back a good deployment; Equals compares the value at JSONPath, " +
		"so without one it compares nothing.",
	Source: smokeSource,
	Fix:    "Write the path as $ followed by .member, ['member'] or [index] steps (e.g. $.predictions[0].label); give Equals with a JSONPath.",
	Kinds:  smokeKinds,
	Bad:    smokeExample("EndpointName: churn\nBody: '{\"tenure\": 3}'\nExpect: {JSONPath: \"predictions[0]\"}\n"),
	Good:   smokeExample("EndpointName: churn\nBody: '{\"tenure\": 3}'\nExpect: {JSONPath: \"$.predictions[0]\"}\n"),
}

func (smokeTestExpect) Info() *Info { return smokeTestExpectInfo }

func (smokeTestExpect) Check(p *Pass) {
	e := manifest.Get(p.Doc.Body, "Expect")
	path := manifest.Get(e, "JSONPath")
	if s, ok := manifest.Str(path); ok {
		if _, err := jsonpath.Parse(s); err != nil {
			p.Report(path, fmt.Sprintf("Expect.JSONPath %q does not parse: at %v", s, err),
				"write $ then .member, ['member'] or [index] steps, e.g. $.predictions[0].label")
		}
	}
	if eq := manifest.Get(e, "Equals"); eq != nil && path == nil {
		p.Report(eq, "Expect.Equals without Expect.JSONPath: Equals is the value the path must hold", "add the JSONPath whose value Equals gives, or remove Equals")
	}
}
