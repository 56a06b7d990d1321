package apply

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
)

// Kind classifies why an endpoint did not reach the state a step needed.
type Kind string

// The endpoint failure kinds.
const (
	KindFailed      Kind = "failed"       // the endpoint went Failed
	KindHardStop    Kind = "hard-stop"    // UpdateRollbackFailed: a mixed fleet, needs a human
	KindUnexpected  Kind = "unexpected"   // Deleting, OutOfService or a status unknown to us
	KindTimeout     Kind = "timeout"      // still pending when the wait timed out
	KindInterrupted Kind = "interrupted"  // the wait was stopped (Ctrl-C)
	KindRolledBack  Kind = "rolled-back"  // InService again, but on the old config
	KindNotDeployed Kind = "not-deployed" // InService on the target, but no deployment observed
	KindBusy        Kind = "busy"         // not InService when its step came
	KindNotOwned    Kind = "not-owned"    // lacks the sagectl:managed-by tag
	KindInUse       Kind = "in-use"       // still referenced by an endpoint
	KindSmokeFailed Kind = "smoke-failed" // InService, but a smoke test got a wrong answer (smoke.go)
)

// Error says why a step could not complete on one resource and what to do about it.
type Error struct {
	Resource string // "endpoint", "endpoint config" or "model"
	Name     string
	Status   string // the endpoint status last seen, if any
	Kind     Kind
	Reason   string
}

// Error says which resource, and why, in words fit for the apply summary.
func (e *Error) Error() string {
	return fmt.Sprintf("%s %q: %s", e.Resource, e.Name, e.Reason)
}

// endpointError explains a non-pending, non-InService status found while waiting.
func endpointError(name string, out *sagemaker.DescribeEndpointOutput) *Error {
	reason := aws.ToString(out.FailureReason)
	e := &Error{Resource: "endpoint", Name: name, Status: string(out.EndpointStatus)}
	switch out.EndpointStatus {
	case types.EndpointStatusFailed:
		e.Kind = KindFailed
		e.Reason = fmt.Sprintf("Failed: %s; a Failed endpoint accepts only DeleteEndpoint: fix the cause, delete it and apply again",
			orNone(reason))
	case types.EndpointStatusUpdateRollbackFailed:
		e.Kind = KindHardStop
		e.Reason = fmt.Sprintf("UpdateRollbackFailed: %s; its fleet is mixed and needs a human: inspect it in the SageMaker console before any further apply",
			orNone(reason))
	default:
		e.Kind = KindUnexpected
		e.Reason = fmt.Sprintf("is %s, not InService (%s); someone else is acting on it: run sagectl plan and apply again",
			out.EndpointStatus, orNone(reason))
	}
	return e
}

func orNone(reason string) string {
	if reason == "" {
		return "no FailureReason given"
	}
	return "FailureReason " + fmt.Sprintf("%q", reason)
}

// IsNotFound reports whether err is SageMaker's "Could not find ..." answer, which the
// service sends as a ValidationException (it has no dedicated not-found error).
func IsNotFound(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.ErrorCode() == "ValidationException" && strings.Contains(ae.ErrorMessage(), "Could not find")
}
