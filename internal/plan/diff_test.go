package plan

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// jsonVal decodes JSON as the planner sees values (numbers as json.Number).
func jsonVal(t *testing.T, s string) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return v
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name, want, have string
		paths            []string
	}{
		{"number spelling", `{"A": 1}`, `{"A": 1.0}`, nil},
		{"float32 weight", `{"W": 0.1}`, `{"W": 0.10000000149011612}`, nil},
		{"real number change", `{"A": 2}`, `{"A": 1}`, []string{"A"}},
		{"names are case-insensitive", `{"ModelName": "FRAUD-MODEL", "ProductionVariants": [{"VariantName": "MAIN", "ModelName": "Fraud"}]}`,
			`{"ModelName": "fraud-model", "ProductionVariants": [{"VariantName": "main", "ModelName": "fraud"}]}`, nil},
		{"a renamed model is a change", `{"ProductionVariants": [{"VariantName": "main", "ModelName": "fraud-v2"}]}`,
			`{"ProductionVariants": [{"VariantName": "main", "ModelName": "fraud-v1"}]}`, []string{"ProductionVariants[main].ModelName"}},
		{"other values keep their case", `{"Image": "ECR/X"}`, `{"Image": "ecr/x"}`, []string{"Image"}},
		{"key order and extra live fields", `{"A": "x", "B": {"C": true}}`, `{"Z": 9, "B": {"D": 1, "C": true}, "A": "x"}`, nil},
		{"zero value matches absent", `{"A": false, "B": 0, "C": "", "D": [], "E": {"F": false}}`, `{}`, nil},
		{"non-zero value missing live", `{"A": true}`, `{}`, []string{"A"}},
		{"variants matched by name, not position", `{"V": [{"VariantName": "a", "X": 1}, {"VariantName": "b", "X": 2}]}`,
			`{"V": [{"VariantName": "b", "X": 2}, {"VariantName": "a", "X": 1}]}`, nil},
		{"variant changed", `{"V": [{"VariantName": "a", "X": 1}]}`, `{"V": [{"VariantName": "a", "X": 3}]}`, []string{"V[a].X"}},
		{"variant added and removed", `{"V": [{"VariantName": "a"}]}`, `{"V": [{"VariantName": "b"}]}`, []string{"V[a]", "V[b]"}},
		{"positional list", `{"L": ["x", "y"]}`, `{"L": ["x", "z", "w"]}`, []string{"L[1]", "L[2]"}},
		{"type changed", `{"A": {"B": 1}}`, `{"A": "s"}`, []string{"A"}},
		{"list where live has a scalar", `{"A": [1]}`, `{"A": 1}`, []string{"A"}},
		{"string vs number", `{"A": "1"}`, `{"A": 1}`, []string{"A"}},
		{"manifest null is unset", `{"A": null}`, `{"A": 5}`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []Change
			diff("", jsonVal(t, tc.want), jsonVal(t, tc.have), &got)
			var paths []string
			for _, c := range got {
				paths = append(paths, c.Path)
			}
			if !reflect.DeepEqual(paths, tc.paths) {
				t.Errorf("changed paths = %v, want %v", paths, tc.paths)
			}
		})
	}
}

func TestProject(t *testing.T) {
	want := jsonVal(t, `{"A": 1, "B": {"C": 2}, "V": [{"VariantName": "a", "W": 1}], "Z": false}`)
	have := jsonVal(t, `{"A": 1.0, "B": {"C": 3, "D": 4}, "V": [{"VariantName": "b", "W": 2}, {"VariantName": "a", "W": 1.0}], "X": 7}`)
	got, _ := json.Marshal(project(want, have))
	// Equal values take the manifest's spelling; live-only members are dropped, except
	// list elements the manifest lacks; a zero value absent live stays as written.
	const exp = `{"A":1,"B":{"C":3},"V":[{"VariantName":"a","W":1},{"VariantName":"b","W":2}],"Z":false}`
	if string(got) != exp {
		t.Errorf("project = %s, want %s", got, exp)
	}
}

func TestChangedFields(t *testing.T) {
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{nil, "content changed"},
		{[]string{"ProductionVariants[a].InstanceType"}, "InstanceType changed"},
		{[]string{"A.B", "C", "D[x].B"}, "B and C changed"},
		{[]string{"A", "B", "C"}, "A, B and C changed"},
	} {
		var cs []Change
		for _, p := range tc.paths {
			cs = append(cs, Change{Path: p})
		}
		if got := changedFields(cs); got != tc.want {
			t.Errorf("changedFields(%v) = %q, want %q", tc.paths, got, tc.want)
		}
	}
}

func TestNaming(t *testing.T) {
	for _, s := range []string{"", "exact", "hashed"} {
		if _, err := ParseNaming(s); err != nil {
			t.Errorf("ParseNaming(%q): %v", s, err)
		}
	}
	if _, err := ParseNaming("random"); err == nil {
		t.Error("ParseNaming(random) should fail")
	}
	long := "a-very-long-endpoint-config-name-that-goes-on-and-on-past-the-limit"
	if got := hashedName(long, "0123abcd"); len(got) != maxName || got[len(got)-9:] != "-0123abcd" {
		t.Errorf("hashedName(long) = %q (%d chars), want %d chars ending -0123abcd", got, len(got), maxName)
	}
	a := specHash(map[string]any{"A": json.Number("1"), "B": "x"})
	b := specHash(map[string]any{"B": "x", "A": json.Number("1")})
	c := specHash(map[string]any{"A": json.Number("2"), "B": "x"})
	if a != b || a == c || len(a) != 8 {
		t.Errorf("specHash: %s %s %s; want equal for equal content, different otherwise, 8 digits", a, b, c)
	}
}

func TestWeight(t *testing.T) {
	for in, want := range map[float64]float64{0.10000000149011612: 0.1, 2: 2, 0.3333333432674408: 0.33333334} {
		if got := weight(in); got != want {
			t.Errorf("weight(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestOwnerOf(t *testing.T) {
	managed := func(project string) map[string]string {
		tags := map[string]string{TagManagedBy: ManagedByValue}
		if project != "" {
			tags[TagProject] = project
		}
		return tags
	}
	for _, tt := range []struct {
		tags    map[string]string
		project string
		want    Owner
	}{
		{map[string]string{"team": "x"}, "fraud", OwnerNone},
		{map[string]string{TagManagedBy: "someone-else", TagProject: "fraud"}, "fraud", OwnerNone},
		{managed("fraud"), "fraud", OwnerUs},
		{managed("billing"), "fraud", OwnerOther},
		{managed(""), "fraud", OwnerLegacy},
		{managed(""), "", OwnerUs},
		{managed("fraud"), "", OwnerOther},
	} {
		if got := OwnerOf(tt.tags, tt.project); got != tt.want {
			t.Errorf("OwnerOf(%v, %q) = %s, want %s", tt.tags, tt.project, got, tt.want)
		}
		if (NotOurs(tt.tags, tt.project) == "") != (tt.want == OwnerUs) {
			t.Errorf("NotOurs(%v, %q) = %q", tt.tags, tt.project, NotOurs(tt.tags, tt.project))
		}
	}
}
