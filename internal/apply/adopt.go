package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/plan"
)

// earlierAttempt reports whether a create failed only because an earlier attempt of the same
// create succeeded: the service says the resource already exists, and the one there carries
// sagectl's ownership tag and the spec hash this create asked for (live, from the call
// table, describes it; for an endpoint it also checks the config asked for). That happens when a 5xx
// answered a create the service had carried out and the retry found it, or when an apply was
// killed right after the call. Anything else that exists under the name is not ours to reuse.
// A re-run inside SageMaker's consistency window may be told the resource exists while
// reads still miss it: w.Existing polls the describe through that window first.
func (x *Executor) earlierAttempt(ctx context.Context, w *Waiter, err error, what, name string, tags []types.Tag, live describeARN) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) || !strings.Contains(ae.ErrorMessage(), "already existing") {
		return false
	}
	want := ""
	for _, t := range tags {
		if aws.ToString(t.Key) == plan.TagSpecHash {
			want = aws.ToString(t.Value)
		}
	}
	if want == "" {
		return false
	}
	arn, err := w.Existing(ctx, what, name, live)
	if err != nil {
		return false
	}
	got, err := Tags(context.WithoutCancel(ctx), x.API, aws.ToString(arn))
	return err == nil && got[ManagedByTag] != "" && got[plan.TagSpecHash] == want
}

// describeARN describes the resource a create named: its ARN; an error for which
// IsNotFound holds while it is not readable yet, errNotAsked when it is not what the create
// asked for.
type describeARN func(ctx context.Context) (*string, error)

// created turns the error of a create into nil when earlierAttempt explains it, and says
// what stands under the name otherwise.
func (x *Executor) created(ctx context.Context, w *Waiter, op string, err error, what, name string, tags []types.Tag, live describeARN) error {
	if err == nil || x.earlierAttempt(ctx, w, err, what, name, tags, live) {
		return nil
	}
	if ae := (smithy.APIError)(nil); errors.As(err, &ae) && strings.Contains(ae.ErrorMessage(), "already existing") {
		return fmt.Errorf("%s %s: %w: a %s %q exists that is not this plan's earlier create (not readable within %s, or without sagectl's tags and this spec-hash): run sagectl plan to see it",
			op, name, err, what, name, w.VisibleTimeout)
	}
	return fmt.Errorf("%s %s: %w", op, name, err)
}
