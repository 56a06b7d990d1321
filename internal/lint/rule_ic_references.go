package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// icReferences reports an InferenceComponent's EndpointName, ModelName or
// BaseInferenceComponentName that names no document of the linted files or repository.
type icReferences struct{}

var icReferencesInfo = &Info{
	ID:              "inference-component-references",
	Severity:        finding.Warning,
	OtherSeverities: []finding.Severity{finding.Info},
	Summary:         "flags an InferenceComponent whose EndpointName, ModelName or BaseInferenceComponentName names no Endpoint, Model or InferenceComponent of the linted files",
	Why: "A component is placed on an existing endpoint, runs an existing model, and an adapter component (BaseInferenceComponentName) " +
		"loads its adapter into the copies of an existing base component. plan orders the creates only for resources it knows; a name " +
		"that matches none of the manifests is most likely a typo (warning), and when the repository has no manifest of that kind the " +
		"resource may already exist in the account (info).",
	Source: "CreateInferenceComponent EndpointName: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html; " +
		"InferenceComponentSpecification ModelName and BaseInferenceComponentName: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentSpecification.html",
	Fix:   "Correct the name, or lint the Endpoint, Model or base InferenceComponent's manifest together with the component.",
	Kinds: icKinds,
	Bad: icExample("main", 1, 16384, 1) + `---
kind: InferenceComponent
InferenceComponentName: llm-chat-sql
EndpointName: llm
Specification:
  BaseInferenceComponentName: llm-chta
  Container: {ArtifactUrl: "s3://acme-models/adapters/sql/"}
`,
	Good: icExample("main", 1, 16384, 1) + `---
kind: InferenceComponent
InferenceComponentName: llm-chat-sql
EndpointName: llm
Specification:
  BaseInferenceComponentName: llm-chat
  Container: {ArtifactUrl: "s3://acme-models/adapters/sql/"}
`,
}

func (icReferences) Info() *Info { return icReferencesInfo }

func (icReferences) Check(p *Pass) {
	infoDone := map[string]bool{}
	checkReference(p, manifest.Get(p.Doc.Body, "EndpointName"), "EndpointName", manifest.KindEndpoint, infoDone)
	for _, spec := range specifications(p.Doc.Body) {
		checkReference(p, manifest.Get(spec, "ModelName"), "ModelName", manifest.KindModel, infoDone)
		checkReference(p, manifest.Get(spec, "BaseInferenceComponentName"), "BaseInferenceComponentName", manifest.KindInferenceComponent, infoDone)
	}
}
