package lint

import (
	"fmt"
	"strings"
	"testing"
)

// weighted returns a config whose production variants have the given weights ("" =
// unset); variant i is named v<i> and sits on line 4+i.
func weighted(ws ...string) string {
	var b strings.Builder
	b.WriteString("ProductionVariants:\n")
	for i, w := range ws {
		if w == "" {
			fmt.Fprintf(&b, "  - {VariantName: v%d}\n", i)
			continue
		}
		fmt.Fprintf(&b, "  - {VariantName: v%d, InitialVariantWeight: %s}\n", i, w)
	}
	return ecA(b.String())
}

// Weight values in weighted() start at column 45.

func TestWeightsAllZero(t *testing.T) {
	testRuleA(t, weightsAllZero{}, []caseA{
		{name: "one zero", src: weighted("0"), want: []string{`3:1 error: every production variant has InitialVariantWeight 0`}},
		{name: "all zero", src: weighted("0", "0.0"), want: []string{`3:1 error: every production variant has InitialVariantWeight 0`}},
		{name: "one above zero", src: weighted("0", "0.1")},
		{name: "default counts as 1", src: weighted("0", "")},
		{name: "negative is the schema's", src: weighted("0", "-1")},
		{name: "no variants", src: ecA("ProductionVariants: []\n")},
		{name: "shadow weights do not count", src: weighted("1") + "ShadowProductionVariants:\n  - {VariantName: s, InitialVariantWeight: 0}\n"},
	})
}

func TestWeightsSplit(t *testing.T) {
	testRuleA(t, weightsSplit{}, []caseA{
		{name: "two to one", src: weighted("2", "1"), want: []string{`3:1 info: traffic split: v0 66.7%, v1 33.3%`}},
		{name: "defaults", src: weighted("", "", ""), want: []string{`3:1 info: traffic split: v0 33.3%, v1 33.3%, v2 33.3%`}},
		{name: "zero share", src: weighted("0", "0.5"), want: []string{`3:1 info: traffic split: v0 0.0%, v1 100.0%`}},
		{name: "single variant", src: weighted("5")},
		{name: "all zero", src: weighted("0", "0")},
		{name: "invalid weight", src: weighted("1", "heavy")},
		{name: "unnamed variant", src: ecA("ProductionVariants:\n  - {VariantName: a}\n  - {InitialVariantWeight: 3}\n"),
			want: []string{`3:1 info: traffic split: a 25.0%, ProductionVariants[1] 75.0%`}},
	})
}

func TestWeightsZero(t *testing.T) {
	testRuleA(t, weightsZero{}, []caseA{
		{name: "zero next to weight", src: weighted("1", "0"), want: []string{`5:45 warning: variant "v1" has InitialVariantWeight 0 and receives no traffic`}},
		{name: "zero next to default", src: weighted("", "0"), want: []string{`5:45 warning: variant "v1" has InitialVariantWeight 0`}},
		{name: "all zero is weights-all-zero's", src: weighted("0", "0")},
		{name: "all above zero", src: weighted("1", "2")},
	})
}

func TestWeightsPercent(t *testing.T) {
	testRuleA(t, weightsPercent{}, []caseA{
		{name: "70 and 20", src: weighted("70", "20"), want: []string{`3:1 warning: InitialVariantWeight values look like percentages but add up to 90, not 100; weights are relative, so the traffic split is v0 77.8%, v1 22.2%`}},
		{name: "60 and 60", src: weighted("60", "60"), want: []string{`3:1 warning: InitialVariantWeight values look like percentages but add up to 120, not 100`}},
		{name: "sum 100", src: weighted("80", "20")},
		{name: "rounded thirds", src: weighted("33", "33", "33")},
		{name: "ratio", src: weighted("2", "1")},
		{name: "tens as a ratio", src: weighted("10", "10")},
		{name: "fractions", src: weighted("0.7", "0.2")},
		{name: "not whole numbers", src: weighted("70.5", "20")},
		{name: "above 100", src: weighted("120", "20")},
		{name: "implicit default", src: weighted("70", "")},
		{name: "single variant", src: weighted("70")},
	})
}

func TestWeightsImplicit(t *testing.T) {
	testRuleA(t, weightsImplicit{}, []caseA{
		{name: "mixed", src: weighted("90", "", "5"), want: []string{
			`5:5 warning: variant "v1" has no InitialVariantWeight and gets the default 1.0 while other variants set weights ("v0": 90, "v2": 5); traffic split: v0 93.8%, v1 1.0%, v2 5.2%`,
		}},
		{name: "all explicit", src: weighted("1", "1")},
		{name: "all default", src: weighted("", "")},
		{name: "null is unset", src: weighted("null", "")},
		{name: "single variant", src: weighted("3")},
	})
}

func TestWeightsInferenceComponent(t *testing.T) {
	testRuleA(t, weightsInferenceComponent{}, []caseA{
		{name: "component variant with weight", src: ecA(`ProductionVariants:
  - VariantName: ic
    InstanceType: ml.g5.xlarge
    InitialVariantWeight: 1
`), want: []string{`6:5 warning: variant "ic" has no ModelName, so it hosts inference components, which are not routed by InitialVariantWeight`}},
		{name: "model variant with weight", src: ecA("ProductionVariants:\n  - {VariantName: a, ModelName: m, InitialVariantWeight: 1}\n")},
		{name: "component variant without weight", src: ecA("ProductionVariants:\n  - {VariantName: a, InstanceType: ml.g5.xlarge}\n")},
		{name: "null weight", src: ecA("ProductionVariants:\n  - {VariantName: a, InitialVariantWeight: null}\n")},
		{name: "shadow variants are not checked", src: ecA("ProductionVariants:\n  - {VariantName: a, ModelName: m}\nShadowProductionVariants:\n  - {VariantName: b, InitialVariantWeight: 1}\n")},
	})
}
