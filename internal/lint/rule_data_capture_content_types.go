package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// dataCaptureContentTypes warns about content types listed twice in CaptureContentTypeHeader.
type dataCaptureContentTypes struct{}

var dataCaptureContentTypesInfo = &Info{
	ID:       "data-capture-content-type-duplicate",
	Severity: finding.Warning,
	Summary:  "flags a content type listed twice in DataCaptureConfig.CaptureContentTypeHeader",
	Why: "CsvContentTypes and JsonContentTypes tell data capture which payloads to record as CSV or JSON text instead of base64; " +
		"each list holds at most 10 entries. A type listed twice wastes one of them, and a type in both lists is ambiguous: " +
		"it cannot be captured as CSV and as JSON. Media types are case-insensitive, so text/CSV repeats text/csv.",
	Source: "CaptureContentTypeHeader.CsvContentTypes and JsonContentTypes: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CaptureContentTypeHeader.html; " +
		"media types are case-insensitive (RFC 9110 §8.3.1): https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1",
	Fix:   "List each content type once, in the one list that matches its payload format.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: capture
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
DataCaptureConfig:
  InitialSamplingPercentage: 20
  DestinationS3Uri: s3://capture-bucket/fraud
  CaptureOptions:
    - CaptureMode: Input
  CaptureContentTypeHeader:
    JsonContentTypes: [application/json, application/JSON]
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: capture
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
DataCaptureConfig:
  InitialSamplingPercentage: 20
  DestinationS3Uri: s3://capture-bucket/fraud
  CaptureOptions:
    - CaptureMode: Input
  CaptureContentTypeHeader:
    CsvContentTypes: [text/csv]
    JsonContentTypes: [application/json, application/jsonlines]
KmsKeyId: alias/sagemaker
`, "my-model"),
}

func (dataCaptureContentTypes) Info() *Info { return dataCaptureContentTypesInfo }

func (dataCaptureContentTypes) Check(p *Pass) {
	hdr := manifest.Get(manifest.Get(p.Doc.Body, "DataCaptureConfig"), "CaptureContentTypeHeader")
	type entry struct {
		list string
		node *yaml.Node
	}
	seen := map[string]entry{}
	for _, list := range []string{"CsvContentTypes", "JsonContentTypes"} {
		for _, n := range manifest.Items(manifest.Get(hdr, list)) {
			ct, ok := manifest.Str(n)
			if !ok {
				continue
			}
			key := strings.ToLower(ct)
			first, dup := seen[key]
			switch {
			case !dup:
				seen[key] = entry{list, n}
			case first.list == list:
				p.Report(n, fmt.Sprintf("content type %q is already listed in %s at line %d", ct, list, first.node.Line),
					"remove the repeated entry")
			default:
				p.Report(n, fmt.Sprintf("content type %q is listed in both %s (line %d) and %s; a payload is captured either as CSV or as JSON",
					ct, first.list, first.node.Line, list), "keep the type only in the list that matches its payload format")
			}
		}
	}
}
