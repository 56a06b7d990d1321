package apply

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// ComponentAPI is the part of *sagemaker.Client that runs inference-component calls. The
// executor's API provides it when it can (a *sagemaker.Client does); a fake without it
// refuses the calls.
type ComponentAPI interface {
	CreateInferenceComponent(context.Context, *sagemaker.CreateInferenceComponentInput, ...func(*sagemaker.Options)) (*sagemaker.CreateInferenceComponentOutput, error)
	DescribeInferenceComponent(context.Context, *sagemaker.DescribeInferenceComponentInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeInferenceComponentOutput, error)
	UpdateInferenceComponent(context.Context, *sagemaker.UpdateInferenceComponentInput, ...func(*sagemaker.Options)) (*sagemaker.UpdateInferenceComponentOutput, error)
	UpdateInferenceComponentRuntimeConfig(context.Context, *sagemaker.UpdateInferenceComponentRuntimeConfigInput, ...func(*sagemaker.Options)) (*sagemaker.UpdateInferenceComponentRuntimeConfigOutput, error)
	DeleteInferenceComponent(context.Context, *sagemaker.DeleteInferenceComponentInput, ...func(*sagemaker.Options)) (*sagemaker.DeleteInferenceComponentOutput, error)
}

var _ ComponentAPI = (*sagemaker.Client)(nil)

// component is the word for an inference component in errors and progress lines.
const component = "inference component"

// callComponent runs an inference-component call of the plan (ok is false for any other
// input): a create waits for its endpoint to be InService, is tagged as this project's and
// is waited for until InService; an update or delete needs the component to be this
// project's and InService, and is waited for until it is done and verified.
func (x *Executor) callComponent(ctx context.Context, w *Waiter, in any) (ok bool, err error) {
	switch in.(type) {
	case *sagemaker.CreateInferenceComponentInput, *sagemaker.UpdateInferenceComponentInput,
		*sagemaker.UpdateInferenceComponentRuntimeConfigInput, *sagemaker.DeleteInferenceComponentInput:
	default:
		return false, nil
	}
	api, has := x.API.(ComponentAPI)
	if !has {
		return true, fmt.Errorf("apply cannot run a %T call: the SageMaker client cannot call the inference-component operations", in)
	}
	c := context.WithoutCancel(ctx)
	switch in := in.(type) {
	case *sagemaker.CreateInferenceComponentInput:
		return true, x.createComponent(ctx, w, api, in)
	case *sagemaker.UpdateInferenceComponentRuntimeConfigInput:
		name := aws.ToString(in.InferenceComponentName)
		before, err := x.componentGate(c, api, name)
		if err != nil {
			return true, err
		}
		if _, err := api.UpdateInferenceComponentRuntimeConfig(c, in); err != nil {
			return true, wrap("UpdateInferenceComponentRuntimeConfig", name, err)
		}
		after, err := w.Component(ctx, api, name, before)
		if err == nil && in.DesiredRuntimeConfig != nil && (after.RuntimeConfig == nil || aws.ToInt32(after.RuntimeConfig.DesiredCopyCount) != aws.ToInt32(in.DesiredRuntimeConfig.CopyCount)) {
			err = rolledBack(name, after, fmt.Sprintf("its desired copy count is not %d", aws.ToInt32(in.DesiredRuntimeConfig.CopyCount)))
		}
		return true, err
	case *sagemaker.UpdateInferenceComponentInput:
		name := aws.ToString(in.InferenceComponentName)
		before, err := x.componentGate(c, api, name)
		if err != nil {
			return true, err
		}
		if _, err := api.UpdateInferenceComponent(c, in); err != nil {
			return true, wrap("UpdateInferenceComponent", name, err)
		}
		after, err := w.Component(ctx, api, name, before)
		if err == nil && in.Specification != nil && aws.ToString(in.Specification.ModelName) != "" &&
			(after.Specification == nil || aws.ToString(after.Specification.ModelName) != aws.ToString(in.Specification.ModelName)) {
			err = rolledBack(name, after, fmt.Sprintf("it does not run model %s", aws.ToString(in.Specification.ModelName)))
		}
		return true, err
	case *sagemaker.DeleteInferenceComponentInput:
		name := aws.ToString(in.InferenceComponentName)
		out, err := api.DescribeInferenceComponent(c, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: &name})
		if IsNotFound(err) {
			return true, nil // deleted already
		}
		if err != nil {
			return true, fmt.Errorf("%s %q: reading it before deleting it: %w", component, name, err)
		}
		if _, err := x.Guard.owned(c, component, name, out.InferenceComponentArn, "deleted"); err != nil {
			return true, err
		}
		if _, err := api.DeleteInferenceComponent(c, in); err != nil {
			return true, wrap("DeleteInferenceComponent", name, err)
		}
		return true, w.ComponentGone(ctx, api, name)
	}
	return true, nil
}

// createComponent waits for the component's endpoint to be InService, creates the
// component with the ownership tags (recognising its own earlier create on a re-run), and
// waits until it is InService.
func (x *Executor) createComponent(ctx context.Context, w *Waiter, api ComponentAPI, in *sagemaker.CreateInferenceComponentInput) error {
	name := aws.ToString(in.InferenceComponentName)
	if _, err := w.Endpoint(ctx, aws.ToString(in.EndpointName)); err != nil {
		return fmt.Errorf("%s %q: its endpoint did not become InService: %w", component, name, err)
	}
	in.Tags = x.withOwnership(in.Tags)
	c := context.WithoutCancel(ctx)
	_, err := api.CreateInferenceComponent(c, in)
	if err := x.created(ctx, w, "CreateInferenceComponent", err, component, name, in.Tags, func(ctx context.Context) (*string, error) {
		out, err := api.DescribeInferenceComponent(ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: &name})
		return arnOf(out, err, func(o *sagemaker.DescribeInferenceComponentOutput) *string { return o.InferenceComponentArn })
	}); err != nil {
		return err
	}
	_, err = w.Component(ctx, api, name, nil)
	return err
}

// componentGate describes a component before a change: it must be this project's and
// InService (a change in progress is refused by SageMaker). It returns the description.
func (x *Executor) componentGate(ctx context.Context, api ComponentAPI, name string) (*sagemaker.DescribeInferenceComponentOutput, error) {
	out, err := api.DescribeInferenceComponent(ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: &name})
	if err != nil {
		return nil, fmt.Errorf("%s %q: reading it before changing it: %w", component, name, err)
	}
	if _, err := x.Guard.owned(ctx, component, name, out.InferenceComponentArn, "changed"); err != nil {
		return nil, err
	}
	if s := out.InferenceComponentStatus; s != types.InferenceComponentStatusInService {
		kind, reason := KindBusy, fmt.Sprintf("not changed: it is %s, not InService; wait for it to settle, then plan and apply again", s)
		if s == types.InferenceComponentStatusFailed {
			kind, reason = KindFailed, fmt.Sprintf("not changed: it is Failed (%s); delete it, fix the cause and apply again", orNone(aws.ToString(out.FailureReason)))
		}
		return nil, &Error{Resource: component, Name: name, Status: string(s), Kind: kind, Reason: reason}
	}
	return out, nil
}

// rolledBack is the error of an update that ended InService without the change.
func rolledBack(name string, after *sagemaker.DescribeInferenceComponentOutput, what string) error {
	return &Error{Resource: component, Name: name, Status: string(after.InferenceComponentStatus), Kind: KindRolledBack,
		Reason: fmt.Sprintf("InService after the update, but %s (FailureReason: %s); run sagectl plan to see it", what, orNone(aws.ToString(after.FailureReason)))}
}

// Component polls DescribeInferenceComponent until the component is InService and
// returns that description. Creating and Updating are waited through, and so, until
// VisibleTimeout has passed, is an InService reading unchanged since before (a read from
// before the change) or a component not readable yet; Failed ends the wait with its
// FailureReason.
func (w *Waiter) Component(ctx context.Context, api ComponentAPI, name string, before *sagemaker.DescribeInferenceComponentOutput) (*sagemaker.DescribeInferenceComponentOutput, error) {
	start := w.Clock.Now()
	var delay time.Duration
	status := types.InferenceComponentStatus("")
	defer w.progress().Done(name)
	for {
		out, err := api.DescribeInferenceComponent(context.WithoutCancel(ctx), &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: &name})
		early := w.Clock.Now().Sub(start) < w.VisibleTimeout
		switch {
		case err == nil:
			status = out.InferenceComponentStatus
			w.progress().Update(Status{Endpoint: component + " " + name, Status: string(status), Elapsed: w.Clock.Now().Sub(start), Pending: copiesText(out.RuntimeConfig)})
			switch status {
			case types.InferenceComponentStatusInService:
				if before == nil || !early || !aws.ToTime(before.LastModifiedTime).Equal(aws.ToTime(out.LastModifiedTime)) {
					return out, nil
				}
			case types.InferenceComponentStatusFailed:
				return out, &Error{Resource: component, Name: name, Status: string(status), Kind: KindFailed,
					Reason: fmt.Sprintf("Failed: %s; a Failed inference component accepts only DeleteInferenceComponent: fix the cause, delete it and apply again", orNone(aws.ToString(out.FailureReason)))}
			case types.InferenceComponentStatusCreating, types.InferenceComponentStatusUpdating:
			default:
				return out, &Error{Resource: component, Name: name, Status: string(status), Kind: KindUnexpected, Reason: fmt.Sprintf("%s while waiting for InService", status)}
			}
		case IsNotFound(err) && early:
		default:
			return nil, fmt.Errorf("waiting for %s %q: %w", component, name, err)
		}
		var sleep time.Duration
		var more bool
		delay, sleep, more = next(w.Poll, delay, w.Clock.Now().Sub(start), w.Timeout)
		if !more {
			return out, &Error{Resource: component, Name: name, Status: string(status), Kind: KindTimeout,
				Reason: fmt.Sprintf("still %s after the %s wait timeout", orNone(string(status)), w.Timeout)}
		}
		if err := w.Clock.Sleep(ctx, sleep); err != nil {
			return out, &Error{Resource: component, Name: name, Status: string(status), Kind: KindInterrupted,
				Reason: fmt.Sprintf("stopped waiting while %s: %v", orNone(string(status)), err)}
		}
	}
}

// ComponentGone polls DescribeInferenceComponent after a delete until it no longer exists.
func (w *Waiter) ComponentGone(ctx context.Context, api ComponentAPI, name string) error {
	start := w.Clock.Now()
	var delay time.Duration
	defer w.progress().Done(name)
	for {
		out, err := api.DescribeInferenceComponent(context.WithoutCancel(ctx), &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: &name})
		if IsNotFound(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("waiting for %s %q to be deleted: %w", component, name, err)
		}
		w.progress().Update(Status{Endpoint: component + " " + name, Status: string(out.InferenceComponentStatus), Elapsed: w.Clock.Now().Sub(start)})
		var sleep time.Duration
		var more bool
		delay, sleep, more = next(w.Poll, delay, w.Clock.Now().Sub(start), w.Timeout)
		if !more {
			return &Error{Resource: component, Name: name, Status: string(out.InferenceComponentStatus), Kind: KindTimeout,
				Reason: fmt.Sprintf("still %s after the %s wait timeout", out.InferenceComponentStatus, w.Timeout)}
		}
		if err := w.Clock.Sleep(ctx, sleep); err != nil {
			return &Error{Resource: component, Name: name, Status: string(out.InferenceComponentStatus), Kind: KindInterrupted,
				Reason: fmt.Sprintf("stopped waiting while deleting: %v", err)}
		}
	}
}

// copiesText summarises a component's copies for progress lines: "copies 1/3".
func copiesText(rc *types.InferenceComponentRuntimeConfigSummary) string {
	if rc == nil {
		return ""
	}
	return fmt.Sprintf("copies %d/%d", aws.ToInt32(rc.CurrentCopyCount), aws.ToInt32(rc.DesiredCopyCount))
}

// componentLister lists and describes inference components (a *sagemaker.Client does).
type componentLister interface {
	ListInferenceComponents(context.Context, *sagemaker.ListInferenceComponentsInput, ...func(*sagemaker.Options)) (*sagemaker.ListInferenceComponentsOutput, error)
	DescribeInferenceComponent(context.Context, *sagemaker.DescribeInferenceComponentInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeInferenceComponentOutput, error)
}

// componentsUsing returns the inference components whose specification names model, for
// the guard on DeleteModel: a model a component runs is in use. An API that cannot list
// components (a test's fake) has none.
func (g *Guard) componentsUsing(ctx context.Context, model string) ([]string, error) {
	api, ok := g.API.(componentLister)
	if !ok {
		return nil, nil
	}
	var users []string
	p := sagemaker.NewListInferenceComponentsPaginator(api, &sagemaker.ListInferenceComponentsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("model %q: listing inference components to check none uses it: %w", model, err)
		}
		for _, s := range page.InferenceComponents {
			d, err := api.DescribeInferenceComponent(ctx, &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: s.InferenceComponentName})
			if IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("model %q: reading inference component %q to check it does not use it: %w", model, aws.ToString(s.InferenceComponentName), err)
			}
			specs := d.Specifications
			if d.Specification != nil {
				specs = append(specs, *d.Specification)
			}
			for _, sp := range specs {
				if strings.EqualFold(aws.ToString(sp.ModelName), model) {
					users = append(users, fmt.Sprintf("%q", aws.ToString(s.InferenceComponentName)))
					break
				}
			}
		}
	}
	return users, nil
}
