package apply

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/plan"
)

// AutoscalingAPI is the part of *applicationautoscaling.Client the call table uses for
// scalable targets, scaling policies and scheduled actions; tests substitute a fake.
type AutoscalingAPI interface {
	RegisterScalableTarget(context.Context, *aas.RegisterScalableTargetInput, ...func(*aas.Options)) (*aas.RegisterScalableTargetOutput, error)
	DeregisterScalableTarget(context.Context, *aas.DeregisterScalableTargetInput, ...func(*aas.Options)) (*aas.DeregisterScalableTargetOutput, error)
	DescribeScalableTargets(context.Context, *aas.DescribeScalableTargetsInput, ...func(*aas.Options)) (*aas.DescribeScalableTargetsOutput, error)
	PutScalingPolicy(context.Context, *aas.PutScalingPolicyInput, ...func(*aas.Options)) (*aas.PutScalingPolicyOutput, error)
	DeleteScalingPolicy(context.Context, *aas.DeleteScalingPolicyInput, ...func(*aas.Options)) (*aas.DeleteScalingPolicyOutput, error)
	PutScheduledAction(context.Context, *aas.PutScheduledActionInput, ...func(*aas.Options)) (*aas.PutScheduledActionOutput, error)
	DeleteScheduledAction(context.Context, *aas.DeleteScheduledActionInput, ...func(*aas.Options)) (*aas.DeleteScheduledActionOutput, error)
	TagResource(context.Context, *aas.TagResourceInput, ...func(*aas.Options)) (*aas.TagResourceOutput, error)
	UntagResource(context.Context, *aas.UntagResourceInput, ...func(*aas.Options)) (*aas.UntagResourceOutput, error)
	ListTagsForResource(context.Context, *aas.ListTagsForResourceInput, ...func(*aas.Options)) (*aas.ListTagsForResourceOutput, error)
}

var _ AutoscalingAPI = (*aas.Client)(nil)

// callAutoscaling runs an Application Auto Scaling call of the plan (ok is false for any
// other input): a registration tags a new target as this project's, and every change
// to an existing target, or to its policies and scheduled actions, needs the target to be this project's
// (plan.OwnerOf on its tags).
func (x *Executor) callAutoscaling(c context.Context, in any) (ok bool, err error) {
	switch in.(type) {
	case *aas.RegisterScalableTargetInput, *aas.DeregisterScalableTargetInput, *aas.PutScalingPolicyInput, *aas.DeleteScalingPolicyInput,
		*aas.PutScheduledActionInput, *aas.DeleteScheduledActionInput, *aas.TagResourceInput, *aas.UntagResourceInput:
	default:
		return false, nil
	}
	if x.Autoscaling == nil {
		return true, fmt.Errorf("apply cannot run a %T call: no Application Auto Scaling client", in)
	}
	switch in := in.(type) {
	case *aas.RegisterScalableTargetInput:
		id := aws.ToString(in.ResourceId)
		t, err := x.target(c, in.ServiceNamespace, id, in.ScalableDimension)
		if err != nil {
			return true, err
		}
		if t == nil {
			in.Tags = x.withAutoscalingOwnership(in.Tags)
		} else {
			if err := x.ownTarget(c, t, "changed"); err != nil {
				return true, err
			}
			// the API refuses tags on a registered target (they are TagResource's)
			in.Tags = nil
		}
		if _, err := x.Autoscaling.RegisterScalableTarget(c, in); err != nil {
			return true, wrap("RegisterScalableTarget", id, err)
		}
		t, err = x.target(c, in.ServiceNamespace, id, in.ScalableDimension)
		if err != nil {
			return true, err
		}
		if t == nil || (in.MinCapacity != nil && aws.ToInt32(t.MinCapacity) != *in.MinCapacity) || (in.MaxCapacity != nil && aws.ToInt32(t.MaxCapacity) != *in.MaxCapacity) {
			return true, fmt.Errorf("scalable target %s: not registered as asked after RegisterScalableTarget; run sagectl plan to see it", id)
		}
		return true, nil
	case *aas.DeregisterScalableTargetInput:
		id := aws.ToString(in.ResourceId)
		t, err := x.target(c, in.ServiceNamespace, id, in.ScalableDimension)
		if err != nil || t == nil {
			return true, err // already deregistered: nothing to do
		}
		if err := x.ownTarget(c, t, "deregistered"); err != nil {
			return true, err
		}
		_, err = x.Autoscaling.DeregisterScalableTarget(c, in)
		return true, wrap("DeregisterScalableTarget", id, err)
	case *aas.PutScalingPolicyInput:
		return true, x.putChild(c, in.ServiceNamespace, aws.ToString(in.ResourceId), in.ScalableDimension, "scaling policy "+aws.ToString(in.PolicyName), func() error {
			_, err := x.Autoscaling.PutScalingPolicy(c, in)
			return wrap("PutScalingPolicy", aws.ToString(in.PolicyName), err)
		})
	case *aas.PutScheduledActionInput:
		return true, x.putChild(c, in.ServiceNamespace, aws.ToString(in.ResourceId), in.ScalableDimension, "scheduled action "+aws.ToString(in.ScheduledActionName), func() error {
			_, err := x.Autoscaling.PutScheduledAction(c, in)
			return wrap("PutScheduledAction", aws.ToString(in.ScheduledActionName), err)
		})
	case *aas.DeleteScalingPolicyInput:
		return true, x.deleteChild(c, in.ServiceNamespace, aws.ToString(in.ResourceId), in.ScalableDimension, func() error {
			_, err := x.Autoscaling.DeleteScalingPolicy(c, in)
			return notFoundOK("DeleteScalingPolicy", aws.ToString(in.PolicyName), err)
		})
	case *aas.TagResourceInput:
		arn := aws.ToString(in.ResourceARN)
		if err := x.ownARN(c, arn, arn, "changed"); err != nil {
			return true, err
		}
		_, err := x.Autoscaling.TagResource(c, in)
		return true, wrap("TagResource", arn, err)
	case *aas.UntagResourceInput:
		arn := aws.ToString(in.ResourceARN)
		if err := x.ownARN(c, arn, arn, "changed"); err != nil {
			return true, err
		}
		_, err := x.Autoscaling.UntagResource(c, in)
		return true, wrap("UntagResource", arn, err)
	case *aas.DeleteScheduledActionInput:
		return true, x.deleteChild(c, in.ServiceNamespace, aws.ToString(in.ResourceId), in.ScalableDimension, func() error {
			_, err := x.Autoscaling.DeleteScheduledAction(c, in)
			return notFoundOK("DeleteScheduledAction", aws.ToString(in.ScheduledActionName), err)
		})
	}
	return true, nil
}

// putChild runs put, a PutScalingPolicy or PutScheduledAction of what (for messages), once
// its scalable target id is registered and this project's.
func (x *Executor) putChild(c context.Context, ns aastypes.ServiceNamespace, id string, dim aastypes.ScalableDimension, what string, put func() error) error {
	t, err := x.target(c, ns, id, dim)
	if err != nil {
		return err
	}
	if t == nil {
		return fmt.Errorf("%s: scalable target %s is not registered; run sagectl plan again", what, id)
	}
	if err := x.ownTarget(c, t, "changed"); err != nil {
		return err
	}
	return put()
}

// deleteChild runs del, a DeleteScalingPolicy or DeleteScheduledAction, when the scalable
// target id is registered (deregistering a target deletes its policies and scheduled
// actions, https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html:
// nothing is left otherwise) and this project's.
func (x *Executor) deleteChild(c context.Context, ns aastypes.ServiceNamespace, id string, dim aastypes.ScalableDimension, del func() error) error {
	t, err := x.target(c, ns, id, dim)
	if err != nil || t == nil {
		return err
	}
	if err := x.ownTarget(c, t, "changed"); err != nil {
		return err
	}
	return del()
}

// notFoundOK is wrap, with ObjectNotFoundException (deleted already) no error.
func notFoundOK(op, name string, err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "ObjectNotFoundException" {
		return nil
	}
	return wrap(op, name, err)
}

// target describes the scalable target id, or returns nil when it is not registered.
func (x *Executor) target(c context.Context, ns aastypes.ServiceNamespace, id string, dim aastypes.ScalableDimension) (*aastypes.ScalableTarget, error) {
	out, err := x.Autoscaling.DescribeScalableTargets(c, &aas.DescribeScalableTargetsInput{ServiceNamespace: ns, ResourceIds: []string{id}, ScalableDimension: dim})
	if err != nil {
		return nil, fmt.Errorf("scalable target %s: reading it: %w", id, err)
	}
	if len(out.ScalableTargets) == 0 {
		return nil, nil
	}
	return &out.ScalableTargets[0], nil
}

// ownTarget refuses a target that is not this project's: its tags
// (ListTagsForResource on its ScalableTargetARN) decide, through plan.OwnerOf.
func (x *Executor) ownTarget(c context.Context, t *aastypes.ScalableTarget, what string) error {
	id := aws.ToString(t.ResourceId)
	if t.ScalableTargetARN == nil {
		return fmt.Errorf("scalable target %s: not %s: it has no ScalableTargetARN, so its ownership tags cannot be read", id, what)
	}
	return x.ownARN(c, id, aws.ToString(t.ScalableTargetARN), what)
}

// ownARN is ownTarget for the target id (for messages) whose ScalableTargetARN is arn.
func (x *Executor) ownARN(c context.Context, id, arn, what string) error {
	out, err := x.Autoscaling.ListTagsForResource(c, &aas.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
	if err != nil {
		return fmt.Errorf("scalable target %s: reading its tags: %w", id, err)
	}
	project := ""
	if x.Guard != nil {
		project = x.Guard.Project
	}
	if plan.OwnerOf(out.Tags, project) != plan.OwnerUs {
		return fmt.Errorf("scalable target %s: not %s: %s", id, what, plan.NotOurs(out.Tags, project))
	}
	return nil
}

// withAutoscalingOwnership returns tags (Application Auto Scaling's map) with
// ManagedByTag and, with a project, plan.TagProject set, as withOwnership does.
func (x *Executor) withAutoscalingOwnership(tags map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range tags {
		out[k] = v
	}
	if _, ok := out[ManagedByTag]; !ok {
		out[ManagedByTag] = ManagedByValue
	}
	if x.Guard != nil && x.Guard.Project != "" {
		if _, ok := out[plan.TagProject]; !ok {
			out[plan.TagProject] = x.Guard.Project
		}
	}
	return out
}
