package importer

import (
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// TestImportComponent: a component brings its endpoint (and so its config) and model; its
// manifest has the specified image, not the resolved one, and the desired copy count.
func TestImportComponent(t *testing.T) {
	d := snapshot(t, map[string]string{
		"m.json": `{"ModelName": "m", "ModelArn": "arn:m", "PrimaryContainer": {"Image": "img"}}`,
		"c.json": `{"EndpointConfigName": "c", "EndpointConfigArn": "arn:c", "ExecutionRoleArn": "arn:aws:iam::1:role/r",
			"ProductionVariants": [{"VariantName": "main", "InitialInstanceCount": 1, "InstanceType": "ml.g5.xlarge"}]}`,
		"e.json": `{"EndpointName": "e", "EndpointArn": "arn:e", "EndpointConfigName": "c", "EndpointStatus": "InService"}`,
		"ic.json": `{"InferenceComponentName": "chat", "InferenceComponentArn": "arn:ic", "EndpointName": "e", "EndpointArn": "arn:e", "VariantName": "main",
			"InferenceComponentStatus": "InService", "CreationTime": "2026-01-01T00:00:00Z",
			"Specification": {"ModelName": "m", "Container": {"ArtifactUrl": "s3://a/", "DeployedImage": {"SpecifiedImage": "img:1", "ResolvedImage": "img@sha256:9"}}},
			"RuntimeConfig": {"DesiredCopyCount": 3, "CurrentCopyCount": 2}, "Tags": [{"Key": "team", "Value": "llm"}]}`,
	})
	ms, err := Import(context.Background(), d, []Ref{{manifest.KindInferenceComponent, "chat"}})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, m := range ms {
		kinds = append(kinds, string(m.Kind)+":"+m.Name)
	}
	if got := strings.Join(kinds, " "); got != "Model:m EndpointConfig:c Endpoint:e InferenceComponent:chat" {
		t.Fatalf("imported %s", got)
	}
	// Members in the SDK type's order, as for the other kinds.
	want := "kind: InferenceComponent\nInferenceComponentName: chat\nEndpointName: e\nRuntimeConfig:\n  CopyCount: 3\nSpecification:\n" +
		"  Container:\n    ArtifactUrl: s3://a/\n    Image: img:1\n  ModelName: m\nVariantName: main\nTags:\n  - Key: team\n    Value: llm\n"
	if got := string(ms[3].YAML); got != want {
		t.Errorf("component manifest:\n%s\nwant:\n%s", got, want)
	}
}
