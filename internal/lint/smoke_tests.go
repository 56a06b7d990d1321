package lint

import "github.com/sagectl/sagectl/internal/manifest"

// smokeKinds are the kinds the smoke test rules check.
var smokeKinds = []manifest.Kind{manifest.KindSmokeTest}

// smokeSource cites InvokeEndpoint, the request a smoke test sends.
const smokeSource = "InvokeEndpoint: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html"

// smokeExample is an endpoint's manifests followed by a smoke test of it whose last
// lines are rest.
func smokeExample(rest string) string {
	return withModels(`kind: EndpointConfig
EndpointConfigName: churn-v2
ProductionVariants:
  - {VariantName: main, ModelName: churn-v2, InstanceType: ml.m5.large, InitialInstanceCount: 1}
KmsKeyId: alias/sagemaker
---
kind: Endpoint
EndpointName: churn
EndpointConfigName: churn-v2
---
`, "churn-v2") + `kind: SmokeTest
SmokeTestName: churn-answers
ContentType: application/json
` + rest
}
