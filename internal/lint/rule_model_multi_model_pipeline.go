package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/servicerules"
	"gopkg.in/yaml.v3"
)

// modelMultiModelPipeline reports a second MultiModel container in a Model's Containers.
type modelMultiModelPipeline struct{}

var modelMultiModelPipelineInfo = &Info{
	ID:       "model-multi-model-pipeline",
	Severity: finding.Error,
	Summary:  "flags a Containers list with more than one container in Mode: MultiModel",
	Why: "An inference pipeline or multi-container model may include a multi-model container, but SageMaker rejects " +
		"CreateModel when more than one of its containers runs in MultiModel mode (ValidationException: \"" +
		servicerules.MsgMultiModelPipeline + "\").",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html; " +
		"GitHub issue OElesin/sagemaker-autopilot-step-functions#10: https://github.com/OElesin/sagemaker-autopilot-step-functions/issues/10",
	Fix:   "Keep Mode: MultiModel on one container and set the others to SingleModel (or remove Mode), or split the model.",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: tenants
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prep:1
    ModelDataUrl: s3://acme-models/prep/
    Mode: MultiModel
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
    ModelDataUrl: s3://acme-models/tenants/
    Mode: MultiModel
`,
	Good: `kind: Model
ModelName: tenants
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prep:1
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
    ModelDataUrl: s3://acme-models/tenants/
    Mode: MultiModel
`,
}

func (modelMultiModelPipeline) Info() *Info { return modelMultiModelPipelineInfo }

func (modelMultiModelPipeline) Check(p *Pass) {
	var first *yaml.Node
	for _, c := range listedContainers(p.Doc.Body) {
		mode := manifest.Get(c.Node, "Mode")
		if !isStr(mode, containerModeMultiModel) {
			continue
		}
		if first == nil {
			first = mode
			continue
		}
		p.Report(mode, fmt.Sprintf("%s is a second container in Mode: MultiModel (the first is at line %d); SageMaker supports at most one multi-model container per model",
			c.name(), first.Line), "set this container's Mode to SingleModel, or move it to a Model of its own")
	}
}
