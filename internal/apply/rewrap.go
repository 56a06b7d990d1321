package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// restoreAutoscaling runs again, when a step stopped at call stopped before its
// UpdateEndpoint completed, the registrations and policies the step was to put after the
// update for the scalable targets its earlier calls deregistered: an endpoint whose update
// failed (or was interrupted) keeps its old config, and with it the autoscaling it had,
// instead of running unscaled until the next apply. It returns what to add to the step's
// error: what was registered again, or why not and what converges.
func (x *Executor) restoreAutoscaling(ctx context.Context, w *Waiter, s Step, stopped int) string {
	gone := map[string]bool{}
	for _, in := range s.Inputs[:stopped] {
		if d, ok := in.(*aas.DeregisterScalableTargetInput); ok {
			gone[aws.ToString(d.ResourceId)] = true
		}
	}
	if len(gone) == 0 || updated(s.Inputs[:stopped]) {
		return ""
	}
	c := context.WithoutCancel(ctx)
	var done []string
	for _, in := range s.Inputs[stopped:] {
		op, id, ok := restoring(in)
		if !ok || !gone[id] {
			continue
		}
		if err := x.call(c, w, in); err != nil {
			return fmt.Sprintf("; registering the deregistered scalable targets again failed too (%v): they are not autoscaled now, and sagectl apply registers them again", err)
		}
		done = append(done, op+" "+id)
	}
	if len(done) == 0 {
		return ""
	}
	return "; the scalable targets deregistered before the update were registered again as the plan had them (" + strings.Join(done, ", ") + ")"
}

// updated reports whether ran holds an UpdateEndpoint: it completed, as the calls before
// the one that stopped the step did.
func updated(ran []any) bool {
	for _, in := range ran {
		if _, ok := in.(*sagemaker.UpdateEndpointInput); ok {
			return true
		}
	}
	return false
}

// restoring returns the operation and ResourceId of a registration, policy put or
// scheduled action put; ok is false for any other call.
func restoring(in any) (op, id string, ok bool) {
	switch in := in.(type) {
	case *aas.RegisterScalableTargetInput:
		return "RegisterScalableTarget", aws.ToString(in.ResourceId), true
	case *aas.PutScalingPolicyInput:
		return "PutScalingPolicy", aws.ToString(in.ResourceId), true
	case *aas.PutScheduledActionInput:
		return "PutScheduledAction", aws.ToString(in.ResourceId), true
	}
	return "", "", false
}

// withRestore adds note to err, keeping what errors.As finds in it.
func withRestore(err error, note string) error {
	if note == "" {
		return err
	}
	return fmt.Errorf("%w%s", err, note)
}
