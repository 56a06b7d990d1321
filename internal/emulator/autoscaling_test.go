package emulator_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/emulator"
)

func newAASClient(url string) *applicationautoscaling.Client {
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }}
	return applicationautoscaling.NewFromConfig(cfg, func(o *applicationautoscaling.Options) { o.BaseEndpoint = aws.String(url) })
}

func TestAutoscalingOperations(t *testing.T) {
	want := "DeleteScalingPolicy DeleteScheduledAction DeregisterScalableTarget DescribeScalableTargets DescribeScalingPolicies " +
		"DescribeScheduledActions ListTagsForResource PutScalingPolicy PutScheduledAction RegisterScalableTarget TagResource UntagResource"
	if got := strings.Join(emulator.AutoscalingOperations(), " "); got != want {
		t.Errorf("AutoscalingOperations() = %s", got)
	}
}

// TestAutoscalingSDK: the SDK client's requests (X-Amz-Target AnyScaleFrontendService.*)
// register a tagged target, tag it again, and the removal of an autoscaled variant is
// refused like a change of its instance type.
func TestAutoscalingSDK(t *testing.T) {
	e := newEnv(t)
	c := newAASClient(e.srv.URL())
	e.model(t, "m")
	e.config(t, "two", "m", "m") // variants va, vb
	e.config(t, "one", "m")      // variant va only
	must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("two")}))
	e.clock.Advance(60e9)
	reg := &applicationautoscaling.RegisterScalableTargetInput{ServiceNamespace: aastypes.ServiceNamespaceSagemaker, ResourceId: aws.String("endpoint/ep/variant/vb"),
		ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount, MinCapacity: aws.Int32(1), MaxCapacity: aws.Int32(3),
		Tags: map[string]string{"sagectl:managed": "true"}}
	out := must[*applicationautoscaling.RegisterScalableTargetOutput](t)(c.RegisterScalableTarget(e.ctx, reg))
	_, err := c.RegisterScalableTarget(e.ctx, reg)
	apiErr(t, err, "ValidationException", "use the TagResource API")
	must[*applicationautoscaling.TagResourceOutput](t)(c.TagResource(e.ctx, &applicationautoscaling.TagResourceInput{ResourceARN: out.ScalableTargetARN, Tags: map[string]string{"team": "churn"}}))
	tags := must[*applicationautoscaling.ListTagsForResourceOutput](t)(c.ListTagsForResource(e.ctx, &applicationautoscaling.ListTagsForResourceInput{ResourceARN: out.ScalableTargetARN}))
	if tags.Tags["sagectl:managed"] != "true" || tags.Tags["team"] != "churn" {
		t.Errorf("tags = %v", tags.Tags)
	}
	_, err = c.PutScalingPolicy(e.ctx, &applicationautoscaling.PutScalingPolicyInput{PolicyName: aws.String("p"), ServiceNamespace: aastypes.ServiceNamespaceSagemaker,
		ResourceId: aws.String("endpoint/ep/variant/va"), ScalableDimension: aastypes.ScalableDimensionSageMakerVariantDesiredInstanceCount})
	apiErr(t, err, "ObjectNotFoundException", "No scalable target registered")
	_, err = e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("one")})
	apiErr(t, err, "ValidationException", `The variant(s) "[vb]" must be deregistered`)
	must[*applicationautoscaling.DeregisterScalableTargetOutput](t)(c.DeregisterScalableTarget(e.ctx, &applicationautoscaling.DeregisterScalableTargetInput{
		ServiceNamespace: reg.ServiceNamespace, ResourceId: reg.ResourceId, ScalableDimension: reg.ScalableDimension}))
	must[*sagemaker.UpdateEndpointOutput](t)(e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String("one")}))
}
