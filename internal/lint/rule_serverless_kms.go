package lint

import (
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// serverlessKMS warns about a config-level KmsKeyId on a serverless endpoint config.
type serverlessKMS struct{}

var serverlessKMSInfo = &Info{
	ID:       "serverless-kms",
	Severity: finding.Warning,
	Summary:  "flags KmsKeyId on a serverless endpoint config: it encrypts no instance volume and may be rejected",
	Why: "KmsKeyId encrypts the storage volume attached to hosting instances; serverless endpoints have none. An older " +
		"version of the Serverless Inference page listed KMS keys among the unsupported features; the current page no longer " +
		"does, so this is a warning.",
	Source: "serverless endpoints (the current page no longer lists KMS keys as unsupported): https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html; " +
		"the page's history in AWS's archived developer guide repository, where an older version lists KMS keys under Feature exclusions: https://github.com/awsdocs/amazon-sagemaker-developer-guide/commits/master/doc_source/serverless-endpoints.md",
	Fix:   "Remove KmsKeyId from the serverless endpoint config.",
	Kinds: []manifest.Kind{manifest.KindEndpointConfig},
	Bad: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
KmsKeyId: alias/sagemaker
`, "my-model"),
	Good: withModels(`kind: EndpointConfig
EndpointConfigName: serverless
ProductionVariants:
  - VariantName: main
    ModelName: my-model
    ServerlessConfig:
      MemorySizeInMB: 2048
      MaxConcurrency: 5
`, "my-model"),
}

func (serverlessKMS) Info() *Info { return serverlessKMSInfo }

func (serverlessKMS) Check(p *Pass) {
	if anyServerless(p.Doc.Body) && present(p.Doc.Body, "KmsKeyId") {
		p.Report(keyOf(p.Doc.Body, "KmsKeyId"), "KmsKeyId on a serverless endpoint config: serverless endpoints have no instance storage volume to encrypt, and older documentation lists KMS keys as unsupported",
			"remove KmsKeyId")
	}
}
