package lint

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// smokeTestBody reports a SmokeTest with both or neither of Body and BodyFile, and a
// BodyFile that is not a readable regular file of at most InvokeEndpoint's 6 MiB.
type smokeTestBody struct{}

// maxSmokeBody is InvokeEndpoint's largest request body, 6 MiB (the Body member of
// InvokeEndpointInput, https://github.com/boto/botocore/blob/1.43.11/botocore/data/sagemaker-runtime/2017-05-13/service-2.json).
const maxSmokeBody = 6 << 20

var smokeTestBodyInfo = &Info{
	ID:       "smoke-test-body",
	Severity: finding.Error,
	Summary:  "flags a SmokeTest without exactly one of Body and BodyFile, or whose BodyFile is missing or larger than 6 MiB",
	Why: "InvokeEndpoint requires a request body of at most 6 MiB. A smoke test gives it as text (Body) or as a file beside the " +
		"manifest (BodyFile, for binary payloads such as images); with both it is unclear which is sent, and a missing file would " +
		"fail the plan instead of the lint.",
	Source: smokeSource + "; the 6 MiB bound of InvokeEndpointInput Body: https://github.com/boto/botocore/blob/1.43.11/botocore/data/sagemaker-runtime/2017-05-13/service-2.json",
	Fix:    "Keep one of Body and BodyFile; give BodyFile as a path relative to the manifest's directory, to a file of at most 6 MiB.",
	Kinds:  smokeKinds,
	Bad:    smokeExample("EndpointName: churn\nBody: '{\"tenure\": 3}'\nBodyFile: request.json\n"),
	Good:   smokeExample("EndpointName: churn\nBody: '{\"tenure\": 3}'\n"),
}

func (smokeTestBody) Info() *Info { return smokeTestBodyInfo }

func (smokeTestBody) Check(p *Pass) {
	body := manifest.Get(p.Doc.Body, "Body")
	file := manifest.Get(p.Doc.Body, "BodyFile")
	switch {
	case body != nil && file != nil:
		p.Report(file, "both Body and BodyFile are set: a smoke test sends one body", "remove Body or BodyFile")
	case body == nil && file == nil:
		p.Report(nil, "no Body or BodyFile: InvokeEndpoint requires a request body", "set Body (text) or BodyFile (a file relative to the manifest's directory)")
	case file != nil:
		checkBodyFile(p, file)
	}
}

// checkBodyFile reports a BodyFile that is not a regular file of at most maxSmokeBody bytes.
func checkBodyFile(p *Pass, n *yaml.Node) {
	name, ok := manifest.Str(n)
	if !ok || name == "" || p.Doc.File.Path == "-" {
		return // the schema reports the type; a manifest on stdin has no directory
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(p.Doc.File.Path), name)
	}
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		p.Report(n, fmt.Sprintf("BodyFile %s: %v", name, err), "give the path relative to the manifest's directory, to a file in the repository")
	case !fi.Mode().IsRegular():
		p.Report(n, fmt.Sprintf("BodyFile %s is not a regular file", name), "name the file holding the request body")
	case fi.Size() > maxSmokeBody:
		p.Report(n, fmt.Sprintf("BodyFile %s is %d bytes, more than InvokeEndpoint's 6 MiB (%d bytes)", name, fi.Size(), maxSmokeBody), "send a smaller request")
	}
}
