package apply

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// Waiter polls SageMaker until a resource is visible or an endpoint settles.
type Waiter struct {
	API   API
	Clock Clock
	// Poll is the endpoint status schedule; Visible the read-after-write schedule.
	Poll, Visible Backoff
	// Timeout bounds an endpoint wait; VisibleTimeout a read-after-write wait.
	Timeout, VisibleTimeout time.Duration
	// Progress receives every observed endpoint status; nil discards them.
	Progress Progress
}

// pending are the endpoint statuses a wait keeps polling through.
var pending = map[types.EndpointStatus]bool{
	types.EndpointStatusCreating:       true,
	types.EndpointStatusUpdating:       true,
	types.EndpointStatusSystemUpdating: true,
	types.EndpointStatusRollingBack:    true,
}

// ModelVisible polls DescribeModel until the model created under name is readable.
func (w *Waiter) ModelVisible(ctx context.Context, name string) error {
	return w.visible(ctx, "model", name, func(ctx context.Context) error {
		_, err := w.API.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: &name})
		return err
	})
}

// ConfigVisible polls DescribeEndpointConfig until the config created under name is readable,
// as AWS advises before CreateEndpoint or UpdateEndpoint references it.
func (w *Waiter) ConfigVisible(ctx context.Context, name string) error {
	return w.visible(ctx, "endpoint config", name, func(ctx context.Context) error {
		_, err := w.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
		return err
	})
}

// Existing reads a resource a create was told already exists (describe, from the call
// table) and returns its ARN. A re-run inside SageMaker's consistency window is told so
// while reads still miss its own earlier create, so "not found" is polled through, as
// after any create, for up to VisibleTimeout; any other answer ends the wait.
func (w *Waiter) Existing(ctx context.Context, what, name string, describe describeARN) (*string, error) {
	var arn *string
	err := w.visible(ctx, what, name, func(ctx context.Context) error {
		var err error
		arn, err = describe(ctx)
		return err
	})
	return arn, err
}

func (w *Waiter) visible(ctx context.Context, what, name string, describe func(context.Context) error) error {
	start := w.Clock.Now()
	var delay time.Duration
	for {
		err := describe(context.WithoutCancel(ctx))
		if err == nil {
			return nil
		}
		if !IsNotFound(err) {
			return fmt.Errorf("reading back %s %q after creating it: %w", what, name, err)
		}
		var sleep time.Duration
		var more bool
		delay, sleep, more = next(w.Visible, delay, w.Clock.Now().Sub(start), w.VisibleTimeout)
		if !more {
			return fmt.Errorf("%s %q was created but is still not readable after %s (SageMaker reads are eventually consistent); run sagectl plan, then apply again",
				what, name, w.VisibleTimeout)
		}
		if err := w.Clock.Sleep(ctx, sleep); err != nil {
			return fmt.Errorf("stopped waiting for %s %q to become readable: %w", what, name, err)
		}
	}
}

// Endpoint polls DescribeEndpoint until the endpoint is InService and returns that last
// description. Creating, Updating, SystemUpdating and RollingBack are waited through; Failed,
// UpdateRollbackFailed and any other status end the wait with an *Error.
func (w *Waiter) Endpoint(ctx context.Context, name string) (*sagemaker.DescribeEndpointOutput, error) {
	return w.EndpointAfter(ctx, name, nil)
}

// EndpointAfter is Endpoint after a change to an endpoint described as before: until
// VisibleTimeout has passed, an InService reading that still shows before's config and
// LastModifiedTime is a read from before the change (SageMaker's reads are eventually
// consistent) and is waited through, not taken for the end of the deployment.
func (w *Waiter) EndpointAfter(ctx context.Context, name string, before *sagemaker.DescribeEndpointOutput) (*sagemaker.DescribeEndpointOutput, error) {
	start := w.Clock.Now()
	var delay time.Duration
	status := types.EndpointStatus("")
	defer w.progress().Done(name)
	for {
		out, err := w.API.DescribeEndpoint(context.WithoutCancel(ctx), &sagemaker.DescribeEndpointInput{EndpointName: &name})
		switch {
		case err == nil:
			status = out.EndpointStatus
			w.progress().Update(Status{Endpoint: name, Status: string(status), Elapsed: w.Clock.Now().Sub(start), Pending: pendingText(out.PendingDeploymentSummary)})
			if status == types.EndpointStatusInService && !(unchanged(before, out) && w.Clock.Now().Sub(start) < w.VisibleTimeout) {
				return out, nil
			}
			if status != types.EndpointStatusInService && !pending[status] {
				return out, endpointError(name, out)
			}
		case IsNotFound(err) && w.Clock.Now().Sub(start) < w.VisibleTimeout:
			// A just-created endpoint may not be readable yet.
		default:
			return nil, fmt.Errorf("waiting for endpoint %q: %w", name, err)
		}
		var sleep time.Duration
		var more bool
		delay, sleep, more = next(w.Poll, delay, w.Clock.Now().Sub(start), w.Timeout)
		if !more {
			return out, &Error{Resource: "endpoint", Name: name, Status: string(status), Kind: KindTimeout,
				Reason: fmt.Sprintf("still %s after the %s wait timeout", orUnknown(status), w.Timeout)}
		}
		if err := w.Clock.Sleep(ctx, sleep); err != nil {
			return out, &Error{Resource: "endpoint", Name: name, Status: string(status), Kind: KindInterrupted,
				Reason: fmt.Sprintf("stopped waiting while %s: %v", orUnknown(status), err)}
		}
	}
}

// next is the polling schedule of every wait: the backoff's next interval (delay, kept
// for the interval after it) and how long to sleep before the next poll, which is that
// interval cut to what is left of the timeout, so the last poll is made at the deadline
// and not at the last backoff step before it (a 14s timeout polled at 0, 1, 3 and 7 s
// used to give up at 7 s). more is false once the deadline has passed.
func next(b Backoff, delay, elapsed, timeout time.Duration) (newDelay, sleep time.Duration, more bool) {
	left := timeout - elapsed
	if left <= 0 {
		return delay, 0, false
	}
	delay = b.Next(delay)
	return delay, min(delay, left), true
}

// unchanged reports whether now still shows the endpoint as before described it.
func unchanged(before, now *sagemaker.DescribeEndpointOutput) bool {
	return before != nil && aws.ToString(before.EndpointConfigName) == aws.ToString(now.EndpointConfigName) &&
		aws.ToTime(before.LastModifiedTime).Equal(aws.ToTime(now.LastModifiedTime))
}

func (w *Waiter) progress() Progress {
	if w.Progress == nil {
		return nopProgress{}
	}
	return w.Progress
}

func orUnknown(s types.EndpointStatus) string {
	if s == "" {
		return "not yet readable"
	}
	return string(s)
}

// pendingText summarises an in-flight deployment for progress lines: the target config and
// each variant's current/desired instance count and status.
func pendingText(p *types.PendingDeploymentSummary) string {
	if p == nil {
		return ""
	}
	s := "→ " + aws.ToString(p.EndpointConfigName)
	for _, v := range p.ProductionVariants {
		s += fmt.Sprintf(" %s %d/%d", aws.ToString(v.VariantName), aws.ToInt32(v.CurrentInstanceCount), aws.ToInt32(v.DesiredInstanceCount))
		if n := len(v.VariantStatus); n > 0 {
			s += " " + string(v.VariantStatus[n-1].Status)
		}
	}
	return s
}

// EndpointGone polls DescribeEndpoint after DeleteEndpoint until the endpoint no longer exists.
func (w *Waiter) EndpointGone(ctx context.Context, name string) error {
	start := w.Clock.Now()
	var delay time.Duration
	defer w.progress().Done(name)
	for {
		out, err := w.API.DescribeEndpoint(context.WithoutCancel(ctx), &sagemaker.DescribeEndpointInput{EndpointName: &name})
		if IsNotFound(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("waiting for endpoint %q to be deleted: %w", name, err)
		}
		w.progress().Update(Status{Endpoint: name, Status: string(out.EndpointStatus), Elapsed: w.Clock.Now().Sub(start)})
		if out.EndpointStatus != types.EndpointStatusDeleting {
			return endpointError(name, out)
		}
		var sleep time.Duration
		var more bool
		delay, sleep, more = next(w.Poll, delay, w.Clock.Now().Sub(start), w.Timeout)
		if !more {
			return &Error{Resource: "endpoint", Name: name, Status: string(out.EndpointStatus), Kind: KindTimeout,
				Reason: fmt.Sprintf("still Deleting after the %s wait timeout", w.Timeout)}
		}
		if err := w.Clock.Sleep(ctx, sleep); err != nil {
			return &Error{Resource: "endpoint", Name: name, Status: string(out.EndpointStatus), Kind: KindInterrupted,
				Reason: fmt.Sprintf("stopped waiting while Deleting: %v", err)}
		}
	}
}
