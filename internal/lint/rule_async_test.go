package lint

import "testing"

// ocHead starts an AsyncInferenceConfig.OutputConfig whose fields begin at line 10.
const ocHead = ecHead + "AsyncInferenceConfig:\n  OutputConfig:\n"

func TestAsyncOutputPath(t *testing.T) {
	runRuleCases(t, asyncOutputPath{}, []ruleCase{
		{"output path set", ocHead + "    S3OutputPath: s3://acme-async/out\n", nil},
		{"only failure path", ocHead + "    S3FailurePath: s3://acme-async/failed\n", []string{`9:3 warning: AsyncInferenceConfig.OutputConfig has no S3OutputPath`}},
		{"empty output config", ecHead + "AsyncInferenceConfig:\n  OutputConfig: {}\n", []string{`9:3 warning: AsyncInferenceConfig.OutputConfig has no S3OutputPath`}},
		{"missing output config is the schema's", ecHead + "AsyncInferenceConfig:\n  ClientConfig: {}\n", nil},
		{"output config not a mapping is the schema's", ecHead + "AsyncInferenceConfig:\n  OutputConfig: s3://x/y\n", nil},
		{"not async", ecHead, nil},
	})
}

func TestAsyncResponseTopic(t *testing.T) {
	nc := ocHead + "    S3OutputPath: s3://acme-async/out\n    NotificationConfig:\n"
	const ok = "arn:aws:sns:eu-west-1:123456789012:ok"
	const bad = "arn:aws:sns:eu-west-1:123456789012:bad"
	runRuleCases(t, asyncResponseTopic{}, []ruleCase{
		{"both topics", nc + "      SuccessTopic: " + ok + "\n      ErrorTopic: " + bad + "\n      IncludeInferenceResponseIn: [SUCCESS_NOTIFICATION_TOPIC, ERROR_NOTIFICATION_TOPIC]\n", nil},
		{"success without topic", nc + "      ErrorTopic: " + bad + "\n      IncludeInferenceResponseIn: [SUCCESS_NOTIFICATION_TOPIC]\n",
			[]string{`13:36 warning: IncludeInferenceResponseIn lists SUCCESS_NOTIFICATION_TOPIC but NotificationConfig has no SuccessTopic`}},
		{"error without topic, null topic", nc + "      ErrorTopic: null\n      IncludeInferenceResponseIn:\n        - ERROR_NOTIFICATION_TOPIC\n",
			[]string{`14:11 warning: IncludeInferenceResponseIn lists ERROR_NOTIFICATION_TOPIC but NotificationConfig has no ErrorTopic`}},
		{"unknown value is the schema's", nc + "      IncludeInferenceResponseIn: [BOTH]\n", nil},
		{"no notifications", ocHead + "    S3OutputPath: s3://acme-async/out\n", nil},
	})
}

func TestAsyncS3Location(t *testing.T) {
	runRuleCases(t, asyncS3Location{}, []ruleCase{
		{"valid", ocHead + "    S3OutputPath: s3://acme-async/out\n    S3FailurePath: https://acme-async.s3.eu-west-1.amazonaws.com/failed\n", nil},
		{"both bad", ocHead + "    S3OutputPath: s3://acme..async/out\n    S3FailurePath: https://example.com/failed\n", []string{
			`10:19 error: S3OutputPath "s3://acme..async/out" is not a usable S3 location: bucket name "acme..async" is not valid`,
			`11:20 error: S3FailurePath "https://example.com/failed" is not a usable S3 location: host "example.com" is not an Amazon S3 endpoint`,
		}},
		{"schema rejects", ocHead + "    S3OutputPath: acme-async/out\n", nil},
	})
}
