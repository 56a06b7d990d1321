package preflight

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/sagectl/sagectl/internal/manifest"
)

// CloudWatch is the CloudWatch call the alarm check makes.
type CloudWatch interface {
	DescribeAlarms(context.Context, *cloudwatch.DescribeAlarmsInput, ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error)
}

// SNS is the SNS call the topic check makes.
type SNS interface {
	GetTopicAttributes(context.Context, *sns.GetTopicAttributesInput, ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error)
}

// alarms checks that each auto-rollback alarm exists: SageMaker watches them during the
// deployment (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html).
func (r *run) alarms(doc *manifest.Document, d *smtypes.DeploymentConfig) {
	if d == nil || d.AutoRollbackConfiguration == nil || r.c.CloudWatch == nil {
		return
	}
	for i, a := range d.AutoRollbackConfiguration.Alarms {
		if a.AlarmName == nil {
			continue
		}
		name := *a.AlarmName
		r.once(doc, pointer("DeploymentConfig", "AutoRollbackConfiguration", "Alarms", i, "AlarmName"), "alarm "+name, func() result {
			out, err := r.c.CloudWatch.DescribeAlarms(r.ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name},
				AlarmTypes: []cwtypes.AlarmType{cwtypes.AlarmTypeMetricAlarm, cwtypes.AlarmTypeCompositeAlarm}})
			if err != nil {
				return notChecked("alarm "+name, "cloudwatch:DescribeAlarms", err)
			}
			if len(out.MetricAlarms)+len(out.CompositeAlarms) == 0 {
				return problem("preflight-alarm-exists", "create the alarm in "+r.in.Region+", or fix its name",
					"CloudWatch alarm %s does not exist in %s: the deployment could not watch it to roll back", name, r.in.Region)
			}
			return ok
		})
	}
}

// topic checks that an async inference notification topic exists
// (https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html).
func (r *run) topic(doc *manifest.Document, ptr string, arn *string) {
	if arn == nil || r.c.SNS == nil {
		return
	}
	r.once(doc, ptr, "topic "+*arn, func() result {
		_, err := r.c.SNS.GetTopicAttributes(r.ctx, &sns.GetTopicAttributesInput{TopicArn: arn})
		switch code(err) {
		case "":
			return ok
		case "NotFound":
			return problem("preflight-sns-topic", "create the topic, or fix its ARN", "SNS topic %s does not exist: async results could not be notified", *arn)
		}
		return notChecked("SNS topic "+*arn, "sns:GetTopicAttributes", err)
	})
}
