// Package manifest loads sagectl manifests: it finds the files, parses every YAML or JSON
// document with its positions, decides each document's kind, and reports what it could
// not read as findings at their position.
package manifest

import (
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Kind is the kind of SageMaker resource a document describes.
type Kind string

// The resource kinds sagectl manages, in dependency order.
const (
	KindModel          Kind = "Model"
	KindEndpointConfig Kind = "EndpointConfig"
	KindEndpoint       Kind = "Endpoint"
	// KindScalableTarget is an Application Auto Scaling scalable target (RegisterScalableTarget):
	// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
	KindScalableTarget Kind = "ScalableTarget"
	// KindScalingPolicy is a scaling policy of a scalable target (PutScalingPolicy):
	// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html
	KindScalingPolicy Kind = "ScalingPolicy"
	// KindScheduledAction is a scheduled action of a scalable target (PutScheduledAction):
	// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
	KindScheduledAction Kind = "ScheduledAction"
	// KindInferenceComponent is a SageMaker inference component: a model placed on an
	// endpoint's variant with its compute needs and a copy count (CreateInferenceComponent):
	// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html
	KindInferenceComponent Kind = "InferenceComponent"
	// KindSmokeTest is not a resource but sagectl's own check of an endpoint: a request
	// apply sends with SageMaker Runtime's InvokeEndpoint after the endpoint is created or
	// updated, and what the answer must be (docs/smoke-tests.md):
	// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html
	KindSmokeTest Kind = "SmokeTest"
)

// Kinds lists every kind: Model before EndpointConfig before Endpoint, then the endpoint's
// scalable targets before their policies and scheduled actions, in dependency order; then
// InferenceComponent (its place in the graph is after Endpoint and before the scalable
// targets of its copy count); last SmokeTest, which names no resource of AWS.
var Kinds = []Kind{KindModel, KindEndpointConfig, KindEndpoint, KindScalableTarget, KindScalingPolicy, KindScheduledAction,
	KindInferenceComponent, KindSmokeTest}

// SageMakerKinds are the kinds of SageMaker's own API, in dependency order: the ones
// import reads and plan names physically (the Application Auto Scaling kinds are
// planned apart).
var SageMakerKinds = []Kind{KindModel, KindEndpointConfig, KindEndpoint, KindInferenceComponent}

// Autoscaling reports whether k is an Application Auto Scaling kind (ScalableTarget,
// ScalingPolicy, ScheduledAction), whose resources SageMaker's API does not name.
func (k Kind) Autoscaling() bool {
	return k == KindScalableTarget || k == KindScalingPolicy || k == KindScheduledAction
}

// NameField returns the request field that names a resource of kind k.
func (k Kind) NameField() string {
	switch k {
	case KindModel:
		return "ModelName"
	case KindEndpointConfig:
		return "EndpointConfigName"
	case KindEndpoint:
		return "EndpointName"
	case KindScalableTarget:
		// A target has no name: its ResourceId (with its dimension) identifies it.
		return "ResourceId"
	case KindScalingPolicy:
		return "PolicyName"
	case KindScheduledAction:
		return "ScheduledActionName"
	case KindInferenceComponent:
		return "InferenceComponentName"
	case KindSmokeTest:
		return "SmokeTestName"
	}
	return ""
}

// Words returns the kind in lower-case words, as messages and flags spell it
// ("endpoint config" for EndpointConfig).
func (k Kind) Words() string {
	var b strings.Builder
	for i, r := range string(k) {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte(' ')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Document is one resource manifest.
type Document struct {
	// File is the file the document came from.
	File *File
	// Index is the 0-based position of the YAML document within its file.
	Index int
	// Kind is the resource kind.
	Kind Kind
	// KindInferred is true when the document had no kind key and its kind was
	// recognised from its fields (an AWS CLI --cli-input-json/yaml file).
	KindInferred bool
	// Body is the mapping of API fields (the kind key, if any, is left in place and
	// skipped by Pairs). Aliases and merge keys are resolved.
	Body *yaml.Node
	// Origin names the dialect the document was written in ("sagectl" for native
	// manifests); positions always point into the original file.
	Origin string
	// LogicalID is the name of the resource inside a container format (a
	// CloudFormation logical ID); empty for native manifests.
	LogicalID string
}

// Name returns the resource name (the kind's NameField: ModelName, EndpointConfigName,
// EndpointName, ResourceId, PolicyName, ScheduledActionName or InferenceComponentName), or "".
func (d *Document) Name() string {
	s, _ := Str(Get(d.Body, d.Kind.NameField()))
	return s
}

// Set is everything loaded from a list of paths.
type Set struct {
	// Files are the files read, in the order found.
	Files []*File
	// Docs are the recognised resource documents, in file order.
	Docs []*Document
	// Skipped lists the files and documents directory walks found that are not
	// manifests, in file order; they are not in Files.
	Skipped []Skipped
	// NoManifest lists the paths given to Load that yielded no file to judge: an empty
	// folder, or one holding only other YAML and JSON (a path whose files are all
	// excluded by Options.Skip is not listed: that is what was asked).
	NoManifest []string
}

// ByKind returns the documents of kind k.
func (s *Set) ByKind(k Kind) []*Document {
	var out []*Document
	for _, d := range s.Docs {
		if d.Kind == k {
			out = append(out, d)
		}
	}
	return out
}

// Skipped is a file, or a document of a file, that a directory walk found but did not
// judge because it is not a SageMaker manifest.
type Skipped struct {
	// Path is the file's path.
	Path string
	// From is the path given to Load the file was found under.
	From string
	// Doc is the 0-based index of the document skipped, or -1 for the whole file.
	Doc int
	// Reason says why, as a phrase after the file or document ("has kind "Deployment",
	// not a SageMaker kind").
	Reason string
}

// SkippedFiles returns the number of whole files skipped.
func (s *Set) SkippedFiles() int {
	n := 0
	for _, sk := range s.Skipped {
		if sk.Doc < 0 {
			n++
		}
	}
	return n
}
