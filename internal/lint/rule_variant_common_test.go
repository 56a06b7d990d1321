package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// caseA is one table entry of a rule's unit test: src is linted with the rule alone
// and must give exactly want, each written "LINE:COL SEVERITY: message substring".
type caseA struct {
	name string
	src  string
	want []string
}

// ecA returns an EndpointConfig document: the body starts on line 3.
func ecA(body string) string {
	return "kind: EndpointConfig\nEndpointConfigName: c\n" + body
}

// runRuleA lints src with rule r only.
func runRuleA(t *testing.T, r Rule, src string) []finding.Finding {
	t.Helper()
	f, docs, fs := manifest.Parse("t.yaml", []byte(src))
	if len(fs) > 0 {
		t.Fatalf("test input does not load: %v", fs)
	}
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs}
	var out []finding.Finding
	for _, d := range docs {
		out = append(out, checkDocument(d, set, nil, []Rule{r})...)
	}
	finding.Sort(out)
	return out
}

// testRuleA runs the cases of a table-driven rule test.
func testRuleA(t *testing.T, r Rule, cases []caseA) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := runRuleA(t, r, c.src)
			var lines []string
			for _, f := range got {
				if f.Rule != r.Info().ID {
					t.Errorf("finding has rule %q, want %q", f.Rule, r.Info().ID)
				}
				if f.Hint == "" && f.Severity != finding.Info {
					t.Errorf("finding has no hint: %s", f)
				}
				lines = append(lines, fmt.Sprintf("%d:%d %s: %s", f.Line, f.Col, f.Severity, f.Message))
			}
			if len(lines) != len(c.want) {
				t.Fatalf("got %d findings, want %d:\n got: %s\nwant: %s", len(lines), len(c.want),
					strings.Join(lines, "\n      "), strings.Join(c.want, "\n      "))
			}
			for i, w := range c.want {
				if !matchesA(lines[i], w) {
					t.Errorf("finding %d:\n got: %s\nwant: %s", i+1, lines[i], w)
				}
			}
		})
	}
}

// matchesA compares "L:C sev: text" exactly up to the first ": " and then by substring.
func matchesA(got, want string) bool {
	i := strings.Index(want, ": ")
	if i < 0 || len(got) < i+2 {
		return got == want
	}
	return got[:i+2] == want[:i+2] && strings.Contains(got[i+2:], want[i+2:])
}

// rulesA are the rules of this part, for the shape tests and the fuzz target.
func rulesA() []Rule {
	return []Rule{variantKind{}, variantNameUnique{}, serverlessMemory{}, serverlessProvisioned{}, serverlessExclusions{},
		serverlessAsync{}, serverlessKMS{}, serverlessModel{}, shadowOneToOne{}, shadowExclusions{}, shadowModel{}, weightsAllZero{}, weightsSplit{}, weightsZero{},
		weightsPercent{}, weightsImplicit{}, weightsInferenceComponent{}, kmsFormat{}, kmsLocalStorage{}, kmsDefaultKey{}, volumeLocalStorage{},
		managedScalingICOnly{}, managedScalingMinMax{}, routingPrefixAware{}, instancePoolsUnique{}}
}

// TestRulesARegistered: every rule of this part is in the registry.
func TestRulesARegistered(t *testing.T) {
	for _, r := range rulesA() {
		if Lookup(r.Info().ID) == nil {
			t.Errorf("rule %s is not in Registry()", r.Info().ID)
		}
	}
}

// oddShapesA are documents whose fields have the wrong YAML shape; the schema reports
// them, and the rules must neither panic nor report at a position-less node.
var oddShapesA = []string{
	ecA("ProductionVariants: 3\n"),
	ecA("ProductionVariants: {VariantName: a}\n"),
	ecA("ProductionVariants: [1, [2], null, ~]\n"),
	ecA("ProductionVariants:\n  - ServerlessConfig: [1]\n    InstancePools: {a: b}\n    InitialVariantWeight: [1]\n"),
	ecA("ProductionVariants:\n  - ServerlessConfig: null\n    InstanceType: 5\n    VolumeSizeInGB: null\n"),
	ecA("ProductionVariants:\n  - InstancePools: [3, {Priority: x, InstanceType: [1]}]\n    RoutingConfig: PREFIX_AWARE\n"),
	ecA("ProductionVariants:\n  - RoutingConfig: {RoutingStrategy: PREFIX_AWARE, PrefixAwareRoutingConfig: 7}\n"),
	ecA("ProductionVariants:\n  - &v {VariantName: a, InitialVariantWeight: -1}\n  - *v\nShadowProductionVariants: *v\n"),
	ecA("ProductionVariants:\n  - InitialVariantWeight: .nan\n  - InitialVariantWeight: 1e400\n"),
	ecA("KmsKeyId: [a]\nDataCaptureConfig: x\nAsyncInferenceConfig: {OutputConfig: [1]}\nProductionVariants:\n  - CoreDumpConfig: 1\n"),
	"kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDesiredWeightsAndCapacities: [1, {ServerlessUpdateConfig: 2}]\n",
	"kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nDesiredWeightsAndCapacities: {a: 1}\n",
}

func TestRulesAOddShapes(t *testing.T) {
	for i, src := range oddShapesA {
		for _, r := range rulesA() {
			t.Run(fmt.Sprintf("%d/%s", i, r.Info().ID), func(t *testing.T) {
				for _, f := range runRuleA(t, r, src) {
					if f.Line < 1 || f.Col < 1 {
						t.Errorf("finding without a position: %s", f)
					}
				}
			})
		}
	}
}

// FuzzRulesA runs this part's rules over arbitrary input: no panic, and every finding
// has a position, a message and this rule's ID.
func FuzzRulesA(f *testing.F) {
	for _, s := range oddShapesA {
		f.Add(s)
	}
	for _, r := range rulesA() {
		f.Add(r.Info().Bad)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, docs, _ := manifest.Parse("f.yaml", []byte(src))
		set := &manifest.Set{Files: []*manifest.File{file}, Docs: docs}
		for _, d := range docs {
			for _, fd := range checkDocument(d, set, nil, rulesA()) {
				if fd.Line < 1 || fd.Message == "" || fd.Rule == "" {
					t.Fatalf("bad finding %+v", fd)
				}
			}
		}
	})
}

// BenchmarkRulesA lints 200 endpoint configs of three variants each, with their Models,
// using this part's rules: the pre-commit hook runs them on every commit.
func BenchmarkRulesA(b *testing.B) {
	var src strings.Builder
	for i := range 200 {
		fmt.Fprintf(&src, "kind: Model\nModelName: m%d\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\n---\n", i)
		fmt.Fprintf(&src, "kind: EndpointConfig\nEndpointConfigName: c%d\nKmsKeyId: alias/k\nProductionVariants:\n", i)
		for v := range 3 {
			fmt.Fprintf(&src, "  - {VariantName: v%d, ModelName: m%d, InstanceType: ml.g5.xlarge, InitialInstanceCount: 1, InitialVariantWeight: %d}\n", v, i, v+1)
		}
		src.WriteString("---\n")
	}
	file, docs, _ := manifest.Parse("bench.yaml", []byte(src.String()))
	set := &manifest.Set{Files: []*manifest.File{file}, Docs: docs}
	rules := rulesA()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			checkDocument(d, set, nil, rules)
		}
	}
}
