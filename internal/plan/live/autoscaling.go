package live

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/sagectl/sagectl/internal/manifest"
)

// AutoscalingClient is the part of *applicationautoscaling.Client the readers use: reads only.
type AutoscalingClient interface {
	DescribeScalableTargets(context.Context, *aas.DescribeScalableTargetsInput, ...func(*aas.Options)) (*aas.DescribeScalableTargetsOutput, error)
	DescribeScalingPolicies(context.Context, *aas.DescribeScalingPoliciesInput, ...func(*aas.Options)) (*aas.DescribeScalingPoliciesOutput, error)
	DescribeScheduledActions(context.Context, *aas.DescribeScheduledActionsInput, ...func(*aas.Options)) (*aas.DescribeScheduledActionsOutput, error)
	ListTagsForResource(context.Context, *aas.ListTagsForResourceInput, ...func(*aas.Options)) (*aas.ListTagsForResourceOutput, error)
}

var _ AutoscalingClient = (*aas.Client)(nil)

// policySep joins a policy's ResourceId and PolicyName into its live name, as the
// policy's ARN ends (…:resource/sagemaker/<ResourceId>:policyName/<PolicyName>,
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScalingPolicy.html):
// a policy name is unique only per scalable target.
const policySep = ":policyName/"

// scheduledSep is policySep for scheduled actions, whose ARN ends
// …:resource/sagemaker/<ResourceId>:scheduledActionName/<ScheduledActionName>
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_ScheduledAction.html).
const scheduledSep = ":scheduledActionName/"

// PolicyKey is the name Read and List use for the ScalingPolicy name of the scalable
// target resourceID.
func PolicyKey(resourceID, name string) string { return resourceID + policySep + name }

// SplitPolicyKey undoes PolicyKey; ok is false when key is not a policy's live name.
func SplitPolicyKey(key string) (resourceID, name string, ok bool) {
	return splitKey(key, policySep)
}

// ChildKey is the live name of a scaling policy or scheduled action (kind) name of the
// scalable target resourceID, as Read and List use it; for other kinds, name.
func ChildKey(kind manifest.Kind, resourceID, name string) string {
	switch kind {
	case manifest.KindScalingPolicy:
		return PolicyKey(resourceID, name)
	case manifest.KindScheduledAction:
		return resourceID + scheduledSep + name
	}
	return name
}

// SplitChildKey undoes ChildKey for a scaling policy or scheduled action; ok is false
// when key is not the live name of one of kind.
func SplitChildKey(kind manifest.Kind, key string) (resourceID, name string, ok bool) {
	switch kind {
	case manifest.KindScalingPolicy:
		return splitKey(key, policySep)
	case manifest.KindScheduledAction:
		return splitKey(key, scheduledSep)
	}
	return "", "", false
}

func splitKey(key, sep string) (resourceID, name string, ok bool) {
	i := strings.LastIndex(key, sep)
	if i < 0 {
		return "", "", false
	}
	return key[:i], key[i+len(sep):], true
}

// sagemakerNS is the only service namespace sagectl reads: the scalable targets of
// SageMaker variants and inference components.
const sagemakerNS = aastypes.ServiceNamespaceSagemaker

// readAutoscaling describes one scalable target (name is its ResourceId) or scaling
// policy (name is a PolicyKey) in the sagemaker namespace, and a target's tags
// (ListTagsForResource on its ScalableTargetARN; policies have no tags).
func (a *API) readAutoscaling(ctx context.Context, kind manifest.Kind, name string) (*Resource, error) {
	if a.Autoscaling == nil {
		return nil, fmt.Errorf("cannot read %s %s: no Application Auto Scaling client", kind, name)
	}
	var body any
	switch kind {
	case manifest.KindScalableTarget:
		out, err := a.Autoscaling.DescribeScalableTargets(ctx, &aas.DescribeScalableTargetsInput{ServiceNamespace: sagemakerNS, ResourceIds: []string{name}})
		if err != nil {
			return nil, fmt.Errorf("describing %s %s: %w", kind, name, err)
		}
		switch len(out.ScalableTargets) {
		case 0:
			return nil, nil
		case 1:
			body = out.ScalableTargets[0]
		default:
			return nil, fmt.Errorf("describing %s %s: %d scalable targets (one per dimension); sagectl plans one per resource", kind, name, len(out.ScalableTargets))
		}
	case manifest.KindScalingPolicy:
		id, policy, ok := SplitPolicyKey(name)
		if !ok {
			return nil, fmt.Errorf("cannot read %s %q: not <ResourceId>%s<PolicyName>", kind, name, policySep)
		}
		out, err := a.Autoscaling.DescribeScalingPolicies(ctx, &aas.DescribeScalingPoliciesInput{ServiceNamespace: sagemakerNS, ResourceId: aws.String(id), PolicyNames: []string{policy}})
		if err != nil {
			return nil, fmt.Errorf("describing %s %s: %w", kind, name, err)
		}
		if len(out.ScalingPolicies) == 0 {
			return nil, nil
		}
		body = out.ScalingPolicies[0]
	case manifest.KindScheduledAction:
		id, action, ok := SplitChildKey(kind, name)
		if !ok {
			return nil, fmt.Errorf("cannot read %s %q: not <ResourceId>%s<ScheduledActionName>", kind, name, scheduledSep)
		}
		out, err := a.Autoscaling.DescribeScheduledActions(ctx, &aas.DescribeScheduledActionsInput{ServiceNamespace: sagemakerNS, ResourceId: aws.String(id), ScheduledActionNames: []string{action}})
		if err != nil {
			return nil, fmt.Errorf("describing %s %s: %w", kind, name, err)
		}
		if len(out.ScheduledActions) == 0 {
			return nil, nil
		}
		body = out.ScheduledActions[0]
	default:
		return nil, fmt.Errorf("cannot read a resource of kind %q", kind)
	}
	m, err := toBody(body)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", kind, name, err)
	}
	r := newResource(kind, m)
	if kind != manifest.KindScalableTarget {
		return r, nil // policies and scheduled actions have no tags
	}
	if r.ARN == "" {
		// Targets registered before ScalableTargetARN existed have none, and tagging needs it.
		r.TagsUnknown = true
		return r, nil
	}
	tags, err := a.Autoscaling.ListTagsForResource(ctx, &aas.ListTagsForResourceInput{ResourceARN: aws.String(r.ARN)})
	if err != nil {
		return nil, fmt.Errorf("listing tags of %s %s: %w", kind, name, err)
	}
	for k, v := range tags.Tags {
		r.Tags[k] = v
	}
	return r, nil
}

// listAutoscaling returns the ResourceIds of every scalable target, or the ChildKeys of
// every scaling policy or scheduled action, of the sagemaker namespace, sorted.
func (a *API) listAutoscaling(ctx context.Context, kind manifest.Kind) ([]string, error) {
	if a.Autoscaling == nil {
		return nil, fmt.Errorf("cannot list %ss: no Application Auto Scaling client", kind)
	}
	var names []string
	var err error
	switch kind {
	case manifest.KindScalableTarget:
		names, err = pages(ctx, aas.NewDescribeScalableTargetsPaginator(a.Autoscaling, &aas.DescribeScalableTargetsInput{ServiceNamespace: sagemakerNS}),
			func(o *aas.DescribeScalableTargetsOutput) (out []string) {
				for _, t := range o.ScalableTargets {
					out = append(out, aws.ToString(t.ResourceId))
				}
				return out
			})
	case manifest.KindScalingPolicy:
		names, err = pages(ctx, aas.NewDescribeScalingPoliciesPaginator(a.Autoscaling, &aas.DescribeScalingPoliciesInput{ServiceNamespace: sagemakerNS}),
			func(o *aas.DescribeScalingPoliciesOutput) (out []string) {
				for _, s := range o.ScalingPolicies {
					out = append(out, PolicyKey(aws.ToString(s.ResourceId), aws.ToString(s.PolicyName)))
				}
				return out
			})
	case manifest.KindScheduledAction:
		names, err = pages(ctx, aas.NewDescribeScheduledActionsPaginator(a.Autoscaling, &aas.DescribeScheduledActionsInput{ServiceNamespace: sagemakerNS}),
			func(o *aas.DescribeScheduledActionsOutput) (out []string) {
				for _, s := range o.ScheduledActions {
					out = append(out, ChildKey(kind, aws.ToString(s.ResourceId), aws.ToString(s.ScheduledActionName)))
				}
				return out
			})
	default:
		return nil, fmt.Errorf("cannot list resources of kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("listing %ss: %w", kind, err)
	}
	sort.Strings(names)
	return names, nil
}
