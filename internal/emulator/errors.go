package emulator

import (
	"fmt"
	"net/http"
)

// apiError is an error the emulator returns on the wire as {"__type": Code, "message": Message}.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// Error codes and messages the real service uses: not-found and conflicts are a
// ValidationException whose message says which (as the Terraform AWS provider matches them,
// https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sagemaker/endpoint_configuration.go),
// throttling is ThrottlingException (https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html).
const (
	codeValidation     = "ValidationException"
	codeThrottling     = "ThrottlingException"
	codeSerialization  = "SerializationException"
	codeUnknownOp      = "UnknownOperationException"
	codeMissingAuth    = "MissingAuthenticationTokenException"
	codeInternal       = "InternalFailure"
	codeUnavailable    = "ServiceUnavailable"
	codeResourceLimit  = "ResourceLimitExceeded"
	msgRateExceeded    = "Rate exceeded"
	msgInProgress      = "Cannot update in-progress endpoint"
	msgInternalFailure = "We encountered an internal error. Please try again."
	msgUnavailable     = "Service Unavailable. Please try again later."
)

func validationf(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeValidation, Message: fmt.Sprintf(format, args...)}
}

// notFound is the real service's not-found: a ValidationException naming the ARN.
func notFound(kind, arn string) *apiError {
	return validationf("Could not find %s %q.", kind, arn)
}

// alreadyExists is the real service's name conflict on Create*.
func alreadyExists(kind, arn string) *apiError {
	return validationf("Cannot create already existing %s %q.", kind, arn)
}
