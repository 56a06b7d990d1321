package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// KindConflict says an endpoint moved since the plan was made: someone else changed it.
const KindConflict Kind = "conflict"

// Expectations are, per endpoint, the state the next mutating call on it expects: first the
// plan's fingerprint, then what this apply's own last change left. Right before each
// CreateEndpoint, UpdateEndpoint, UpdateEndpointWeightsAndCapacities and DeleteEndpoint the
// executor reads the endpoint and refuses the call when its config, status,
// LastModifiedTime, ARN or creation time differ: so of two applies planned against the same
// endpoint, the one that comes second is refused, instead of silently replacing the
// first one's deployment. SageMaker has no conditional update, so a change landing between
// that read and the call is caught by the service ("Cannot update in-progress endpoint")
// or by the swap verification, not here.
type Expectations struct {
	mu sync.Mutex
	fp map[string]plan.Fingerprint // by lower-cased endpoint name
}

// ExpectPlan returns the expectations of a saved plan: its endpoint fingerprints.
func ExpectPlan(f plan.Fingerprints) *Expectations {
	e := &Expectations{fp: map[string]plan.Fingerprint{}}
	for _, fp := range f {
		if fp.Kind == manifest.KindEndpoint {
			e.fp[strings.ToLower(fp.Name)] = fp
		}
	}
	return e
}

// check refuses a call on endpoint name when now (its description, nil when absent) is not
// what the plan or this apply's previous call left. No expectation: no check.
func (e *Expectations) check(name string, now *sagemaker.DescribeEndpointOutput) error {
	if e == nil {
		return nil
	}
	e.mu.Lock()
	want, ok := e.fp[strings.ToLower(name)]
	e.mu.Unlock()
	if !ok {
		return nil
	}
	diffs := plan.Fingerprints{want}.Stale(plan.Fingerprints{fingerprint(want.Name, now)})
	if len(diffs) == 0 {
		return nil
	}
	status := ""
	if now != nil {
		status = string(now.EndpointStatus)
	}
	for i, d := range diffs {
		diffs[i] = strings.TrimPrefix(d, fmt.Sprintf("%s %s: ", manifest.KindEndpoint, want.Name))
	}
	return &Error{Resource: "endpoint", Name: name, Status: status, Kind: KindConflict,
		Reason: fmt.Sprintf("not changed: it moved since the plan was made (%s): another apply or someone else is changing it; run sagectl plan again, review it, and apply the new plan",
			strings.Join(diffs, "; "))}
}

// set records what this apply's own call left (now nil: the endpoint is gone).
func (e *Expectations) set(name string, now *sagemaker.DescribeEndpointOutput) {
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if want, ok := e.fp[strings.ToLower(name)]; ok {
		e.fp[strings.ToLower(name)] = fingerprint(want.Name, now)
	}
}

// fingerprint is plan's fingerprint of a described endpoint (nil: absent).
func fingerprint(name string, out *sagemaker.DescribeEndpointOutput) plan.Fingerprint {
	fp := plan.Fingerprint{Kind: manifest.KindEndpoint, Name: name}
	if out == nil {
		return fp
	}
	fp.Exists, fp.ARN = true, aws.ToString(out.EndpointArn)
	fp.CreationTime = stamp(out.CreationTime)
	fp.EndpointConfigName = aws.ToString(out.EndpointConfigName)
	fp.EndpointStatus = string(out.EndpointStatus)
	fp.LastModifiedTime = stamp(out.LastModifiedTime)
	return fp
}

// stamp spells a time as plan's fingerprints do: RFC 3339 in UTC, "" when unset.
func stamp(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// unmoved describes endpoint name and checks it against the expectations (x.Expect).
func (x *Executor) unmoved(ctx context.Context, name string) error {
	if x.Expect == nil {
		return nil
	}
	out, err := x.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: &name})
	switch {
	case IsNotFound(err):
		out = nil
	case err != nil:
		return fmt.Errorf("endpoint %q: reading it before changing it: %w", name, err)
	}
	return x.Expect.check(name, out)
}

// refusedInProgress turns SageMaker's refusal of a change to an endpoint another deployment
// is changing ("Cannot update in-progress endpoint", a ValidationException) into a
// KindBusy *Error: the call changed nothing. Other errors are wrapped as op's.
func refusedInProgress(op, name string, err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "ValidationException" && strings.Contains(ae.ErrorMessage(), "in-progress endpoint") {
		return &Error{Resource: "endpoint", Name: name, Kind: KindBusy,
			Reason: fmt.Sprintf("not changed: SageMaker refused %s because another deployment started on it meanwhile (%s); run sagectl plan again once it is InService, and apply the new plan", op, ae.ErrorMessage())}
	}
	return fmt.Errorf("%s %s: %w", op, name, err)
}
