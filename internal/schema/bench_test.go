package schema_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/schema"
	"github.com/santhosh-tekuri/jsonschema/v5"
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

// BenchmarkValidateV5 is BenchmarkValidate's document checked by jsonschema v5, the
// validator sagectl used before: the ratio of the two is the per-document speed-up.
func BenchmarkValidateV5(b *testing.B) {
	v := value(b, benchDoc)
	ref, err := reference()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ref["EndpointConfig"].Validate(v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstValidateV5 is what a fresh process paid with jsonschema v5 to check
// its first EndpointConfig: compile the schema (with v5's metaschema check), validate.
func BenchmarkFirstValidateV5(b *testing.B) {
	v := value(b, benchDoc)
	b.ReportAllocs()
	for b.Loop() {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		if err := c.AddResource("s.json", bytes.NewReader(schema.JSON())); err != nil {
			b.Fatal(err)
		}
		meta, err := jsonschema.CompileString("warn-unknown.json", `{"properties": {"`+schema.KeywordWarnUnknown+`": {"type": "string"}}}`)
		if err != nil {
			b.Fatal(err)
		}
		c.RegisterExtension(schema.KeywordWarnUnknown, meta, warnUnknownCompiler{})
		s, err := c.Compile("s.json#/$defs/EndpointConfig")
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			b.Fatal(err)
		}
	}
}
