package schema_test

import (
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
	"gopkg.in/yaml.v3"
)

// want is one expected error: where, which keyword, and words the message must contain.
type want struct {
	pointer, keyword string
	atKey, warning   bool
	message, hint    string
}

func TestValidateErrors(t *testing.T) {
	const variant = "EndpointConfigName: c\nProductionVariants:\n  - VariantName: v\n    ModelName: m\n"
	for _, tc := range []struct {
		name, kind, src string
		want            []want
	}{
		{"unknown field with suggestion", "EndpointConfig", variant + "    InstanceTyp: ml.m5.large\n",
			[]want{{"/ProductionVariants/0/InstanceTyp", "additionalProperties", true, false,
				`unknown field "InstanceTyp" in ProductionVariants[0]; did you mean "InstanceType"?`, "rename it to InstanceType"}}},
		{"unknown field without suggestion", "Model", "ModelName: m\nColour: blue\n",
			[]want{{"/Colour", "additionalProperties", true, false, `unknown field "Colour" in Model`, "ExecutionRoleArn"}}},
		{"a field of another kind", "Endpoint", "EndpointName: e\nEndpointConfigName: c\nProductionVariants: []\n",
			[]want{{"/ProductionVariants", "additionalProperties", true, false,
				`unknown field "ProductionVariants" in Endpoint; ProductionVariants is a field of EndpointConfig`, "move it to a kind: EndpointConfig document"}}},
		{"a field at the wrong level", "EndpointConfig", variant + "InitialInstanceCount: 1\n",
			[]want{{"/InitialInstanceCount", "additionalProperties", true, false,
				`unknown field "InitialInstanceCount" in EndpointConfig; InitialInstanceCount belongs under ProductionVariants[]`, "move it to ProductionVariants[].InitialInstanceCount"}}},
		{"a field deeper down", "EndpointConfig", variant + "    MaxConcurrency: 5\n",
			[]want{{"/ProductionVariants/0/MaxConcurrency", "additionalProperties", true, false,
				`MaxConcurrency belongs under ProductionVariants[0].ServerlessConfig`, "move it to ProductionVariants[0].ServerlessConfig.MaxConcurrency"}}},
		{"a field of the variants, not of a Model", "EndpointConfig", variant + "ModelName: m\n",
			[]want{{"/ModelName", "additionalProperties", true, false, `ModelName belongs under ProductionVariants[]`, ""}}},
		{"missing required at the item", "EndpointConfig", "EndpointConfigName: c\nProductionVariants: [{ModelName: m}]\n",
			[]want{{"/ProductionVariants/0", "required", true, false, "ProductionVariants[0] lacks the required field VariantName", "add VariantName: The name of the production variant."}}},
		{"missing required at the root", "Endpoint", "EndpointName: e\n",
			[]want{{"", "required", true, false, "Endpoint lacks the required field EndpointConfigName", "add EndpointConfigName"}}},
		{"quoted integer", "EndpointConfig", variant + "    InitialInstanceCount: \"2\"\n",
			[]want{{"/ProductionVariants/0/InitialInstanceCount", "type", false, false,
				`InitialInstanceCount must be an integer, got string "2"`, "remove the quotes: InitialInstanceCount: 2"}}},
		{"null value", "EndpointConfig", variant + "KmsKeyId:\n",
			[]want{{"/KmsKeyId", "type", false, false, "KmsKeyId must be a string, got an empty value", "give KmsKeyId a value"}}},
		{"fraction for an integer", "EndpointConfig", variant + "    InitialInstanceCount: 1.5\n",
			[]want{{"/ProductionVariants/0/InitialInstanceCount", "type", false, false, "must be an integer, got number 1.5", ""}}},
		{"enum with suggestion", "EndpointConfig", variant + "    RoutingConfig: {RoutingStrategy: random}\n",
			[]want{{"/ProductionVariants/0/RoutingConfig/RoutingStrategy", "enum", false, false,
				`"random" is not a valid RoutingStrategy; expected one of "LEAST_OUTSTANDING_REQUESTS", "RANDOM", "PREFIX_AWARE", "KV_AWARE"; did you mean "RANDOM"?`, `replace it with "RANDOM"`}}},
		{"integer enum from the table", "EndpointConfig", variant + "MetricsConfig: {MetricPublishFrequencyInSeconds: 45}\n",
			[]want{{"/MetricsConfig/MetricPublishFrequencyInSeconds", "enum", false, false, "45 is not a valid MetricPublishFrequencyInSeconds; expected one of 10, 30, 60, 120, 180, 240, 300", ""}}},
		{"malformed instance type", "EndpointConfig", variant + "    InstanceType: ml.m5.huge\n",
			[]want{{"/ProductionVariants/0/InstanceType", "enum", false, false, `"ml.m5.huge" is not a valid InstanceType; expected ml.<family>.<size>, one of the 277 this SDK knows; did you mean "ml.m5.large"?`, `replace it with "ml.m5.large"`}}},
		{"instance type of the wrong type", "EndpointConfig", variant + "    InstanceType: 5\n",
			[]want{{"/ProductionVariants/0/InstanceType", "type", false, false, "InstanceType must be a string, got number 5", ""}}},
		{"unknown well-formed instance type", "EndpointConfig", variant + "    InstanceType: ml.m9.large\n",
			[]want{{"/ProductionVariants/0/InstanceType", schema.KeywordWarnUnknown, false, true, `unknown InstanceType "ml.m9.large": not in this SDK's list of 277; did you mean "ml.m5.large"?`, "Region"}}},
		{"malformed instance type in a pool", "EndpointConfig", variant + "    InstancePools: [{InstanceType: ml.zz9.huge, Priority: 1}]\n",
			[]want{{"/ProductionVariants/0/InstancePools/0/InstanceType", "enum", false, false, `"ml.zz9.huge" is not a valid InstanceType`, ""}}},
		{"above maximum", "EndpointConfig", "EndpointConfigName: c\nProductionVariants: [{VariantName: v, ServerlessConfig: {MemorySizeInMB: 2048, MaxConcurrency: 500}}]\n",
			[]want{{"/ProductionVariants/0/ServerlessConfig/MaxConcurrency", "maximum", false, false, "MaxConcurrency 500 is above the maximum 200", "use a value from 1 to 200"}}},
		{"below minimum", "EndpointConfig", variant + "    InitialVariantWeight: -0.5\n",
			[]want{{"/ProductionVariants/0/InitialVariantWeight", "minimum", false, false, "InitialVariantWeight -0.5 is below the minimum 0", "use a value of at least 0"}}},
		{"empty name: one error, not a pattern error too", "EndpointConfig", "EndpointConfigName: ''\nProductionVariants: [{VariantName: v}]\n",
			[]want{
				{"/EndpointConfigName", "minLength", false, false, "EndpointConfigName is empty; it needs at least 1 character", "use 1 to 63 characters"},
			}},
		{"too many items", "EndpointConfig", "EndpointConfigName: c\nProductionVariants: []\n",
			[]want{{"/ProductionVariants", "minItems", false, false, "ProductionVariants is empty; it needs at least 1 item", "use 1 to 10 items"}}},
		{"pattern", "Model", "ModelName: m\nExecutionRoleArn: arn:aws:iam::123:role/x-long-enough\n",
			[]want{{"/ExecutionRoleArn", "pattern", false, false, `ExecutionRoleArn "arn:aws:iam::123:role/x-long-enough" is not allowed: it must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>`,
				`the exact rule is the regular expression ^(?:arn:aws`}}},
		{"map key pattern", "Model", "ModelName: m\nPrimaryContainer: {Environment: {BAD-KEY: x}}\n",
			[]want{{"/PrimaryContainer/Environment/BAD-KEY", "pattern", true, false, `key "BAD-KEY" in PrimaryContainer.Environment is not allowed: keys must be letters, digits and underscores, not starting with a digit`, "rename the key"}}},
		{"map key with a space", "Model", "ModelName: m\nPrimaryContainer: {Environment: {A B%: 5}}\n",
			[]want{
				{"/PrimaryContainer/Environment/A B%", "type", false, false, "A B% must be a string, got number 5", ""},
				{"/PrimaryContainer/Environment/A B%", "pattern", true, false, `key "A B%" in PrimaryContainer.Environment`, ""},
			}},
		{"look-around pattern rewritten for RE2", "Model", "ModelName: m\nPrimaryContainer: {ContainerMetricsConfig: {MetricsEndpoints: [{MetricsEndpointPath: /a/../b}]}}\n",
			[]want{{"/PrimaryContainer/ContainerMetricsConfig/MetricsEndpoints/0/MetricsEndpointPath", "pattern", false, false, `MetricsEndpointPath "/a/../b"`, ""}}},
		{"wrong kind of container", "EndpointConfig", "- a\n",
			[]want{{"", "type", false, false, "EndpointConfig must be a mapping, got a list", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := schema.Validate(tc.kind, value(t, tc.src))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d errors, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Pointer != w.pointer || g.Keyword != w.keyword || g.AtKey != w.atKey || g.Warning != w.warning {
					t.Errorf("error %d = {%q %q atKey=%v warning=%v}, want {%q %q atKey=%v warning=%v}",
						i, g.Pointer, g.Keyword, g.AtKey, g.Warning, w.pointer, w.keyword, w.atKey, w.warning)
				}
				if !strings.Contains(g.Message, w.message) {
					t.Errorf("message %q lacks %q", g.Message, w.message)
				}
				if !strings.Contains(g.Hint, w.hint) {
					t.Errorf("hint %q lacks %q", g.Hint, w.hint)
				}
			}
		})
	}
}

// TestValidateUnknownKind: a kind the schema does not have is reported, not ignored.
func TestValidateUnknownKind(t *testing.T) {
	got := schema.Validate("Bucket", map[string]any{})
	if len(got) != 1 || got[0].Keyword != "kind" || !strings.Contains(got[0].Message, `unknown kind "Bucket"`) {
		t.Fatalf("got %+v", got)
	}
}

// TestErrorPointersResolve: every error's pointer names a node of the document, so
// lint can place it.
func TestErrorPointersResolve(t *testing.T) {
	src := "EndpointConfigName: a_b\nProductionVariants:\n  - {VariantName: '', Typo: 1, InstanceType: x}\n  - 7\nTags: [{Key: k}]\n"
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	v, _ := manifest.ToValue(&n)
	errs := schema.Validate("", v)
	if len(errs) < 5 {
		t.Fatalf("want at least 5 errors, got %+v", errs)
	}
	for _, e := range errs {
		if _, ok := manifest.At(n.Content[0], e.Pointer); !ok {
			t.Errorf("pointer %q of %q does not resolve", e.Pointer, e.Message)
		}
	}
}

func TestPlace(t *testing.T) {
	for ptr, want := range map[string]string{
		"":                                       "Model",
		"/ProductionVariants/0/ServerlessConfig": "ProductionVariants[0].ServerlessConfig",
		"/Env/a~1b~0c":                           "Env.a/b~c",
	} {
		if got := schema.Place("Model", ptr); got != want {
			t.Errorf("Place(%q) = %q, want %q", ptr, got, want)
		}
	}
}
