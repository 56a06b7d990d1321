package emulator_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// The SDK checks required members on the client; these requests bypass it to reach the service.
func TestValidationMessages(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	tests := []struct {
		name string
		body string
		op   string
		want []string
	}{
		{"name pattern", `{"EndpointConfigName":"bad_name","ProductionVariants":[{"VariantName":"a","ModelName":"m"}]}`, "CreateEndpointConfig",
			[]string{"1 validation error detected: Value 'bad_name' at 'endpointConfigName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"}},
		{"name length", `{"EndpointConfigName":"` + strings.Repeat("a", 64) + `","ProductionVariants":[{"VariantName":"a"}]}`, "CreateEndpointConfig",
			[]string{"at 'endpointConfigName' failed to satisfy constraint: Member must have length less than or equal to 63"}},
		{"required", `{"EndpointConfigName":"c"}`, "CreateEndpointConfig",
			[]string{"Value null at 'productionVariants' failed to satisfy constraint: Member must not be null"}},
		{"nested required and enum, two errors", `{"EndpointConfigName":"c","ProductionVariants":[{"ModelName":"m","InstanceType":"ml.huge"}]}`, "CreateEndpointConfig",
			[]string{"2 validation errors detected: ", "Value null at 'productionVariants.1.member.variantName'", "Value 'ml.huge' at 'productionVariants.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [", "ml.m5.xlarge"}},
		{"list too long", `{"EndpointConfigName":"c","ProductionVariants":[` + strings.Repeat(`{"VariantName":"a"},`, 10) + `{"VariantName":"a"}]}`, "CreateEndpointConfig",
			[]string{"at 'productionVariants' failed to satisfy constraint: Member must have length less than or equal to 10"}},
		{"number range", `{"EndpointConfigName":"c","ProductionVariants":[{"VariantName":"a","InitialInstanceCount":0}]}`, "CreateEndpointConfig",
			[]string{"Value '0' at 'productionVariants.1.member.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1"}},
		{"model name pattern", `{"ModelName":"-x","PrimaryContainer":{"Image":"i"}}`, "CreateModel",
			[]string{"at 'modelName' failed to satisfy constraint: Member must satisfy regular expression pattern"}},
		{"environment key", `{"ModelName":"x","PrimaryContainer":{"Image":"i","Environment":{"1BAD":"v"}}}`, "CreateModel",
			[]string{"Value '1BAD' at 'primaryContainer.environment'"}},
		{"describe name", `{"EndpointName":"a b"}`, "DescribeEndpoint", []string{"at 'endpointName' failed to satisfy constraint"}},
		{"describe required", `{}`, "DescribeModel", []string{"Value null at 'modelName' failed to satisfy constraint: Member must not be null"}},
		{"list max", `{"MaxResults":101}`, "ListEndpoints", []string{"at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"}},
		{"list status enum", `{"StatusEquals":"Running"}`, "ListEndpoints", []string{"Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [OutOfService"}},
		{"tag key length", `{"ResourceArn":"arn:aws:sagemaker:us-east-1:123456789012:model/m","Tags":[{"Key":"","Value":"v"}]}`, "AddTags",
			[]string{"at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"}},
		{"tag arn", `{"ResourceArn":"arn:aws:s3:::bucket"}`, "ListTags", []string{"at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern"}},
		{"list tags page size", `{"ResourceArn":"arn:aws:sagemaker:us-east-1:123456789012:model/m","MaxResults":10}`, "ListTags", []string{"Member must have value greater than or equal to 50"}},
		{"delete tags keys", `{"ResourceArn":"arn:aws:sagemaker:us-east-1:123456789012:model/m","TagKeys":[]}`, "DeleteTags", []string{"at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1"}},
		{"update weights required", `{"EndpointName":"e","DesiredWeightsAndCapacities":[{"DesiredWeight":1}]}`, "UpdateEndpointWeightsAndCapacities",
			[]string{"Value null at 'desiredWeightsAndCapacities.1.member.variantName'"}},
		{"variant property enum", `{"EndpointName":"e","EndpointConfigName":"c","ExcludeRetainedVariantProperties":[{"VariantPropertyType":"Weight"}]}`, "UpdateEndpoint",
			[]string{"Value 'Weight' at 'excludeRetainedVariantProperties.1.member.variantPropertyType'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, typ, msg := post(t, e.srv.URL(), tt.op, tt.body)
			if status != 400 || typ != "ValidationException" {
				t.Fatalf("got %d %s %q, want 400 ValidationException", status, typ, msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\nlacks %q", msg, w)
				}
			}
		})
	}
}

func TestServiceSideRules(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	_, err := e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("c"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}},
		Tags:               []types.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("x")}}})
	apiErr(t, err, "ValidationException", "System prefix 'aws:' reserved for AWS usage in tag key: aws:cloudformation:stack-name")
	_, err = e.client.CreateEndpointConfig(e.ctx, &sagemaker.CreateEndpointConfigInput{EndpointConfigName: aws.String("c"),
		ProductionVariants: []types.ProductionVariant{{VariantName: aws.String("a"), ModelName: aws.String("m")}},
		Tags:               []types.Tag{{Key: aws.String("k"), Value: aws.String("1")}, {Key: aws.String("k"), Value: aws.String("2")}}})
	apiErr(t, err, "ValidationException", `Duplicate tag key "k"`)
}
