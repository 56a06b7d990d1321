package schema_test

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/schema"
)

const benchDoc = `kind: EndpointConfig
EndpointConfigName: churn-prod-v8
ProductionVariants:
  - VariantName: current
    ModelName: churn-v8
    InstanceType: ml.m5.xlarge
    InitialInstanceCount: 2
    InitialVariantWeight: 2
  - VariantName: challenger
    ModelName: churn-v9
    InstanceType: ml.g5.xlarge
    InitialInstanceCount: 1
    InitialVariantWeight: 1
DataCaptureConfig:
  InitialSamplingPercentage: 10
  DestinationS3Uri: s3://capture/churn
  CaptureOptions: [{CaptureMode: Input}, {CaptureMode: Output}]
KmsKeyId: alias/sagemaker-prod
Tags:
  - {Key: team, Value: churn}
`

// BenchmarkValidate is one typical valid EndpointConfig (two variants, data capture,
// tags): the per-document cost of the schema rules.
func BenchmarkValidate(b *testing.B) {
	v := value(b, benchDoc)
	schema.Validate("EndpointConfig", v) // compile outside the timing
	b.ReportAllocs()
	for b.Loop() {
		if errs := schema.Validate("EndpointConfig", v); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkValidateErrors is a document with a typo, a quoted number and an unknown
// instance type: errors cost their messages and suggestions.
func BenchmarkValidateErrors(b *testing.B) {
	v := value(b, strings.Replace(benchDoc, "InstanceType: ml.m5.xlarge", "InstanceTyp: ml.m9.xlarge\n    InstanceType: ml.m9.xlarge", 1)+
		"EnableNetworkIsolation: \"true\"\n")
	b.ReportAllocs()
	for b.Loop() {
		if errs := schema.Validate("EndpointConfig", v); len(errs) == 0 {
			b.Fatal("no errors")
		}
	}
}
