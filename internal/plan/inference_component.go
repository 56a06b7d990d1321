package plan

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
)

// refuseInferenceComponents fails the plan when the manifests declare InferenceComponents:
// sagectl lints them, and the emulator serves their operations, but the planner does not
// plan them yet, and a plan that silently left them out would deploy an endpoint without
// the models its manifests place on it.
func refuseInferenceComponents(set *manifest.Set) error {
	for _, d := range set.Docs {
		if d.Kind == manifest.KindInferenceComponent {
			return fmt.Errorf("%s:%d:%d: InferenceComponent %q: sagectl lints InferenceComponent documents but cannot plan or apply them yet: "+
				"create it with `aws sagemaker create-inference-component` after the endpoint is InService, and leave this file out of the paths given to plan and apply",
				d.File.Path, d.Body.Line, d.Body.Column, d.Name())
		}
	}
	return nil
}
