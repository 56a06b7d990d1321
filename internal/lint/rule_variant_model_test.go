package lint

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// modelDocA is a 5-line Model document named name, with extra lines appended; it ends
// with the document separator.
func modelDocA(name, extra string) string {
	return "kind: Model\nModelName: " + name + "\nExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker\n" + extra + "---\n"
}

func TestServerlessModel(t *testing.T) {
	serverless := func(model string) string {
		return "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: main\n    ModelName: " + model +
			"\n    ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 5}\n"
	}
	testRuleA(t, serverlessModel{}, []caseA{
		{name: "every excluded feature", src: modelDocA("m", `PrimaryContainer:
  Image: img
  Mode: MultiModel
  ModelPackageName: arn:aws:sagemaker:eu-west-1:123456789012:model-package/x
  ImageConfig: {RepositoryAccessMode: Vpc}
Containers: [{Image: a}, {Image: b}]
VpcConfig: {SecurityGroupIds: [sg-1], Subnets: [subnet-1]}
EnableNetworkIsolation: true
`) + serverless("m"), want: []string{
			`17:16 error: serverless variant "main" uses Model "m", which uses VpcConfig (line 10); serverless endpoints do not support it`,
			`17:16 error: serverless variant "main" uses Model "m", which uses a private Docker registry (ImageConfig.RepositoryAccessMode: Vpc) (line 8)`,
			`17:16 error: serverless variant "main" uses Model "m", which uses an AWS Marketplace model package (ModelPackageName) (line 7)`,
			`17:16 error: serverless variant "main" uses Model "m", which uses an inference pipeline (2 Containers) (line 9)`,
			`17:16 error: serverless variant "main" uses Model "m", which uses multi-model hosting (Mode: MultiModel) (line 6)`,
			`17:16 error: serverless variant "main" uses Model "m", which uses network isolation (EnableNetworkIsolation: true) (line 11)`,
		}},
		{name: "multi-model in a pipeline container", src: modelDocA("m", "Containers:\n  - {Image: a, Mode: MultiModel}\n") + serverless("m"),
			want: []string{`11:16 error: serverless variant "main" uses Model "m", which uses multi-model hosting (Mode: MultiModel) (line 5)`}},
		{name: "plain model", src: modelDocA("m", "PrimaryContainer: {Image: img, Mode: SingleModel}\nEnableNetworkIsolation: false\n") + serverless("m")},
		{name: "model not in the set", src: modelDocA("other", "PrimaryContainer: {Image: img, Mode: MultiModel}\n") + serverless("m")},
		{name: "instance-based variant", src: modelDocA("m", "PrimaryContainer: {Image: img, Mode: MultiModel}\n") +
			"kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - {VariantName: a, ModelName: m, InstanceType: ml.m5.large}\n"},
	})
}

func TestServerlessModelOtherFile(t *testing.T) {
	set := &manifest.Set{}
	for _, f := range []struct{ name, src string }{
		{"models.yaml", modelDocA("m", "VpcConfig: {Subnets: [s]}\n")},
		{"config.yaml", "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: main\n    ModelName: m\n    ServerlessConfig: {MaxConcurrency: 1}\n"},
	} {
		file, docs, fs := manifest.Parse(f.name, []byte(f.src))
		if len(fs) > 0 {
			t.Fatalf("%s does not load: %v", f.name, fs)
		}
		set.Files, set.Docs = append(set.Files, file), append(set.Docs, docs...)
	}
	var got []finding.Finding
	for _, d := range set.Docs {
		got = append(got, checkDocument(d, set, nil, []Rule{serverlessModel{}})...)
	}
	if len(got) != 1 || got[0].File != "config.yaml" || got[0].Line != 5 {
		t.Fatalf("got %v, want one finding at config.yaml:5", got)
	}
	if want := "which uses VpcConfig (models.yaml:4)"; !strings.Contains(got[0].Message, want) {
		t.Errorf("message %q does not contain %q", got[0].Message, want)
	}
}

func TestShadowModel(t *testing.T) {
	shadow := func(prod, shadow string) string {
		return "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - {VariantName: a, ModelName: " + prod +
			"}\nShadowProductionVariants:\n  - {VariantName: b, ModelName: " + shadow + "}\n"
	}
	testRuleA(t, shadowModel{}, []caseA{
		{name: "pipeline shadow and marketplace production", src: modelDocA("pipe", "Containers: [{Image: a}, {Image: b}]\n") +
			modelDocA("market", "PrimaryContainer: {ModelPackageName: pkg}\n") + shadow("market", "pipe"), want: []string{
			`14:33 error: variant "a" of a shadow test uses Model "market", which uses an AWS Marketplace model package (ModelPackageName) (line 9); shadow tests do not support it`,
			`16:33 error: variant "b" of a shadow test uses Model "pipe", which uses an inference pipeline (2 Containers) (line 4)`,
		}},
		{name: "VPC is fine for shadow tests", src: modelDocA("m", "VpcConfig: {Subnets: [s]}\nEnableNetworkIsolation: true\n") + shadow("m", "m")},
		{name: "no shadow", src: modelDocA("pipe", "Containers: [{Image: a}, {Image: b}]\n") +
			"kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - {VariantName: a, ModelName: pipe}\n"},
	})
}
