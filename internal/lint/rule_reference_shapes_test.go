package lint

import (
	"fmt"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// rulesB are the data capture, async, core dump, tag, name, reference and deployment rules.
func rulesB() []Rule {
	return []Rule{
		dataCaptureDestination{}, dataCaptureModes{}, dataCaptureSampling{}, dataCaptureContentTypes{},
		asyncOutputPath{}, asyncResponseTopic{}, asyncS3Location{}, coreDumpDestination{},
		tagsDuplicate{}, tagsAWSPrefix{}, tagsSagectlPrefix{},
		namesDuplicate{}, namesEndpointCase{}, namesVariantStable{},
		referenceModel{}, referenceEndpointConfig{},
		deploymentOnePolicy{}, deploymentTimeout{}, deploymentWeights{}, deploymentExclude{},
		referenceVariant{}, deploymentRolling{}, deploymentGuardrails{},
	}
}

// oddShapesB puts every field these rules read into the wrong shape: the schema reports
// those; the rules must neither panic nor report without a position.
var oddShapesB = []string{
	ecHead + "DataCaptureConfig: [1]\nAsyncInferenceConfig: x\nTags: {Key: a}\n",
	ecHead + "DataCaptureConfig:\n  DestinationS3Uri: [s3://a]\n  CaptureOptions: {CaptureMode: Input}\n  CaptureContentTypeHeader: [text/csv]\n  InitialSamplingPercentage: {}\n",
	ecHead + "DataCaptureConfig:\n  CaptureOptions: [~, [Input], {CaptureMode: ~}]\n  CaptureContentTypeHeader: {CsvContentTypes: text/csv, JsonContentTypes: [[a], ~, 1]}\n",
	ecHead + "AsyncInferenceConfig:\n  OutputConfig:\n    S3OutputPath: ~\n    S3FailurePath: 1\n    NotificationConfig: {IncludeInferenceResponseIn: SUCCESS_NOTIFICATION_TOPIC}\n",
	ecHead + "AsyncInferenceConfig:\n  OutputConfig:\n    NotificationConfig: {IncludeInferenceResponseIn: [[x], ~, 7]}\n",
	ecHead + "    CoreDumpConfig: [s3://a]\n    InstancePools: [{ModelNameOverride: [m]}, 3]\nShadowProductionVariants: {a: b}\n",
	ecHead + "Tags: [1, [a], {Key: [a]}, {Key: ~}, {Key: \"\"}, {Key: \"\"}, {Key: \"aws\"}, {Key: \"ä:x\"}]\n",
	"kind: Endpoint\nEndpointName: [e]\nEndpointConfigName: {c: 1}\n---\nkind: Endpoint\nEndpointName: ''\nEndpointConfigName: ''\n",
	"kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDeploymentConfig: [1]\nDesiredWeightsAndCapacities: x\nExcludeRetainedVariantProperties: x\n",
	"kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDeploymentConfig:\n  BlueGreenUpdatePolicy: ~\n  RollingUpdatePolicy: ~\n",
	"kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDeploymentConfig:\n  BlueGreenUpdatePolicy: {TrafficRoutingConfiguration: 1, MaximumExecutionTimeoutInSeconds: -5, TerminationWaitInSeconds: 1e400}\n  RollingUpdatePolicy: {WaitIntervalInSeconds: .inf, MaximumExecutionTimeoutInSeconds: 0}\n",
	"kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nbase: &b {VariantName: a}\nDesiredWeightsAndCapacities: [*b, *b, {<<: *b}]\nRetainAllVariantProperties: ~\nExcludeRetainedVariantProperties: [~]\n",
	ecHead + "---\nkind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDeploymentConfig: {RollingUpdatePolicy: 1}\nDesiredWeightsAndCapacities: [1, {VariantName: [x]}, {VariantName: x}]\n",
	"kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants: [1, {ServerlessConfig: 1}, {VariantName: [a]}]\n---\nkind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDeploymentConfig: {RollingUpdatePolicy: ~}\nDesiredWeightsAndCapacities: [{VariantName: a}]\n",
	"kind: Model\nModelName: m\nx: &a {Tags: [{Key: k}, {Key: k}]}\n---\nkind: Model\n<<: {ModelName: m, Tags: [{Key: k}, {Key: k}]}\n",
}

func TestRulesBOddShapes(t *testing.T) {
	for i, src := range oddShapesB {
		for _, r := range rulesB() {
			t.Run(fmt.Sprintf("%d/%s", i, r.Info().ID), func(t *testing.T) {
				for _, f := range checkRuleOn(t, r, src) {
					if f.Line < 1 || f.Col < 1 || f.Message == "" {
						t.Errorf("finding without a position or message: %+v", f)
					}
				}
			})
		}
	}
}

// TestRulesBRegistered: every rule of this part is in the registry, so none is dead code.
func TestRulesBRegistered(t *testing.T) {
	for _, r := range rulesB() {
		if Lookup(r.Info().ID) == nil {
			t.Errorf("rule %s is not in Registry()", r.Info().ID)
		}
	}
}

// FuzzRulesB runs this part's rules over arbitrary input, one or two files: no panic,
// and every finding has a position, a message and the ID of the rule that made it.
func FuzzRulesB(f *testing.F) {
	for _, s := range oddShapesB {
		f.Add(s, "")
	}
	for _, r := range rulesB() {
		f.Add(r.Info().Bad, r.Info().Good)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		set := &manifest.Set{}
		for i, src := range []string{a, b} {
			file, docs, _ := manifest.Parse(fmt.Sprintf("f%d.yaml", i), []byte(src))
			set.Files, set.Docs = append(set.Files, file), append(set.Docs, docs...)
		}
		for _, d := range set.Docs {
			for _, r := range rulesB() {
				for _, fd := range checkDocument(d, set, nil, []Rule{r}) {
					if fd.Line < 1 || fd.Col < 1 || fd.Message == "" || fd.Rule != r.Info().ID {
						t.Fatalf("bad finding %+v", fd)
					}
				}
			}
		}
	})
}
