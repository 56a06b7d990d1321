package apply

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// API is the part of *sagemaker.Client the call table below uses; tests substitute a
// fake. A new resource kind adds its operations here and its cases to call.
type API interface {
	CreateModel(context.Context, *sagemaker.CreateModelInput, ...func(*sagemaker.Options)) (*sagemaker.CreateModelOutput, error)
	DescribeModel(context.Context, *sagemaker.DescribeModelInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeModelOutput, error)
	ListModels(context.Context, *sagemaker.ListModelsInput, ...func(*sagemaker.Options)) (*sagemaker.ListModelsOutput, error)
	DeleteModel(context.Context, *sagemaker.DeleteModelInput, ...func(*sagemaker.Options)) (*sagemaker.DeleteModelOutput, error)
	CreateEndpointConfig(context.Context, *sagemaker.CreateEndpointConfigInput, ...func(*sagemaker.Options)) (*sagemaker.CreateEndpointConfigOutput, error)
	DescribeEndpointConfig(context.Context, *sagemaker.DescribeEndpointConfigInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointConfigOutput, error)
	DeleteEndpointConfig(context.Context, *sagemaker.DeleteEndpointConfigInput, ...func(*sagemaker.Options)) (*sagemaker.DeleteEndpointConfigOutput, error)
	ListEndpointConfigs(context.Context, *sagemaker.ListEndpointConfigsInput, ...func(*sagemaker.Options)) (*sagemaker.ListEndpointConfigsOutput, error)
	CreateEndpoint(context.Context, *sagemaker.CreateEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.CreateEndpointOutput, error)
	DescribeEndpoint(context.Context, *sagemaker.DescribeEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error)
	UpdateEndpoint(context.Context, *sagemaker.UpdateEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.UpdateEndpointOutput, error)
	UpdateEndpointWeightsAndCapacities(context.Context, *sagemaker.UpdateEndpointWeightsAndCapacitiesInput, ...func(*sagemaker.Options)) (*sagemaker.UpdateEndpointWeightsAndCapacitiesOutput, error)
	DeleteEndpoint(context.Context, *sagemaker.DeleteEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.DeleteEndpointOutput, error)
	ListEndpoints(context.Context, *sagemaker.ListEndpointsInput, ...func(*sagemaker.Options)) (*sagemaker.ListEndpointsOutput, error)
	ListTags(context.Context, *sagemaker.ListTagsInput, ...func(*sagemaker.Options)) (*sagemaker.ListTagsOutput, error)
	DeleteTags(context.Context, *sagemaker.DeleteTagsInput, ...func(*sagemaker.Options)) (*sagemaker.DeleteTagsOutput, error)
	AddTags(context.Context, *sagemaker.AddTagsInput, ...func(*sagemaker.Options)) (*sagemaker.AddTagsOutput, error)
}

var _ API = (*sagemaker.Client)(nil)

// ManagedByValue is the value sagectl gives ManagedByTag on what it creates.
const ManagedByValue = plan.ManagedByValue

// call runs one planned call with what makes it safe: ownership tags on creates, read-after-
// write waits, status gates and ownership checks before changes, verified swaps, and the
// guard on deletes. API calls are never cancelled half-way: they run on a context without
// ctx's cancellation, while waits stop when ctx is done.
func (x *Executor) call(ctx context.Context, w *Waiter, in any) error {
	c := context.WithoutCancel(ctx)
	switch in := in.(type) {
	case *plan.SmokeTest:
		return x.smoke(ctx, w, in)
	case *sagemaker.CreateModelInput:
		in.Tags = x.withOwnership(in.Tags)
		_, err := x.API.CreateModel(c, in)
		if err := x.created(ctx, w, "CreateModel", err, "model", aws.ToString(in.ModelName), in.Tags, func(ctx context.Context) (*string, error) {
			out, err := x.API.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: in.ModelName})
			return arnOf(out, err, func(o *sagemaker.DescribeModelOutput) *string { return o.ModelArn })
		}); err != nil {
			return err
		}
		return w.ModelVisible(ctx, aws.ToString(in.ModelName))
	case *sagemaker.CreateEndpointConfigInput:
		in.Tags = x.withOwnership(in.Tags)
		_, err := x.API.CreateEndpointConfig(c, in)
		if err := x.created(ctx, w, "CreateEndpointConfig", err, "endpoint config", aws.ToString(in.EndpointConfigName), in.Tags, func(ctx context.Context) (*string, error) {
			out, err := x.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: in.EndpointConfigName})
			return arnOf(out, err, func(o *sagemaker.DescribeEndpointConfigOutput) *string { return o.EndpointConfigArn })
		}); err != nil {
			return err
		}
		return w.ConfigVisible(ctx, aws.ToString(in.EndpointConfigName))
	case *sagemaker.CreateEndpointInput:
		if err := x.unmoved(c, aws.ToString(in.EndpointName)); err != nil {
			return err
		}
		in.Tags = x.withOwnership(in.Tags)
		_, err := x.API.CreateEndpoint(c, in)
		if err := x.created(ctx, w, "CreateEndpoint", err, "endpoint", aws.ToString(in.EndpointName), in.Tags, func(ctx context.Context) (*string, error) {
			out, err := x.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: in.EndpointName})
			if err != nil {
				return nil, err
			}
			if !manifest.SameName(aws.ToString(out.EndpointConfigName), aws.ToString(in.EndpointConfigName)) {
				return nil, errNotAsked // not the endpoint this create asked for
			}
			return out.EndpointArn, nil
		}); err != nil {
			return err
		}
		out, err := w.Endpoint(ctx, aws.ToString(in.EndpointName))
		if err == nil {
			x.Expect.set(aws.ToString(in.EndpointName), out)
		}
		return err
	case *sagemaker.UpdateEndpointInput:
		name := aws.ToString(in.EndpointName)
		before, err := x.gate(c, name)
		if err != nil {
			return err
		}
		if _, err := x.API.UpdateEndpoint(c, in); err != nil {
			return refusedInProgress("UpdateEndpoint", name, err)
		}
		after, err := w.EndpointAfter(ctx, name, before)
		if err != nil {
			return err
		}
		if err := VerifySwap(before, after, aws.ToString(in.EndpointConfigName)); err != nil {
			return err
		}
		x.Expect.set(name, after)
		return nil
	case *sagemaker.UpdateEndpointWeightsAndCapacitiesInput:
		name := aws.ToString(in.EndpointName)
		before, err := x.gate(c, name)
		if err != nil {
			return err
		}
		if _, err := x.API.UpdateEndpointWeightsAndCapacities(c, in); err != nil {
			return refusedInProgress("UpdateEndpointWeightsAndCapacities", name, err)
		}
		after, err := w.EndpointAfter(ctx, name, before)
		if err != nil {
			return err
		}
		if err := verifyWeights(after, in.DesiredWeightsAndCapacities); err != nil {
			return err
		}
		x.Expect.set(name, after)
		return nil
	case *sagemaker.AddTagsInput:
		// A reviewed plan may adopt a resource by tagging it as this project's (adopt.go);
		// any other change needs the resource to be the project's already.
		keys := make([]string, len(in.Tags))
		for i, t := range in.Tags {
			keys[i] = aws.ToString(t.Key)
		}
		switch {
		case adopts(in.Tags):
			if err := x.adoptable(c, in); err != nil {
				return err
			}
		case ledgerOnly(keys):
			if err := x.Guard.bookkeeping(c, in.ResourceArn); err != nil {
				return err
			}
		default:
			if _, err := x.Guard.owned(c, "resource", aws.ToString(in.ResourceArn), in.ResourceArn, "changed"); err != nil {
				return err
			}
		}
		_, err := x.API.AddTags(c, in)
		return wrap("AddTags", aws.ToString(in.ResourceArn), err)
	case *sagemaker.DeleteTagsInput:
		if ledgerOnly(in.TagKeys) {
			if err := x.Guard.bookkeeping(c, in.ResourceArn); err != nil {
				return err
			}
		} else if _, err := x.Guard.owned(c, "resource", aws.ToString(in.ResourceArn), in.ResourceArn, "changed"); err != nil {
			return err
		}
		_, err := x.API.DeleteTags(c, in)
		return wrap("DeleteTags", aws.ToString(in.ResourceArn), err)
	case *sagemaker.DeleteModelInput:
		return x.Guard.DeleteModel(c, aws.ToString(in.ModelName))
	case *sagemaker.DeleteEndpointConfigInput:
		return x.Guard.DeleteConfig(c, aws.ToString(in.EndpointConfigName))
	case *sagemaker.DeleteEndpointInput:
		name := aws.ToString(in.EndpointName)
		if err := x.unmoved(c, name); err != nil {
			return err
		}
		if err := x.Guard.DeleteEndpoint(c, name); err != nil {
			return err
		}
		if err := w.EndpointGone(ctx, name); err != nil {
			return err
		}
		x.Expect.set(name, nil)
		return nil
	}
	if ok, err := x.callAutoscaling(c, in); ok { // autoscaling.go
		return err
	}
	if ok, err := x.callComponent(ctx, w, in); ok { // inference_component.go
		return err
	}
	return fmt.Errorf("apply cannot run a %T call; the plan was made by a newer sagectl: re-plan with this version", in)
}

// arnOf is the ARN get reads from a describe's output, or the describe's error.
func arnOf[O any](out *O, err error, get func(*O) *string) (*string, error) {
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, errNotAsked
	}
	return get(out), nil
}

// errNotAsked says the resource under a create's name is not what the create asked for.
var errNotAsked = errors.New("not the resource the create asked for")

func wrap(op, target string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s %s: %w", op, target, err)
}

// gate describes an endpoint before a change: it must be owned by sagectl, InService
// (another deployment may be in progress otherwise) and as the plan or this apply's last
// change left it (Expect). It returns the description.
func (x *Executor) gate(ctx context.Context, name string) (*sagemaker.DescribeEndpointOutput, error) {
	out, err := x.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: &name})
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: reading it before changing it: %w", name, err)
	}
	if _, err := x.Guard.owned(ctx, "endpoint", name, out.EndpointArn, "changed"); err != nil {
		return nil, err
	}
	if s := out.EndpointStatus; s != types.EndpointStatusInService && !pending[s] {
		return nil, endpointError(name, out) // Failed, UpdateRollbackFailed, ...: its own advice
	}
	if out.EndpointStatus != types.EndpointStatusInService {
		return nil, &Error{Resource: "endpoint", Name: name, Status: string(out.EndpointStatus), Kind: KindBusy,
			Reason: fmt.Sprintf("not changed: it is %s, not InService (another deployment is in progress); wait for it to settle, then plan and apply again", out.EndpointStatus)}
	}
	if err := x.Expect.check(name, out); err != nil {
		return nil, err
	}
	return out, nil
}

// verifyWeights checks, after UpdateEndpointWeightsAndCapacities, that every variant's desired
// weight and count are what was asked: a reverted change would otherwise pass silently.
func verifyWeights(after *sagemaker.DescribeEndpointOutput, want []types.DesiredWeightAndCapacity) error {
	live := map[string]types.ProductionVariantSummary{}
	for _, v := range after.ProductionVariants {
		live[manifest.NameKey(aws.ToString(v.VariantName))] = v
	}
	for _, w := range want {
		v, ok := live[manifest.NameKey(aws.ToString(w.VariantName))]
		bad := !ok ||
			(w.DesiredWeight != nil && math.Abs(float64(aws.ToFloat32(v.DesiredWeight)-*w.DesiredWeight)) > 1e-4) ||
			(w.DesiredInstanceCount != nil && aws.ToInt32(v.DesiredInstanceCount) != *w.DesiredInstanceCount)
		if bad {
			return &Error{Resource: "endpoint", Name: aws.ToString(after.EndpointName), Status: string(after.EndpointStatus), Kind: KindRolledBack,
				Reason: fmt.Sprintf("variant %q does not show the requested weight/count after the update (FailureReason: %s); run sagectl plan to see the live values",
					aws.ToString(w.VariantName), aws.ToString(after.FailureReason))}
		}
	}
	return nil
}

// ledgerOnly reports whether every key is a cleanup-ledger entry (plan/cleanup.go):
// sagectl's own bookkeeping on an endpoint, which Guard.bookkeeping checks.
func ledgerOnly(keys []string) bool {
	for _, k := range keys {
		if !strings.HasPrefix(k, plan.TagCleanupPrefix) {
			return false
		}
	}
	return len(keys) > 0
}

// adopts reports whether tags give a resource an ownership tag (ManagedByTag or
// plan.TagProject): the AddTags of an adoption.
func adopts(tags []types.Tag) bool {
	for _, t := range tags {
		if k := aws.ToString(t.Key); k == ManagedByTag || k == plan.TagProject {
			return true
		}
	}
	return false
}

// withOwnership returns tags with ManagedByTag and, with a project, plan.TagProject set, so
// everything sagectl creates is the project's own.
func (x *Executor) withOwnership(tags []types.Tag) []types.Tag {
	has := map[string]bool{}
	for _, t := range tags {
		has[aws.ToString(t.Key)] = true
	}
	if !has[ManagedByTag] {
		tags = append(tags, types.Tag{Key: aws.String(ManagedByTag), Value: aws.String(ManagedByValue)})
	}
	if p := x.Guard.Project; p != "" && !has[plan.TagProject] {
		tags = append(tags, types.Tag{Key: aws.String(plan.TagProject), Value: aws.String(p)})
	}
	return tags
}
