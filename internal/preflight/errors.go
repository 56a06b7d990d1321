package preflight

import (
	"context"
	"errors"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/sagectl/sagectl/internal/finding"
)

// accessDeniedCodes are the error codes by which the services refuse a caller a permission:
// IAM, S3, KMS, ECR, Service Quotas and SageMaker (AccessDenied, AccessDeniedException), SNS
// (AuthorizationError, https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html#API_GetTopicAttributes_Errors),
// EC2 (UnauthorizedOperation, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
var accessDeniedCodes = map[string]bool{
	"AccessDenied": true, "AccessDeniedException": true, "AuthorizationError": true,
	"UnauthorizedOperation": true, "Forbidden": true,
}

// code returns the API error code of err, "" when err is none.
func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// status returns the HTTP status of the response that failed with err, 0 when none.
func status(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// notChecked is the warning for a check that could not be made: AccessDenied names the
// permission to grant; throttling (after the SDK's retries) and other failures say so.
func notChecked(what, permission string, err error) result {
	const rule = "preflight-not-checked"
	c := code(err)
	switch {
	case accessDenied(err):
		return result{rule: rule, sev: finding.Warning, msg: "could not check " + what + ": access denied (" + c + "); the caller lacks " + permission,
			hint: "grant " + permission + " to the identity that plans, or plan with --no-preflight"}
	case errors.As(err, new(*smithy.DeserializationError)):
		return result{rule: rule, sev: finding.Warning, msg: "could not check " + what + ": the answer to " + permission + " could not be read (an --endpoint-url that does not serve this service's protocol answers so)",
			hint: "plan against the service itself, or with --no-preflight; the check did not run"}
	case retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) == aws.TrueTernary || errors.Is(err, context.DeadlineExceeded):
		return result{rule: rule, sev: finding.Warning, msg: "could not check " + what + ": " + permission + " was throttled or timed out after retries (" + err.Error() + ")",
			hint: "plan again later; the check did not run"}
	}
	return result{rule: rule, sev: finding.Warning, msg: "could not check " + what + ": " + permission + " failed: " + err.Error(),
		hint: "plan again; if it persists, plan with --no-preflight and check by hand"}
}

// accessDenied reports whether err is the service refusing the caller a permission.
func accessDenied(err error) bool {
	return accessDeniedCodes[code(err)] || status(err) == http.StatusForbidden
}
