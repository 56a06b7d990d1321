package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// modelContainerHostnameRequired reports containers of a multi-container Model that lack
// a ContainerHostname where SageMaker requires one.
type modelContainerHostnameRequired struct{}

var modelContainerHostnameRequiredInfo = &Info{
	ID:       "model-container-hostname-required",
	Severity: finding.Error,
	Summary:  "flags a container without ContainerHostname in a Direct-mode model, or in a pipeline whose other containers name theirs",
	Why: "With InferenceExecutionConfig Mode: Direct, callers pick a container by its hostname (InvokeEndpoint's " +
		"TargetContainerHostname), so the ContainerHostname parameter is required for each container. In a Serial " +
		"inference pipeline SageMaker names unnamed containers by position, but if any container of the pipeline sets " +
		"ContainerHostname, every container must set it.",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html; " +
		"Developer Guide, Multi container create: https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html; " +
		"Developer Guide, Multi container direct: https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-direct.html",
	Fix:   "Give every container in Containers a ContainerHostname (or, in a Serial pipeline, give none of them one).",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: detectors
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - ContainerHostname: fraud
    Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud:3
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
InferenceExecutionConfig:
  Mode: Direct
`,
	Good: `kind: Model
ModelName: detectors
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - ContainerHostname: fraud
    Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud:3
  - ContainerHostname: churn
    Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
InferenceExecutionConfig:
  Mode: Direct
`,
}

func (modelContainerHostnameRequired) Info() *Info { return modelContainerHostnameRequiredInfo }

func (modelContainerHostnameRequired) Check(p *Pass) {
	cs := listedContainers(p.Doc.Body)
	var named, unnamed []container
	for _, c := range cs {
		if present(c.Node, "ContainerHostname") {
			named = append(named, c)
		} else {
			unnamed = append(unnamed, c)
		}
	}
	if len(unnamed) == 0 {
		return
	}
	mode, modeNode := executionMode(p.Doc.Body)
	switch {
	case mode == inferenceModeDirect:
		for _, c := range unnamed {
			p.Report(c.Node, fmt.Sprintf("%s has no ContainerHostname, which Mode: Direct (line %d) requires of every container: callers select a container by its hostname",
				c.name(), modeNode.Line), "add ContainerHostname: <name> to this container")
		}
	case len(named) > 0:
		first := named[0]
		for _, c := range unnamed {
			p.Report(c.Node, fmt.Sprintf("%s has no ContainerHostname while %s sets one (line %d); once one container of a pipeline sets ContainerHostname, every container must",
				c.name(), first.name(), keyOf(first.Node, "ContainerHostname").Line),
				"add ContainerHostname to every container, or remove it from all of them")
		}
	}
}
