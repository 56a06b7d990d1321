package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// kmsFormat reports a KmsKeyId that is none of the four forms KMS accepts.
type kmsFormat struct{}

var kmsFormatInfo = &Info{
	ID:       "kms-key-format",
	Severity: finding.Error,
	Summary:  "flags a KmsKeyId that is not a key ID, key ARN, alias name or alias ARN",
	Why: "The API model's pattern for KmsKeyId, [a-zA-Z0-9:/_-]*, accepts almost anything (even an empty string), so a " +
		"typo passes the schema and CreateEndpointConfig fails, or captured data and async outputs cannot be written. " +
		"SageMaker documents the accepted forms: key ID, key ARN, alias name and alias name ARN. Checked: KmsKeyId, " +
		"DataCaptureConfig.KmsKeyId, AsyncInferenceConfig.OutputConfig.KmsKeyId and each variant's CoreDumpConfig.KmsKeyId.",
	Source: "CreateEndpointConfig.KmsKeyId (key ID, key ARN, alias name or alias ARN): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html; " +
		"KMS key identifiers: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id",
	Fix:   "Write the key as a key ID, key ARN, alias/NAME or alias ARN.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: encrypted
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: arn:aws:kms:us-east-1:123456789012:aliases/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: encrypted
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
KmsKeyId: arn:aws:kms:us-east-1:123456789012:alias/sagemaker
`, "my-model"),
}

func (kmsFormat) Info() *Info { return kmsFormatInfo }

func (kmsFormat) Check(p *Pass) {
	for _, k := range kmsKeys(p.Doc.Body) {
		if servicerules.ValidKMSKey(k.Value) || !kmsModelPattern.MatchString(k.Value) {
			continue
		}
		hint := "write " + servicerules.KMSFormats
		if k.Value != "" && !strings.Contains(k.Value, ":") && !strings.Contains(k.Value, "/") {
			hint = fmt.Sprintf("if %q is an alias, write alias/%s", k.Value, k.Value)
		}
		p.Report(k.Node, fmt.Sprintf("%s %q%s is not a KMS key reference; expected %s", k.Field, k.Value, k.Of, servicerules.KMSFormats), hint)
	}
}
