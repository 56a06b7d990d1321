package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

func fmtModel(name string) string { return fmt.Sprintf(modelDoc, name) }

func endpoint(name, config string) string {
	return fmt.Sprintf("kind: Endpoint\nEndpointName: %s\nEndpointConfigName: %s\n", name, config)
}

func TestNamesDuplicate(t *testing.T) {
	runRuleCases(t, namesDuplicate{}, []ruleCase{
		{"distinct", endpoint("a", "c") + "---\n" + endpoint("b", "c"), nil},
		{"same name, different kinds", fmtModel("churn") + "---\n" + strings.Replace(ecHead, "EndpointConfigName: c", "EndpointConfigName: churn", 1) + "---\n" + endpoint("churn", "churn"), nil},
		{"same endpoint twice in one file", endpoint("a", "c") + "---\n" + endpoint("a", "d"),
			[]string{`6:15 error: Endpoint "a" is already defined at line 2`}},
		{"three times, across files", "=== one.yaml\n" + fmtModel("m") + "=== two.yaml\n" + fmtModel("m") + "=== three.yaml\n" + fmtModel("m"), []string{
			`three.yaml:2:12 error: Model "m" is already defined at one.yaml:2`,
			`two.yaml:2:12 error: Model "m" is already defined at one.yaml:2`,
		}},
		{"unnamed documents are the schema's", "kind: Endpoint\nEndpointConfigName: c\n---\nkind: Endpoint\nEndpointConfigName: c\n", nil},
	})
}

func TestNamesEndpointCase(t *testing.T) {
	runRuleCases(t, namesEndpointCase{}, []ruleCase{
		{"distinct", endpoint("churn-prod", "c") + "---\n" + endpoint("churn-staging", "c"), nil},
		{"case only", endpoint("churn-prod", "c") + "---\n" + endpoint("Churn-Prod", "c"),
			[]string{`6:15 error: EndpointName "Churn-Prod" differs only by case from "churn-prod" at line 2`}},
		{"exact duplicate left to resource-name-duplicate", endpoint("a", "c") + "---\n" + endpoint("a", "c"), nil},
		{"A, a, A: only the case conflict", endpoint("A", "c") + "---\n" + endpoint("a", "c") + "---\n" + endpoint("A", "c"),
			[]string{`6:15 error: EndpointName "a" differs only by case from "A" at line 2`}},
		{"configs are checked", strings.Replace(ecHead, "EndpointConfigName: c", "EndpointConfigName: C", 1) + "---\n" + ecHead,
			[]string{`10:21 error: EndpointConfigName "c" differs only by case from "C" at line 2; SageMaker names are case-insensitive, so both name one EndpointConfig`}},
		{"models are checked", "kind: Model\nModelName: fraud-model\n---\nkind: Model\nModelName: FRAUD-MODEL\n",
			[]string{`5:12 error: ModelName "FRAUD-MODEL" differs only by case from "fraud-model" at line 2`}},
		{"kinds are apart", "kind: Model\nModelName: fraud\n---\n" + endpoint("FRAUD", "c"), nil},
	})
}

func TestNamesVariantStable(t *testing.T) {
	v := func(name string) string { return strings.Replace(ecHead, "VariantName: main", "VariantName: "+name, 1) }
	runRuleCases(t, namesVariantStable{}, []ruleCase{
		{"role names", v("main") + "ShadowProductionVariants:\n  - VariantName: challenger-v2\n", nil},
		{"words that are hex", v("deadbeef-cafe") + "---\n" + v("AllTraffic") + "---\n" + v("v2024"), nil},
		{"short hash", v("main-3f9a2c1"), []string{`4:18 info: VariantName "main-3f9a2c1" looks generated ("3f9a2c1")`}},
		{"uuid", v("0b6a1c7e-52f4-4d3b-9a6e-3c0b2f1d9e8a"), []string{`4:18 info: VariantName "0b6a1c7e-52f4-4d3b-9a6e-3c0b2f1d9e8a" looks generated ("0b6a1c7e")`}},
		{"terraform timestamp", v("terraform-20240101120000000000000001"), []string{`4:18 info: VariantName "terraform-20240101120000000000000001" looks generated ("20240101120000000000000001")`}},
		{"date in a word", v("v20240101"), []string{`4:18 info: VariantName "v20240101" looks generated ("20240101")`}},
		{"shadow checked", ecHead + "ShadowProductionVariants:\n  - VariantName: shadow-a1b2c3d4\n", []string{`9:18 info: VariantName "shadow-a1b2c3d4"`}},
	})
}

func TestNamesWithoutSet(t *testing.T) {
	_, docs, _ := manifest.Parse("a.yaml", []byte(endpoint("a", "c")))
	for _, r := range []Rule{namesDuplicate{}, namesEndpointCase{}, referenceModel{}, referenceEndpointConfig{}} {
		if fs := checkDocument(docs[0], nil, nil, []Rule{r}); len(fs) > 0 {
			t.Errorf("%s without a set: %v", r.Info().ID, fs)
		}
	}
}

func TestNameIndexFollowsTheSet(t *testing.T) {
	f, docs, _ := manifest.Parse("a.yaml", []byte(endpoint("a", "c")+"---\n"+endpoint("b", "c")))
	set := &manifest.Set{Files: []*manifest.File{f}, Docs: docs[:1]}
	if fs := checkDocument(docs[0], set, nil, []Rule{namesDuplicate{}}); len(fs) > 0 {
		t.Fatalf("unexpected %v", fs)
	}
	_, more, _ := manifest.Parse("b.yaml", []byte(endpoint("a", "c")))
	set.Docs = append(set.Docs, more...)
	if fs := checkDocument(more[0], set, nil, []Rule{namesDuplicate{}}); len(fs) != 1 {
		t.Fatalf("a document added to the set is not seen: %v", fs)
	}
}
