package suppress

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

var rules = []string{"instance-type", "variant-weights", "kms-key", RuleUnused, RuleInvalid, RuleExpired}

var today = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func at(line int, rule string) finding.Finding {
	return finding.Finding{Rule: rule, Severity: finding.Error, File: "m.yaml", Line: line, Col: 5, Message: "bad " + rule}
}

func TestApply(t *testing.T) {
	tests := []struct {
		name string
		src  string
		in   []finding.Finding
		want []string // rule@line:col of every finding left, in order
		ran  func(string) bool
	}{
		{
			name: "same line",
			src:  "a: 1\nb: 2 # sagectl:ignore instance-type legacy fleet\n",
			in:   []finding.Finding{at(2, "instance-type")},
			want: nil,
		},
		{
			name: "line above",
			src:  "a: 1\n# sagectl:ignore instance-type -- legacy fleet\nb: 2\n",
			in:   []finding.Finding{at(3, "instance-type")},
			want: nil,
		},
		{
			name: "stacked comments above",
			src:  "# sagectl:ignore instance-type legacy\n  # sagectl:ignore kms-key shared key\nb: 2\n",
			in:   []finding.Finding{at(3, "instance-type"), at(3, "kms-key")},
			want: nil,
		},
		{
			name: "trailing comment does not cover the next line",
			src:  "a: 1 # sagectl:ignore instance-type legacy\nb: 2\n",
			in:   []finding.Finding{at(2, "instance-type")},
			want: []string{"ignore-unused@1:23", "instance-type@2:5"},
		},
		{
			name: "other rule not silenced",
			src:  "# sagectl:ignore kms-key shared\nb: 2\n",
			in:   []finding.Finding{at(2, "instance-type"), at(2, "kms-key")},
			want: []string{"instance-type@2:5"},
		},
		{
			name: "two rules, one unused",
			src:  "b: 2 # sagectl:ignore kms-key,instance-type shared\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"ignore-unused@1:31"},
		},
		{
			name: "unused but rule disabled",
			src:  "b: 2 # sagectl:ignore kms-key shared\n",
			ran:  func(id string) bool { return id != "kms-key" },
			want: nil,
		},
		{
			name: "not yet expired",
			src:  "b: 2 # sagectl:ignore kms-key until=2026-11-25 migrating\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: nil,
		},
		{
			name: "expired",
			src:  "b: 2 # sagectl:ignore kms-key until=2026-11-24 migrating\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"kms-key@1:5", "ignore-expired@1:6"},
		},
		{
			name: "no reason",
			src:  "b: 2 # sagectl:ignore kms-key until=2030-01-01\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"kms-key@1:5", "ignore-invalid@1:8"},
		},
		{
			name: "no rule",
			src:  "b: 2 # sagectl:ignore\n",
			want: []string{"ignore-invalid@1:8"},
		},
		{
			name: "bad date",
			src:  "b: 2 # sagectl:ignore kms-key until=tomorrow why\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"kms-key@1:5", "ignore-invalid@1:31"},
		},
		{
			name: "unknown rule",
			src:  "b: 2 # sagectl:ignore kms-key,instance-typo why\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"kms-key@1:5", "ignore-invalid@1:31"},
		},
		{
			name: "marker inside a value is not a comment",
			src:  "b: a#sagectl:ignore kms-key why\nc: \"x # sagectlignore\"\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"kms-key@1:5"},
		},
		{
			name: "longer word is not the marker",
			src:  "b: 2 # sagectl:ignored kms-key why\n",
			in:   []finding.Finding{at(1, "kms-key")},
			want: []string{"kms-key@1:5"},
		},
		{
			name: "ignore findings are not silenced",
			src:  "# sagectl:ignore ignore-unused,kms-key why\nb: 2\n",
			in:   []finding.Finding{at(2, "kms-key")},
			want: []string{"ignore-unused@1:18"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := manifest.NewFile("m.yaml", []byte(tt.src))
			got := Apply([]*manifest.File{f}, tt.in, Options{Now: today, Rules: rules, Ran: tt.ran})
			finding.Sort(got)
			var ids []string
			for _, g := range got {
				ids = append(ids, g.Rule+"@"+strconv.Itoa(g.Line)+":"+strconv.Itoa(g.Col))
				if strings.HasPrefix(g.Rule, "ignore-") && (g.Severity != finding.Warning || g.Message == "" || g.Hint == "") {
					t.Errorf("ignore finding lacks severity, message or hint: %+v", g)
				}
			}
			if strings.Join(ids, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got  %v\nwant %v\nfindings: %v", ids, tt.want, got)
			}
		})
	}
}

func TestUnknownRuleSuggests(t *testing.T) {
	f := manifest.NewFile("m.yaml", []byte("b: 2 # sagectl:ignore kms-kye why\n"))
	got := Apply([]*manifest.File{f}, nil, Options{Now: today, Rules: rules})
	if len(got) != 1 || got[0].Rule != RuleInvalid || !strings.Contains(got[0].Hint, `"kms-key"`) {
		t.Fatalf("want one ignore-invalid suggesting kms-key, got %v", got)
	}
}

func TestScanParsesFields(t *testing.T) {
	f := manifest.NewFile("m.yaml", []byte("x: 1\n    #  sagectl:ignore  kms-key,instance-type  until=2027-03-01 -- pinned   by  security\n"))
	igs := Scan(f)
	if len(igs) != 1 {
		t.Fatalf("got %d ignores", len(igs))
	}
	ig := igs[0]
	if ig.Line != 2 || ig.Col != 5 || ig.Target != 3 || ig.Problem != "" {
		t.Errorf("position/target/problem: %+v", ig)
	}
	if len(ig.Rules) != 2 || ig.Rules[0] != (Ref{"kms-key", 24}) || ig.Rules[1] != (Ref{"instance-type", 32}) {
		t.Errorf("rules: %+v", ig.Rules)
	}
	if ig.Reason != "pinned by security" || ig.Until.Format(dateLayout) != "2027-03-01" {
		t.Errorf("reason %q until %v", ig.Reason, ig.Until)
	}
}

func TestNoCommentNoWork(t *testing.T) {
	in := []finding.Finding{at(1, "kms-key")}
	got := Apply([]*manifest.File{manifest.NewFile("m.yaml", []byte("a: 1\n"))}, in, Options{Rules: rules})
	if len(got) != 1 || got[0].Rule != "kms-key" {
		t.Fatalf("got %v", got)
	}
}

func FuzzScan(f *testing.F) {
	f.Add("b: 2 # sagectl:ignore kms-key,x until=2026-01-01 why\n# sagectl:ignore\n")
	f.Add("#sagectl:ignore ,,, until= --\n\t# sagectl:ignore é,ü reason\n")
	f.Fuzz(func(t *testing.T, src string) {
		file := manifest.NewFile("f.yaml", []byte(src))
		for _, ig := range Scan(file) {
			if ig.Line < 1 || ig.Col < 1 || ig.Target < ig.Line {
				t.Fatalf("bad position %+v", ig)
			}
		}
		Apply([]*manifest.File{file}, []finding.Finding{at(1, "kms-key")}, Options{Rules: rules})
	})
}
