package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// modelContainerForm reports a Model that sets both container forms, or neither.
type modelContainerForm struct{}

var modelContainerFormInfo = &Info{
	ID:       "model-container-form",
	Severity: finding.Error,
	Summary:  "flags a Model that sets both PrimaryContainer and Containers, or neither",
	Why: "CreateModel describes a model's containers in one of two forms: PrimaryContainer for a single container, or " +
		"Containers for an inference pipeline or a multi-container endpoint (\"Use the Containers parameter instead of " +
		"PrimaryContainer\"). SageMaker expects exactly one of them and rejects a request that sets both or neither; " +
		"an empty Containers list counts as not set.",
	Source: "API Reference, CreateModel: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html; " +
		"Developer Guide, Multi container create: https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html; " +
		"Developer Guide, Inference pipelines: https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html; " +
		"GitHub pull request aws/amazon-sagemaker-operator-for-k8s#164: https://github.com/aws/amazon-sagemaker-operator-for-k8s/pull/164",
	Fix:   "Keep PrimaryContainer for a single container, or move every container into Containers.",
	Kinds: []manifest.Kind{manifest.KindModel},
	Bad: `kind: Model
ModelName: churn-v9
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
Containers:
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prep:1
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
`,
	Good: `kind: Model
ModelName: churn-v9
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
Containers:
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/prep:1
  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:9
`,
}

func (modelContainerForm) Info() *Info { return modelContainerFormInfo }

func (modelContainerForm) Check(p *Pass) {
	primary, pv := manifest.Lookup(p.Doc.Body, "PrimaryContainer")
	list, lv := manifest.Lookup(p.Doc.Body, "Containers")
	hasPrimary := primary != nil && !manifest.IsNull(pv)
	hasList := list != nil && len(manifest.Items(lv)) > 0
	switch {
	case hasPrimary && hasList:
		first, second := primary, list
		if second.Line < first.Line || second.Line == first.Line && second.Column < first.Column {
			first, second = second, first
		}
		p.Report(second, fmt.Sprintf("the Model sets %s and %s (line %d); CreateModel takes one container form, PrimaryContainer or Containers",
			second.Value, first.Value, first.Line),
			"keep PrimaryContainer for one container, or move it into Containers")
	case !hasPrimary && !hasList:
		at := list
		if at == nil {
			at = primary
		}
		if at == nil {
			at = keyOf(p.Doc.Body, "ModelName")
		}
		p.Report(at, "the Model has no container: set PrimaryContainer, or Containers with at least one container",
			"add PrimaryContainer with the inference Image (or ModelPackageName)")
	}
}
