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
// scalable targets and scaling policies; tests substitute a fake.
type AutoscalingAPI interface {
	RegisterScalableTarget(context.Context, *aas.RegisterScalableTargetInput, ...func(*aas.Options)) (*aas.RegisterScalableTargetOutput, error)
	DeregisterScalableTarget(context.Context, *aas.DeregisterScalableTargetInput, ...func(*aas.Options)) (*aas.DeregisterScalableTargetOutput, error)
	DescribeScalableTargets(context.Context, *aas.DescribeScalableTargetsInput, ...func(*aas.Options)) (*aas.DescribeScalableTargetsOutput, error)
	PutScalingPolicy(context.Context, *aas.PutScalingPolicyInput, ...func(*aas.Options)) (*aas.PutScalingPolicyOutput, error)
	DeleteScalingPolicy(context.Context, *aas.DeleteScalingPolicyInput, ...func(*aas.Options)) (*aas.DeleteScalingPolicyOutput, error)
	ListTagsForResource(context.Context, *aas.ListTagsForResourceInput, ...func(*aas.Options)) (*aas.ListTagsForResourceOutput, error)
}

var _ AutoscalingAPI = (*aas.Client)(nil)

// callAutoscaling runs an Application Auto Scaling call of the plan (ok is false for any
// other input): a registration tags a new target as this project's, and every change
// to an existing target, or to its policies, needs the target to be this project's
// (plan.OwnerOf on its tags).
func (x *Executor) callAutoscaling(c context.Context, in any) (ok bool, err error) {
	switch in.(type) {
	case *aas.RegisterScalableTargetInput, *aas.DeregisterScalableTargetInput, *aas.PutScalingPolicyInput, *aas.DeleteScalingPolicyInput:
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
		id := aws.ToString(in.ResourceId)
		t, err := x.target(c, in.ServiceNamespace, id, in.ScalableDimension)
		if err != nil {
			return true, err
		}
		if t == nil {
			return true, fmt.Errorf("scaling policy %s: scalable target %s is not registered; run sagectl plan again", aws.ToString(in.PolicyName), id)
		}
		if err := x.ownTarget(c, t, "changed"); err != nil {
			return true, err
		}
		_, err = x.Autoscaling.PutScalingPolicy(c, in)
		return true, wrap("PutScalingPolicy", aws.ToString(in.PolicyName), err)
	case *aas.DeleteScalingPolicyInput:
		id := aws.ToString(in.ResourceId)
		t, err := x.target(c, in.ServiceNamespace, id, in.ScalableDimension)
		if err != nil || t == nil {
			return true, err // deregistering a target deletes its policies: nothing left
		}
		if err := x.ownTarget(c, t, "changed"); err != nil {
			return true, err
		}
		_, err = x.Autoscaling.DeleteScalingPolicy(c, in)
		var ae smithy.APIError
		if errors.As(err, &ae) && ae.ErrorCode() == "ObjectNotFoundException" {
			return true, nil // deleted already
		}
		return true, wrap("DeleteScalingPolicy", aws.ToString(in.PolicyName), err)
	}
	return true, nil
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
	out, err := x.Autoscaling.ListTagsForResource(c, &aas.ListTagsForResourceInput{ResourceARN: t.ScalableTargetARN})
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
