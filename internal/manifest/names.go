package manifest

import "strings"

// SageMaker resource names (models, endpoint configs, endpoints, variants) are
// case-insensitive: CreateEndpoint says "The name is case-insensitive in CreateEndpoint"
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html), and
// the service answers a lookup of a missing config with its ARN's lower-cased name,
// `Could not find endpoint configuration "arn:aws:sagemaker:...:endpoint-config/<name>"`
// (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sagemaker/endpoint_configuration.go).
// Every comparison of two names goes through SameName, and every map keyed by names
// through NameKey, so FRAUD in a manifest and fraud live are one resource.

// SameName reports whether two SageMaker resource names name the same resource.
func SameName(a, b string) bool { return NameKey(a) == NameKey(b) }

// NameKey is the canonical form of a SageMaker resource name, for map keys: two names
// have the same key exactly when SameName holds.
func NameKey(name string) string { return strings.ToLower(name) }
