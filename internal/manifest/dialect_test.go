package manifest

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// pos returns "line:col" of the value at pointer in d's body, or "missing".
func pos(d *Document, pointer string) string {
	n, ok := At(d.Body, pointer)
	if !ok {
		return "missing"
	}
	return strconv.Itoa(n.Line) + ":" + strconv.Itoa(n.Column)
}

const cfnTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: !GetAtt Role.Arn
      PrimaryContainer:
        Image: {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.us-east-1.amazonaws.com/x:1"}
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      EndpointConfigName: fixed
      ProductionVariants:
        - VariantName: main
          InstanceType: !Ref InstanceType
          InitialInstanceCount: 1
  Endpoint:
    Type: AWS::SageMaker::Endpoint
  Conditional:
    Type: AWS::SageMaker::Endpoint
    Properties: !If [Cond, {EndpointConfigName: a}, {EndpointConfigName: b}]
`

func TestCloudFormation(t *testing.T) {
	f, docs, fs := Parse("t.yaml", []byte(cfnTemplate))
	if len(fs) > 0 {
		t.Fatalf("findings: %v", fs)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want Model, Config and Endpoint (Conditional is deploy-time)", len(docs))
	}
	want := []struct {
		id   string
		kind Kind
	}{{"Model", KindModel}, {"Config", KindEndpointConfig}, {"Endpoint", KindEndpoint}}
	for i, w := range want {
		d := docs[i]
		if d.LogicalID != w.id || d.Kind != w.kind || d.Origin != OriginCloudFormation || d.File != f || d.Index != 0 {
			t.Errorf("doc %d: %s %s %s", i, d.LogicalID, d.Kind, d.Origin)
		}
	}
	model, config, endpoint := docs[0], docs[1], docs[2]
	role := Get(model.Body, "ExecutionRoleArn")
	if !IsDeployTime(role) || role.Value != "!GetAtt" || pos(model, "/ExecutionRoleArn") != "8:25" {
		t.Errorf("ExecutionRoleArn: %+v at %s", role, pos(model, "/ExecutionRoleArn"))
	}
	if _, ok := Str(role); ok {
		t.Error("Str reads a deploy-time value")
	}
	if img := Get(Get(model.Body, "PrimaryContainer"), "Image"); !IsDeployTime(img) || img.Value != "Fn::Sub" || pos(model, "/PrimaryContainer/Image") != "10:16" {
		t.Errorf("long-form intrinsic: %+v", img)
	}
	if pos(config, "/ProductionVariants/0/InitialInstanceCount") != "18:33" || config.Name() != "fixed" {
		t.Errorf("positions into the template lost: %s, name %q", pos(config, "/ProductionVariants/0/InitialInstanceCount"), config.Name())
	}
	// A name CloudFormation generates is present but deploy-time, at the logical ID.
	if n := Get(model.Body, "ModelName"); !IsDeployTime(n) || n.Line != 5 || model.Name() != "" {
		t.Errorf("generated ModelName: %+v", n)
	}
	if endpoint.Body.Kind != yaml.MappingNode || pos(endpoint, "/EndpointName") != "19:3" {
		t.Errorf("resource without Properties: %+v", endpoint.Body)
	}
	if _, err := ToValue(config.Body); err != nil {
		t.Error(err)
	}
	at := DeployTimePositions(docs)
	for _, p := range []Position{{"t.yaml", 8, 25}, {"t.yaml", 10, 16}, {"t.yaml", 17, 25}, {"t.yaml", 5, 3}} {
		if !at[p] {
			t.Errorf("deploy-time position %v missing from %v", p, at)
		}
	}
	// The parsed template itself is untouched: the copy was rewritten.
	if !strings.Contains(f.Line(8), "!GetAtt") || DeployTimePositions(nil) != nil {
		t.Error("source changed or positions for no documents")
	}
}

func TestCloudFormationProblems(t *testing.T) {
	_, docs, fs := Parse("t.yaml", []byte("Resources:\n  M:\n    Type: AWS::SageMaker::Model\n    Properties: [a]\n"))
	if len(docs) != 0 || len(fs) != 1 || fs[0].Rule != RuleDocument || fs[0].Line != 4 || fs[0].Col != 17 {
		t.Errorf("non-mapping Properties: %v", fs)
	}
	_, docs, fs = Parse("t.yaml", []byte("Resources:\n  M:\n    Type: AWS::SageMaker::Model\n    Properties: {A: 1, A: 2}\n"))
	if len(docs) != 0 || len(fs) != 1 || !strings.Contains(fs[0].Message, "duplicate key") {
		t.Errorf("duplicate keys: %v", fs)
	}
	// A native manifest that happens to have a Resources field is not a template.
	_, docs, _ = Parse("m.yaml", []byte("kind: Model\nModelName: m\nResources: {a: 1}\n"))
	if len(docs) != 1 || docs[0].Origin != OriginSagectl {
		t.Errorf("native document taken for a template: %+v", docs)
	}
}

const ackManifest = `apiVersion: sagemaker.services.k8s.aws/v1alpha1
kind: EndpointConfig
metadata:
  name: churn
spec:
  endpointConfigName: churn
  kmsKeyID: alias/k
  productionVariants:
    - variantName: main
      enableSSMAccess: true
      volumeSizeInGB: 30
      madeUp: 1
  dataCaptureConfig:
    destinationS3URI: s3://b/p
    captureContentTypeHeader:
      csvContentTypes: [text/csv]
  tags:
    - key: team
      value: churn
`

func TestACK(t *testing.T) {
	f, docs, fs := Parse("a.yaml", []byte(ackManifest))
	if len(fs) > 0 || len(docs) != 1 {
		t.Fatalf("docs %d, findings %v", len(docs), fs)
	}
	d := docs[0]
	if d.Kind != KindEndpointConfig || d.Origin != OriginACK || d.LogicalID != "churn" || d.Name() != "churn" {
		t.Errorf("document: %s %s %s %q", d.Kind, d.Origin, d.LogicalID, d.Name())
	}
	for pointer, want := range map[string]string{
		"/KmsKeyId":                                                   "7:13",
		"/ProductionVariants/0/VariantName":                           "9:20",
		"/ProductionVariants/0/EnableSSMAccess":                       "10:24",
		"/ProductionVariants/0/VolumeSizeInGB":                        "11:23",
		"/ProductionVariants/0/madeUp":                                "12:15",
		"/DataCaptureConfig/DestinationS3Uri":                         "14:23",
		"/DataCaptureConfig/CaptureContentTypeHeader/CsvContentTypes": "16:24",
		"/Tags/0/Key":   "18:12",
		"/Tags/0/Value": "19:14",
	} {
		if got := pos(d, pointer); got != want {
			t.Errorf("%s at %s, want %s", pointer, got, want)
		}
	}
	if Get(d.Body, "kmsKeyID") != nil || !strings.Contains(f.Line(7), "kmsKeyID") {
		t.Error("the copy keeps the ACK name, or the source was changed")
	}
}

func TestACKMapValuesKeepTheirKeys(t *testing.T) {
	src := "apiVersion: sagemaker.services.k8s.aws/v1alpha1\nkind: Model\nspec:\n  primaryContainer:\n    environment:\n      modelName: x\n"
	_, docs, _ := Parse("a.yaml", []byte(src))
	env := Get(Get(docs[0].Body, "PrimaryContainer"), "Environment")
	if Get(env, "modelName") == nil || Get(env, "ModelName") != nil {
		t.Errorf("Environment keys renamed: %+v", env)
	}
}

func TestACKKinds(t *testing.T) {
	head := "apiVersion: sagemaker.services.k8s.aws/v1alpha1\n"
	tests := []struct {
		src, rule string
		docs      int
		line, col int
	}{
		{head + "kind: TrainingJob\nspec: {}\n", "", 0, 0, 0},
		{head + "kind: Endpiont\nspec: {}\n", RuleKind, 0, 2, 7},
		{head + "spec: {}\n", RuleKind, 0, 1, 1},
		{head + "kind: Model\nspec: [a]\n", RuleDocument, 0, 3, 7},
		{head + "kind: Endpoint\n", "", 1, 0, 0},
	}
	for _, tt := range tests {
		_, docs, fs := Parse("a.yaml", []byte(tt.src))
		if len(docs) != tt.docs {
			t.Errorf("%q: %d documents, want %d", tt.src, len(docs), tt.docs)
		}
		switch {
		case tt.rule == "" && len(fs) > 0:
			t.Errorf("%q: unexpected %v", tt.src, fs)
		case tt.rule != "" && (len(fs) != 1 || fs[0].Rule != tt.rule || fs[0].Line != tt.line || fs[0].Col != tt.col):
			t.Errorf("%q: got %v, want %s at %d:%d", tt.src, fs, tt.rule, tt.line, tt.col)
		}
	}
}

func FuzzDialects(f *testing.F) {
	f.Add(cfnTemplate)
	f.Add(ackManifest)
	f.Add("Resources: {A: {Type: AWS::SageMaker::Endpoint, Properties: &a {X: *a}}}")
	f.Add("Resources: {C: {Type: AWS::SageMaker::InferenceComponent, Properties: {EndpointName: e, EndpointArn: !Ref E, " +
		"RuntimeConfig: {CopyCount: 1, DesiredCopyCount: 1}, Specification: {Container: {DeployedImage: {}, Image: i}}}}}}")
	f.Fuzz(func(t *testing.T, src string) {
		_, docs, _ := Parse("f.yaml", []byte(src))
		for _, d := range docs {
			if d.Body == nil || d.Body.Kind != yaml.MappingNode {
				t.Fatalf("document without a mapping body: %+v", d)
			}
			DeployTimePositions([]*Document{d})
			PointerTo(d.Body, d.Body)
		}
	})
}
