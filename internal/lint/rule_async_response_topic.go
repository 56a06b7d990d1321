package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// asyncResponseTopic warns when IncludeInferenceResponseIn names a topic that is not configured.
type asyncResponseTopic struct{}

var asyncResponseTopicInfo = &Info{
	ID:       "async-response-without-topic",
	Severity: finding.Warning,
	Summary:  "flags IncludeInferenceResponseIn naming a notification topic that is not set",
	Why: "IncludeInferenceResponseIn lists the SNS notifications that carry the inference response: SUCCESS_NOTIFICATION_TOPIC " +
		"goes with SuccessTopic, ERROR_NOTIFICATION_TOPIC with ErrorTopic. Without the matching topic no notification is sent, " +
		"so the setting has no effect and the consumer waiting for it gets nothing.",
	Source: "AsyncInferenceNotificationConfig (\"If no topic is provided, no notification is sent\"), IncludeInferenceResponseIn (that a listed topic needs its ARN is inferred): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceNotificationConfig.html",
	Fix:    "Set the matching SuccessTopic or ErrorTopic, or remove the value from IncludeInferenceResponseIn.",
	Kinds:  []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: s3://acme-async/output
    NotificationConfig:
      ErrorTopic: arn:aws:sns:eu-west-1:123456789012:async-errors
      IncludeInferenceResponseIn: [SUCCESS_NOTIFICATION_TOPIC]
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: async
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
AsyncInferenceConfig:
  OutputConfig:
    S3OutputPath: s3://acme-async/output
    NotificationConfig:
      SuccessTopic: arn:aws:sns:eu-west-1:123456789012:async-results
      ErrorTopic: arn:aws:sns:eu-west-1:123456789012:async-errors
      IncludeInferenceResponseIn: [SUCCESS_NOTIFICATION_TOPIC]
KmsKeyId: alias/sagemaker
`, "my-model"),
}

// responseTopicField maps an AsyncNotificationTopicTypes value to the topic it needs.
var responseTopicField = map[string]string{
	notifySuccessTopic: "SuccessTopic",
	notifyErrorTopic:   "ErrorTopic",
}

func (asyncResponseTopic) Info() *Info { return asyncResponseTopicInfo }

func (asyncResponseTopic) Check(p *Pass) {
	nc := manifest.Get(manifest.Get(manifest.Get(p.Doc.Body, "AsyncInferenceConfig"), "OutputConfig"), "NotificationConfig")
	for _, n := range manifest.Items(manifest.Get(nc, "IncludeInferenceResponseIn")) {
		v, _ := manifest.Str(n)
		field, known := responseTopicField[v]
		if !known || !manifest.IsNull(manifest.Get(nc, field)) {
			continue
		}
		p.Report(n, fmt.Sprintf("IncludeInferenceResponseIn lists %s but NotificationConfig has no %s, so no such notification is sent", v, field),
			fmt.Sprintf("set %s to an SNS topic ARN, or remove %s", field, v))
	}
}
