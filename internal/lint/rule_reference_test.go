package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// ecHead is a 7-line EndpointConfig whose variant uses model m; cases append fields from line 8.
const ecHead = `kind: EndpointConfig
EndpointConfigName: c
ProductionVariants:
  - VariantName: main
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`

// ruleCase is one input for one rule and the findings it must give, each written as
// "LINE:COL SEVERITY: message prefix" (positions of file a.yaml unless the prefix names a file).
type ruleCase struct {
	name string
	src  string // one file, or several introduced by "=== NAME" lines
	want []string
}

// runRuleCases checks every case against rule r alone.
func runRuleCases(t *testing.T, r Rule, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range checkRuleOn(t, r, c.src) {
				if f.Rule != r.Info().ID {
					t.Errorf("finding has rule %q, want %q", f.Rule, r.Info().ID)
				}
				prefix := ""
				if f.File != "a.yaml" {
					prefix = f.File + ":"
				}
				got = append(got, fmt.Sprintf("%s%d:%d %s: %s", prefix, f.Line, f.Col, f.Severity, f.Message))
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d findings, want %d:\n  %s", len(got), len(c.want), strings.Join(got, "\n  "))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], c.want[i]) {
					t.Errorf("finding %d:\n got: %s\nwant: %s...", i+1, got[i], c.want[i])
				}
			}
		})
	}
}

// checkRuleOn parses src (see ruleCase.src) and runs only r over every document.
func checkRuleOn(t *testing.T, r Rule, src string) []finding.Finding {
	t.Helper()
	set := &manifest.Set{}
	files := map[string]string{"a.yaml": src}
	order := []string{"a.yaml"}
	if strings.HasPrefix(src, "=== ") {
		files, order = map[string]string{}, nil
		for _, part := range strings.Split(src, "=== ")[1:] {
			name, body, _ := strings.Cut(part, "\n")
			files[name], order = body, append(order, name)
		}
	}
	for _, name := range order {
		f, docs, fs := manifest.Parse(name, []byte(files[name]))
		if len(fs) > 0 {
			t.Fatalf("test input %s does not load: %v", name, fs)
		}
		set.Files, set.Docs = append(set.Files, f), append(set.Docs, docs...)
	}
	var out []finding.Finding
	for _, d := range set.Docs {
		out = append(out, checkDocument(d, set, nil, []Rule{r})...)
	}
	finding.Sort(out)
	return out
}

const modelDoc = `kind: Model
ModelName: %s
ExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker
PrimaryContainer:
  Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1
`

func TestReferenceModel(t *testing.T) {
	pools := ecHead + `    InstancePools:
      - {InstanceType: ml.g5.xlarge, Priority: 1, ModelNameOverride: m-gpu}
`
	many := ""
	for _, n := range []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"} {
		many += fmt.Sprintf(modelDoc, n) + "---\n"
	}
	runRuleCases(t, referenceModel{}, []ruleCase{
		{"model in the same file", fmt.Sprintf(modelDoc, "m") + "---\n" + ecHead, nil},
		{"model in another case: SageMaker names are case-insensitive", fmt.Sprintf(modelDoc, "M") + "---\n" + ecHead,
			[]string{`11:16 warning: ModelName "m" is Model "M" at line 2 spelled in another case; SageMaker names are case-insensitive, so it names that Model`}},
		{"model in another file", "=== a.yaml\n" + ecHead + "=== models.yaml\n" + fmt.Sprintf(modelDoc, "m"), nil},
		{"no models linted: info", ecHead, []string{`5:16 info: ModelName "m": no Model manifest`}},
		{"no models linted: one info per name", ecHead + `  - VariantName: b
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
    InstancePools: [{InstanceType: ml.m5.large, Priority: 1, ModelNameOverride: m2}]
`, []string{`5:16 info: ModelName "m": no Model manifest`, `12:81 info: ModelNameOverride "m2": no Model manifest`}},
		{"typo: warning with suggestion", fmt.Sprintf(modelDoc, "mm") + "---\n" + ecHead, []string{`11:16 warning: ModelName "m" names no Model in the linted files`}},
		{"no close name: lists the models", many + ecHead, []string{`41:16 warning: ModelName "m" names no Model in the linted files (they define alpha, bravo, charlie, delta, echo and 1 more)`}},
		{"pool override checked too", fmt.Sprintf(modelDoc, "m") + "---\n" + pools, []string{`15:70 warning: ModelNameOverride "m-gpu" names no Model in the linted files (they define m)`}},
		{"shadow variant checked", fmt.Sprintf(modelDoc, "m") + "---\n" + ecHead + `ShadowProductionVariants:
  - VariantName: shadow
    ModelName: m2
    InstanceType: ml.m5.large
    InitialInstanceCount: 1
`, []string{`16:16 warning: ModelName "m2" names no Model`}},
		{"inference-component variant without ModelName", "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: main\n    InstanceType: ml.m5.large\n", nil},
		{"non-string ModelName is the schema's", "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: main\n    ModelName: [x]\n", nil},
	})
}

func TestReferenceModelHint(t *testing.T) {
	fs := checkRuleOn(t, referenceModel{}, fmt.Sprintf(modelDoc, "churn-v9")+"---\n"+strings.Replace(ecHead, "ModelName: m", "ModelName: churn-v8", 1))
	if len(fs) != 1 || fs[0].Hint != `did you mean "churn-v9"?` {
		t.Fatalf("want one finding with a did-you-mean hint, got %+v", fs)
	}
}

func TestReferenceEndpointConfig(t *testing.T) {
	ep := "kind: Endpoint\nEndpointName: e\nEndpointConfigName: %s\n"
	runRuleCases(t, referenceEndpointConfig{}, []ruleCase{
		{"config in the set", ecHead + "---\n" + fmt.Sprintf(ep, "c"), nil},
		{"config in another case", ecHead + "---\n" + fmt.Sprintf(ep, "C"), []string{`11:21 warning: EndpointConfigName "C" is EndpointConfig "c" at line 2 spelled in another case`}},
		{"no configs linted: info", fmt.Sprintf(ep, "c"), []string{`3:21 info: EndpointConfigName "c": no EndpointConfig manifest`}},
		{"typo: warning", strings.Replace(ecHead, "EndpointConfigName: c", "EndpointConfigName: fraud-scoring", 1) + "---\n" + fmt.Sprintf(ep, "fraud-scorng"),
			[]string{`11:21 warning: EndpointConfigName "fraud-scorng" names no EndpointConfig`}},
		{"endpoint config alone gives nothing", ecHead, nil},
	})
}

func TestReferenceVariant(t *testing.T) {
	cfg := ecHead + "ShadowProductionVariants:\n  - VariantName: shadow\n    ModelName: m\n    InstanceType: ml.m5.large\n    InitialInstanceCount: 1\n---\n"
	ep := "kind: Endpoint\nEndpointName: e\nEndpointConfigName: %s\nDesiredWeightsAndCapacities:\n"
	runRuleCases(t, referenceVariant{}, []ruleCase{
		{"production and shadow variants", cfg + fmt.Sprintf(ep, "c") + "  - {VariantName: main, DesiredWeight: 1}\n  - {VariantName: shadow, DesiredWeight: 1}\n", nil},
		{"typo", cfg + fmt.Sprintf(ep, "c") + "  - {VariantName: mian, DesiredWeight: 1}\n",
			[]string{`18:19 error: variant "mian" is not a variant of EndpointConfig "c" (line 2)`}},
		{"config in another file", "=== a.yaml\n" + fmt.Sprintf(ep, "c") + "  - {VariantName: AllTraffic}\n=== b.yaml\n" + cfg,
			[]string{`5:19 error: variant "AllTraffic" is not a variant of EndpointConfig "c" (b.yaml:2)`}},
		{"config not linted", fmt.Sprintf(ep, "c") + "  - {VariantName: AllTraffic}\n", nil},
		{"config without variant names", "kind: EndpointConfig\nEndpointConfigName: c\nProductionVariants: [{ModelName: m}]\n---\n" + fmt.Sprintf(ep, "c") + "  - {VariantName: a}\n", nil},
		{"no weights", cfg + "kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\n", nil},
	})
	fs := checkRuleOn(t, referenceVariant{}, cfg+fmt.Sprintf(ep, "c")+"  - {VariantName: mian}\n")
	if len(fs) != 1 || fs[0].Hint != `did you mean "main"?` {
		t.Errorf("want a did-you-mean hint, got %+v", fs)
	}
}
