package plan

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
)

// refuseAutoscaling fails the plan when the manifests declare Application Auto Scaling
// resources (ScalableTarget, ScalingPolicy, ScheduledAction): sagectl lints them but does
// not deploy them yet, and a plan that silently left them out would deploy an endpoint
// without the autoscaling its manifests ask for.
func refuseAutoscaling(set *manifest.Set) error {
	for _, d := range set.Docs {
		if d.Kind.Autoscaling() {
			return fmt.Errorf("%s:%d:%d: %s %q: sagectl lints %s documents but cannot plan or apply them yet: "+
				"register it with `aws application-autoscaling` after the endpoint is InService, and leave this file out of the paths given to plan and apply",
				d.File.Path, d.Body.Line, d.Body.Column, d.Kind, d.Name(), d.Kind)
		}
	}
	return nil
}
