package emulator_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func tagMap(t *testing.T, e *env, arn string) map[string]string {
	t.Helper()
	out := must[*sagemaker.ListTagsOutput](t)(e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: aws.String(arn)}))
	m := map[string]string{}
	for _, tag := range out.Tags {
		m[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	return m
}

func TestTags(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.config(t, "c", "m")
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("c"),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("churn")}, {Key: aws.String("env"), Value: aws.String("dev")}}}))
	arn := "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"
	out := must[*sagemaker.AddTagsOutput](t)(e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String(arn),
		Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}, {Key: aws.String("owner"), Value: aws.String("")}}}))
	if len(out.Tags) != 2 {
		t.Errorf("AddTags answered %d tags, want the 2 added", len(out.Tags))
	}
	got := tagMap(t, e, arn)
	if len(got) != 3 || got["env"] != "prod" || got["team"] != "churn" || got["owner"] != "" {
		t.Errorf("after AddTags (replace by key): %v", got)
	}
	must[*sagemaker.DeleteTagsOutput](t)(e.client.DeleteTags(e.ctx, &sagemaker.DeleteTagsInput{ResourceArn: aws.String(arn), TagKeys: []string{"team", "absent"}}))
	if got := tagMap(t, e, arn); len(got) != 2 || got["team"] != "" {
		t.Errorf("after DeleteTags: %v", got)
	}
	if got := tagMap(t, e, "arn:aws:sagemaker:us-east-1:123456789012:model/m"); len(got) != 0 {
		t.Errorf("model tags: %v", got)
	}
	must[*sagemaker.AddTagsOutput](t)(e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c"),
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}}))
	if got := tagMap(t, e, "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c"); got["k"] != "v" {
		t.Errorf("config tags: %v", got)
	}

	many := make([]types.Tag, 0, 49)
	for i := range 49 { // 2 tags already: 51 in all
		many = append(many, types.Tag{Key: aws.String(fmt.Sprintf("k%d", i)), Value: aws.String("v")})
	}
	_, err := e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String(arn), Tags: many})
	apiErr(t, err, "ValidationException", "exceed the limit of 50 tags")
	_, err = e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("aws:x"), Value: aws.String("v")}}})
	apiErr(t, err, "ValidationException", "System prefix 'aws:' reserved")
	_, err = e.client.DeleteTags(e.ctx, &sagemaker.DeleteTagsInput{ResourceArn: aws.String(arn), TagKeys: []string{"aws:x"}})
	apiErr(t, err, "ValidationException", "System prefix 'aws:' reserved")
	_, err = e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: aws.String("arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost")})
	apiErr(t, err, "ValidationException", `Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ghost"`)
	_, err = e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: aws.String("arn:aws:sagemaker:us-east-1:123456789012:model/ghost")})
	apiErr(t, err, "ValidationException", `Could not find model`)
	_, err = e.client.AddTags(e.ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/ghost"), Tags: []types.Tag{}})
	apiErr(t, err, "ValidationException", `Could not find endpoint configuration`)
	_, err = e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: aws.String("arn:aws:sagemaker:eu-west-1:123456789012:model/m")})
	apiErr(t, err, "ValidationException", "is not a model, endpoint-config, endpoint or inference-component of this emulator")
	_, err = e.client.ListTags(e.ctx, &sagemaker.ListTagsInput{ResourceArn: aws.String(arn), NextToken: aws.String("x")})
	apiErr(t, err, "ValidationException", "Invalid pagination token")
}
