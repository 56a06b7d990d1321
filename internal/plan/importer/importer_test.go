package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

func snapshot(t *testing.T, files map[string]string) *live.Dir {
	t.Helper()
	dir := t.TempDir()
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := live.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestImportEndpointBringsConfigAndModels(t *testing.T) {
	d := snapshot(t, map[string]string{
		"m.json": `{"ModelName": "m", "ModelArn": "arn:m", "PrimaryContainer": {"Image": "img"}, "CreationTime": "2026-01-01T00:00:00Z",
			"DeploymentRecommendation": {"RecommendationStatus": "COMPLETED"}}`,
		"c.json": `{"EndpointConfigName": "c", "EndpointConfigArn": "arn:c", "ProductionVariants": [
			{"VariantName": "a", "ModelName": "m", "InitialVariantWeight": 1.0, "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"},
			{"VariantName": "b", "ModelName": "m", "InitialVariantWeight": 1.0, "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}],
			"Tags": [{"Key": "sagectl:managed-by", "Value": "sagectl"}, {"Key": "z", "Value": "1"}, {"Key": "a", "Value": "2"}]}`,
		"e.json": `{"EndpointName": "e", "EndpointArn": "arn:e", "EndpointConfigName": "c", "EndpointStatus": "InService",
			"ProductionVariants": [{"VariantName": "a", "DesiredWeight": 3.0}, {"VariantName": "b", "DesiredWeight": 0.10000000149011612}]}`,
	})
	ms, err := Import(context.Background(), d, []Ref{{manifest.KindEndpoint, "e"}, {manifest.KindModel, "m"}})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, m := range ms {
		kinds = append(kinds, string(m.Kind)+":"+m.Name)
	}
	if got := strings.Join(kinds, " "); got != "Model:m EndpointConfig:c Endpoint:e" {
		t.Fatalf("imported %s; want each resource once, in graph order", got)
	}
	model := string(ms[0].YAML)
	if !strings.HasPrefix(model, "kind: Model\nModelName: m\n") || strings.Contains(model, "ModelArn") ||
		strings.Contains(model, "CreationTime") || strings.Contains(model, "DeploymentRecommendation") || strings.Contains(model, "Tags") {
		t.Errorf("model manifest keeps only CreateModel members, kind and name first:\n%s", model)
	}
	config := string(ms[1].YAML)
	if !strings.Contains(config, "Tags:\n  - Key: a\n    Value: \"2\"\n  - Key: z\n") || strings.Contains(config, "sagectl:") {
		t.Errorf("config tags: user tags sorted, sagectl's dropped:\n%s", config)
	}
	ep := string(ms[2].YAML)
	if !strings.Contains(ep, "DesiredWeightsAndCapacities:\n  - VariantName: a\n    DesiredWeight: 3\n  - VariantName: b\n    DesiredWeight: 0.1\n") {
		t.Errorf("endpoint whose live weights differ from the config's: want DesiredWeightsAndCapacities:\n%s", ep)
	}
	// The imported documents load as manifests of the right kinds.
	var all []byte
	for _, m := range ms {
		all = append(append(all, "---\n"...), m.YAML...)
	}
	_, docs, fs := manifest.Parse("imported.yaml", all)
	if len(fs) != 0 || len(docs) != 3 || docs[2].Kind != manifest.KindEndpoint || docs[2].Name() != "e" {
		t.Errorf("imported YAML does not load: %v", fs)
	}
}

func TestImportSameWeightsNoDesired(t *testing.T) {
	d := snapshot(t, map[string]string{
		"m.json": `{"ModelName": "m", "ModelArn": "arn:m", "PrimaryContainer": {"Image": "img"}}`,
		"c.json": `{"EndpointConfigName": "c", "EndpointConfigArn": "arn:c", "ProductionVariants": [{"VariantName": "a", "ModelName": "m"}]}`,
		"e.json": `{"EndpointName": "e", "EndpointArn": "arn:e", "EndpointConfigName": "c", "EndpointStatus": "InService",
			"ProductionVariants": [{"VariantName": "a", "DesiredWeight": 1.0}]}`,
	})
	ms, err := Import(context.Background(), d, []Ref{{manifest.KindEndpoint, "e"}})
	if err != nil {
		t.Fatal(err)
	}
	if ep := string(ms[len(ms)-1].YAML); strings.Contains(ep, "DesiredWeightsAndCapacities") {
		t.Errorf("weights equal to the config's initial ones (default 1): no DesiredWeightsAndCapacities wanted:\n%s", ep)
	}
}

func TestImportMissingDependency(t *testing.T) {
	d := snapshot(t, map[string]string{
		"c.json": `{"EndpointConfigName": "c", "EndpointConfigArn": "arn:c", "ProductionVariants": [{"VariantName": "a", "ModelName": "gone"}]}`,
	})
	_, err := Import(context.Background(), d, []Ref{{manifest.KindEndpointConfig, "c"}})
	if err == nil || !strings.Contains(err.Error(), `Model "gone" does not exist`) {
		t.Errorf("err = %v", err)
	}
}

// TestImportNamesAreCaseInsensitive: a config naming FRAUD-MODEL uses the live fraud-model,
// which is imported once, under its live spelling, and the live weights are matched to
// the config's variants whatever their case.
func TestImportNamesAreCaseInsensitive(t *testing.T) {
	d := snapshot(t, map[string]string{
		"m.json": `{"ModelName": "fraud-model", "ModelArn": "arn:m", "PrimaryContainer": {"Image": "img"}}`,
		"c.json": `{"EndpointConfigName": "fraud-cfg", "EndpointConfigArn": "arn:c", "ProductionVariants": [
			{"VariantName": "Main", "ModelName": "FRAUD-MODEL", "InitialVariantWeight": 1.0, "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}]}`,
		"e.json": `{"EndpointName": "fraud", "EndpointArn": "arn:e", "EndpointConfigName": "FRAUD-CFG", "EndpointStatus": "InService",
			"ProductionVariants": [{"VariantName": "main", "DesiredWeight": 1.0}]}`,
	})
	ms, err := Import(context.Background(), d, []Ref{{manifest.KindEndpoint, "FRAUD"}, {manifest.KindModel, "Fraud-Model"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, string(m.Kind)+" "+m.Name)
	}
	if got := strings.Join(names, ", "); got != "Model fraud-model, EndpointConfig fraud-cfg, Endpoint fraud" {
		t.Errorf("imported %s", got)
	}
	if strings.Contains(string(ms[2].YAML), "DesiredWeightsAndCapacities") {
		t.Errorf("weights equal to the config's (variant Main = main) imported as drift:\n%s", ms[2].YAML)
	}
}

// TestImportWritesOnlyWhatIsSetInAPIOrder: the empty objects and lists another SageMaker
// implementation returns for unset members are not written, and members come in the
// request's order (required first), not sorted.
func TestImportWritesOnlyWhatIsSetInAPIOrder(t *testing.T) {
	d := snapshot(t, map[string]string{
		"m.json": `{"ModelName": "m", "ModelArn": "arn:m", "PrimaryContainer": {"ModelDataUrl": "s3://b/m.tar.gz", "Image": "img", "Environment": {}, "ImageConfig": {}},
			"Containers": [], "VpcConfig": {}, "ExecutionRoleArn": "arn:aws:iam::123456789012:role/r", "EnableNetworkIsolation": false}`,
		"c.json": `{"EndpointConfigName": "c", "EndpointConfigArn": "arn:c", "DataCaptureConfig": {}, "KmsKeyId": "k", "ShadowProductionVariants": [],
			"ProductionVariants": [{"VariantName": "a", "ModelName": "m", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1, "CoreDumpConfig": {}}]}`,
	})
	ms, err := Import(context.Background(), d, []Ref{{manifest.KindEndpointConfig, "c"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"m": "kind: Model\nModelName: m\nEnableNetworkIsolation: false\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\nPrimaryContainer:\n  Image: img\n  ModelDataUrl: s3://b/m.tar.gz\n",
		"c": "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: a\n    InitialInstanceCount: 1\n    InstanceType: ml.m5.large\n    ModelName: m\nKmsKeyId: k\n",
	}
	for _, m := range ms {
		if got := string(m.YAML); got != want[m.Name] {
			t.Errorf("%s %s:\n%s\nwant:\n%s", m.Kind, m.Name, got, want[m.Name])
		}
	}
}
