package apply

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/manifest"
)

// VerifySwap checks that an UpdateEndpoint really landed: after the wait the endpoint must
// serve target, and its LastModifiedTime must have advanced past before's. UpdateEndpoint can
// fail after returning 200 and roll back to the old config, with or without a FailureReason,
// while the InService waiter reports success; this turns that into an *Error.
func VerifySwap(before, after *sagemaker.DescribeEndpointOutput, target string) error {
	name := aws.ToString(after.EndpointName)
	old := aws.ToString(before.EndpointConfigName)
	now := aws.ToString(after.EndpointConfigName)
	b, a := aws.ToTime(before.LastModifiedTime), aws.ToTime(after.LastModifiedTime)
	if !manifest.SameName(old, target) && !a.After(b) {
		return &Error{Resource: "endpoint", Name: name, Status: string(after.EndpointStatus), Kind: KindNotDeployed,
			Reason: fmt.Sprintf("serves %q and its LastModifiedTime did not advance past %s: no deployment to %q was observed; run sagectl plan and apply again",
				now, b.UTC().Format("2006-01-02T15:04:05Z"), target)}
	}
	if !manifest.SameName(now, target) {
		reason := aws.ToString(after.FailureReason)
		note := "no FailureReason given"
		if reason != "" && reason != aws.ToString(before.FailureReason) {
			note = fmt.Sprintf("FailureReason %q", reason)
		}
		return &Error{Resource: "endpoint", Name: name, Status: string(after.EndpointStatus), Kind: KindRolledBack,
			Reason: fmt.Sprintf("the update to %q was rolled back (%s): the endpoint is %s on %q; %q is kept, and %q is left for diagnosis: check the endpoint's events and CloudWatch logs, then apply again",
				target, note, after.EndpointStatus, now, old, target)}
	}
	return nil
}
