package overlay

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func node(t testing.TB, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return n.Content[0]
}

func text(t testing.TB, n *yaml.Node) string {
	t.Helper()
	b, err := yaml.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const base = `EndpointConfigName: churn
ProductionVariants:
  - VariantName: current
    InstanceType: ml.m5.xlarge
    InitialInstanceCount: 2
  - VariantName: challenger
    InstanceType: ml.m5.xlarge
KmsKeyId: alias/k
Tags:
  - {Key: team, Value: churn}
  - {Key: env, Value: base}
`

func TestMerge(t *testing.T) {
	for _, tc := range []struct{ name, over, want, gone string }{
		{"scalar replaced, new key appended", "KmsKeyId: alias/prod\nAsyncInferenceConfig: {OutputConfig: {S3OutputPath: s3://b/o}}\n",
			"KmsKeyId: alias/prod\nTags:", ""},
		{"null removes a key", "KmsKeyId: null\n", "EndpointConfigName: churn\nProductionVariants:", "KmsKeyId"},
		{"named items merge by name", "ProductionVariants:\n  - VariantName: current\n    InitialInstanceCount: 4\n",
			"  - VariantName: current\n    InstanceType: ml.m5.xlarge\n    InitialInstanceCount: 4\n  - VariantName: challenger\n", ""},
		{"$patch: delete removes an item", "ProductionVariants:\n  - VariantName: challenger\n    $patch: delete\n",
			"InitialInstanceCount: 2\nKmsKeyId", "challenger"},
		{"a new named item is appended", "Tags:\n  - {Key: owner, Value: ml}\n",
			"- {Key: env, Value: base}\n    - {Key: owner, Value: ml}\n", ""},
		{"tags merge by Key", "Tags:\n  - {Key: env, Value: prod}\n", "- {Key: team, Value: churn}\n    - {Key: env, Value: prod}\n", ""},
		{"a type change replaces", "Tags: none\n", "Tags: none\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := node(t, base)
			before := text(t, b)
			out, problems := Merge(b, node(t, tc.over), 1000)
			if len(problems) > 0 {
				t.Fatalf("problems: %+v", problems)
			}
			got := text(t, out)
			flat := strings.NewReplacer(" ", "", "\n", "").Replace // the encoder's indentation aside
			if !strings.Contains(flat(got), flat(tc.want)) {
				t.Errorf("merged:\n%s\nwant it to contain:\n%s", got, tc.want)
			}
			if tc.gone != "" && strings.Contains(got, tc.gone) {
				t.Errorf("merged:\n%s\nstill holds %s", got, tc.gone)
			}
			if text(t, b) != before {
				t.Error("Merge changed the base")
			}
		})
	}
}

func TestMergeLines(t *testing.T) {
	out, _ := Merge(node(t, base), node(t, "ProductionVariants:\n  - VariantName: current\n    InitialInstanceCount: 4\nKmsKeyId: alias/p\n"), 1000)
	v := out.Content[3].Content[0] // current
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		// The overlay restates VariantName to match the item: it supplies it too.
		want := map[string]int{"VariantName": 1002, "InstanceType": 4, "InitialInstanceCount": 1003}[k.Value]
		if val.Line != want {
			t.Errorf("%s: line %d, want %d (overlay lines are offset)", k.Value, val.Line, want)
		}
	}
	if kms := out.Content[5]; kms.Line != 1004 {
		t.Errorf("KmsKeyId from the overlay at line %d, want 1004", kms.Line)
	}
}

func TestMergeProblems(t *testing.T) {
	for over, want := range map[string]string{
		"ProductionVariants:\n  - VariantName: gone\n    $patch: delete\n": `the base list has no item with VariantName "gone" to delete`,
		"ProductionVariants:\n  - InstanceType: ml.c5.large\n":             "matched to the base list's by VariantName, and an overlay item has none",
	} {
		_, problems := Merge(node(t, base), node(t, over), 0)
		if len(problems) != 1 || !strings.Contains(problems[0].Message, want) || problems[0].Node.Line < 2 {
			t.Errorf("%q: problems %+v, want one at its line: %q", over, problems, want)
		}
	}
}

// FuzzMerge: Merge never panics nor changes its inputs, on any pair of YAML documents
// (aliases, merge keys, hostile nesting), and every line of the result is a base line or
// an offset overlay line.
func FuzzMerge(f *testing.F) {
	f.Add(base, "ProductionVariants:\n  - VariantName: current\n    $patch: delete\n")
	f.Add("a: &x {b: [*x]}\n", "a: {b: null}\n")
	f.Add("<<: {a: 1}\nb: [1, 2]\n", "b: [{Key: k}]\n<<: *y\n")
	f.Add("- {Key: a}\n- {Key: b}\n", "- {Key: a, $patch: delete}\n- {Key: a}\n")
	f.Fuzz(func(t *testing.T, b, o string) {
		var bn, on yaml.Node
		if yaml.Unmarshal([]byte(b), &bn) != nil || yaml.Unmarshal([]byte(o), &on) != nil || len(b)+len(o) > 4096 {
			return
		}
		before := fmtTree(&bn) + fmtTree(&on)
		out, _ := Merge(&bn, &on, lineUnit)
		if fmtTree(&bn)+fmtTree(&on) != before {
			t.Fatal("Merge changed an input")
		}
		walk(out, 0, func(n *yaml.Node) {
			if n.Line >= lineUnit*2 || (n.Line > strings.Count(b, "\n")+1 && n.Line < lineUnit) {
				t.Fatalf("line %d is neither a base line nor an overlay one", n.Line)
			}
		})
	})
}

// fmtTree prints a node tree with lines, for comparing before and after (aliases as such).
func fmtTree(n *yaml.Node) string {
	var b strings.Builder
	walk(n, 0, func(n *yaml.Node) { b.WriteString(n.Value + "@" + string(rune('0'+n.Line%10)) + ";") })
	return b.String()
}

func walk(n *yaml.Node, depth int, f func(*yaml.Node)) {
	if n == nil || depth > 200 {
		return
	}
	f(n)
	if n.Kind == yaml.AliasNode {
		return
	}
	for _, c := range n.Content {
		walk(c, depth+1, f)
	}
}

func TestMergeAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	_, problems := Merge(node(t, "k: v\n"), node(t, b.String()), 0)
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "expands to more than") {
		t.Errorf("a billion-laughs overlay: problems %+v, want the node budget reported", problems)
	}
}
