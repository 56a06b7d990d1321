package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// modelContainerHostnameUnique reports a ContainerHostname used by two containers of one Model.
type modelContainerHostnameUnique struct{}

var modelContainerHostnameUniqueInfo = &Info{
	ID:       "model-container-hostname-unique",
	Severity: finding.Error,
	Summary:  "flags a ContainerHostname that two containers of the same Model use",
	Why: "A container's ContainerHostname uniquely identifies it within the model: for logs and metrics in an " +
		"inference pipeline, and as the TargetContainerHostname that selects the container in Direct invocation mode. " +
		"Two containers with one hostname cannot be told apart.",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html; " +
		"Developer Guide, Multi container direct: https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-direct.html",
	Fix:   "Give each container its own ContainerHostname.",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: detectors
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - ContainerHostname: model
    Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud:3
  - ContainerHostname: model
    Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
InferenceExecutionConfig:
  Mode: Direct
`,
	Good: modelContainerHostnameRequiredInfo.Good, // each container named once
}

func (modelContainerHostnameUnique) Info() *Info { return modelContainerHostnameUniqueInfo }

func (modelContainerHostnameUnique) Check(p *Pass) {
	seen := map[string]*yaml.Node{}
	for _, c := range listedContainers(p.Doc.Body) {
		n := manifest.Get(c.Node, "ContainerHostname")
		h, ok := manifest.Str(n)
		if !ok || h == "" {
			continue
		}
		if first, dup := seen[h]; dup {
			p.Report(n, fmt.Sprintf("ContainerHostname %q is already used by the container at line %d; each container needs its own hostname", h, first.Line),
				"rename this container's ContainerHostname")
			continue
		}
		seen[h] = n
	}
}
