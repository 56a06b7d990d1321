package config

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

var ruleIDs = []string{"kms-default-key", "weights-percent", "accelerator-type-deprecated"}

func TestParseValid(t *testing.T) {
	src := `# project settings
rules:
  kms-default-key: off
  weights-percent: error
  accelerator-type-deprecated: info
exclude:
  - examples/broken
  - "**/*.draft.yaml"
fail-on: warning
naming: hashed
project: fraud-scoring
`
	c, fs := Parse("dir/.sagectl.yaml", []byte(src), ruleIDs)
	if len(fs) > 0 {
		t.Fatalf("unexpected problems: %v", fs)
	}
	if !c.Disabled("kms-default-key") || c.Disabled("weights-percent") {
		t.Errorf("disabled: %+v", c.Rules)
	}
	sev := c.Severities()
	if len(sev) != 2 || sev["weights-percent"] != finding.Error || sev["accelerator-type-deprecated"] != finding.Info {
		t.Errorf("severities: %v", sev)
	}
	if !c.FailOnSet || c.FailOn != finding.Warning || c.Naming != NamingHashed || c.Project != "fraud-scoring" {
		t.Errorf("fail-on %v (set %v), naming %q, project %q", c.FailOn, c.FailOnSet, c.Naming, c.Project)
	}
	if strings.Join(c.Exclude.Patterns, " ") != "examples/broken **/*.draft.yaml" || filepath.Base(c.Exclude.Dir) != "dir" {
		t.Errorf("exclude: %+v", c.Exclude)
	}
}

func TestParseDefaults(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "---\n", "rules:\nexclude:\n"} {
		c, fs := Parse(".sagectl.yaml", []byte(src), ruleIDs)
		if len(fs) > 0 || c.FailOnSet || c.FailOn != finding.Error || c.Naming != NamingExact || len(c.Rules) != 0 {
			t.Errorf("%q: got %+v, %v", src, c, fs)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "line:col: message-substring | hint-substring"
	}{
		{"unknown key", "rules: {}\nfail_on: error\n", `2:1: unknown key "fail_on" | did you mean "fail-on"?`},
		{"unknown key far", "colour: red\n", `1:1: unknown key "colour" | valid keys: rules, exclude, fail-on, naming, project`},
		{"unknown rule", "rules:\n  kms-defualt-key: off\n", `2:3: unknown rule "kms-defualt-key" | did you mean "kms-default-key"?`},
		{"unknown rule far", "rules:\n  nothing-like-it: off\n", `2:3: unknown rule "nothing-like-it" | 'sagectl rules' lists`},
		{"bad rule value", "rules:\n  kms-default-key: warn\n", `2:20: rule kms-default-key is "warn": expected one of off, error, warning, info`},
		{"rule value mapping", "rules:\n  kms-default-key: {a: 1}\n", `2:20: rule kms-default-key is a mapping`},
		{"rules not mapping", "rules: [a]\n", `1:8: rules must be a mapping`},
		{"rule twice", "rules:\n  kms-default-key: off\n  kms-default-key: info\n", `3:3: rule "kms-default-key" is set twice`},
		{"bad fail-on", "fail-on: fatal\n", `1:10: fail-on is "fatal": expected one of error, warning, info`},
		{"bad naming", "naming: hash\n", `1:9: naming is "hash": expected one of exact, hashed | did you mean "hashed"?`},
		{"project with capitals", "project: Fraud\n", `1:10: project is "Fraud": a project name is a short slug | lower-case letters`},
		{"project with a space", "project: fraud scoring\n", `1:10: project is "fraud scoring"`},
		{"project too long", "project: " + strings.Repeat("a", 33) + "\n", `1:10: project is "aaaa`},
		{"project trailing hyphen", "project: fraud-\n", `1:10: project is "fraud-"`},
		{"project empty", "project: \"\"\n", `1:10: project is ""`},
		{"project a number", "project: 7\n", `1:10: project is "7"`},
		{"project a list", "project: [a]\n", `1:10: project is not a string`},
		{"exclude mapping", "exclude: {a: b}\n", `1:10: exclude must be a list`},
		{"exclude number", "exclude:\n  - 3\n", `2:5: exclude pattern must be a non-empty string`},
		{"exclude malformed", "exclude:\n  - \"a/[b\"\n", `2:5: exclude pattern "a/[b" is malformed`},
		{"duplicate key", "naming: exact\nnaming: hashed\n", `2:1: duplicate key "naming"`},
		{"not a mapping", "- rules\n", `1:1: the config file must be a mapping`},
		{"invalid yaml", "rules: [\n", `1:1: invalid YAML`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := Parse("c.yaml", []byte(tt.src), ruleIDs)
			if len(fs) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(fs), fs)
			}
			f := fs[0]
			msg, hint, _ := strings.Cut(tt.want, " | ")
			pos, text, _ := strings.Cut(msg, ": ")
			got := strings.Join([]string{strconv.Itoa(f.Line), strconv.Itoa(f.Col)}, ":")
			if got != pos || !strings.Contains(f.Message, text) || !strings.Contains(f.Hint, hint) || f.File != "c.yaml" || f.Rule != Rule {
				t.Errorf("got %s: %s (%s) [%s %s]\nwant %s", got, f.Message, f.Hint, f.File, f.Rule, tt.want)
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	_, fs := Parse("c.yaml", []byte("colour: red\nnaming: hash\nrules: {nope: off}\n"), ruleIDs)
	if len(fs) != 3 {
		t.Fatalf("got %v", fs)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.yaml"), ruleIDs); err == nil || !strings.Contains(err.Error(), "missing.yaml does not exist") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("naming: hash\n"), 0o644)
	_, err := Load(bad, ruleIDs)
	ce, ok := err.(*Error)
	if !ok || len(ce.Findings) != 1 || !strings.HasPrefix(err.Error(), bad+":1:9: naming is \"hash\"") {
		t.Errorf("bad file: %v", err)
	}
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("fail-on: info\n"), 0o644)
	if c, err := Load(good, ruleIDs); err != nil || c.FailOn != finding.Info || c.Path != good {
		t.Errorf("good file: %+v %v", c, err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(deep); got != "" && strings.HasPrefix(got, root) {
		t.Errorf("found %s in an empty tree", got)
	}
	os.WriteFile(filepath.Join(root, FileName), []byte(""), 0o644)
	os.WriteFile(filepath.Join(root, "a", FileName), []byte(""), 0o644)
	if got, want := Find(deep), filepath.Join(root, "a", FileName); got != want {
		t.Errorf("Find = %q, want the nearest %q", got, want)
	}
	os.Mkdir(filepath.Join(deep, FileName), 0o755) // a directory of that name is not a config
	if got, want := Find(deep), filepath.Join(root, "a", FileName); got != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("rules: {kms-default-key: off}\nexclude: [a/**/b]\nfail-on: info\nnaming: hashed\n")
	f.Add("exclude: '[' \nrules: [&a a, *a]\n")
	f.Add("accounts: [\"111111111111\"]\nenvironments: {prod: {account: \"222222222222\", region: eu-west-1, overlay: envs/prod, profile: p}, x: &e {overlay: ../a}, y: *e}\n")
	f.Fuzz(func(t *testing.T, src string) {
		c, fs := Parse("c.yaml", []byte(src), ruleIDs)
		if c == nil {
			t.Fatal("nil config")
		}
		for _, f := range fs {
			if f.Line < 1 || f.Col < 1 || f.Message == "" {
				t.Fatalf("bad finding %+v", f)
			}
		}
	})
}

func TestParseOneDocument(t *testing.T) {
	_, fs := Parse("c.yaml", []byte("naming: exact\n---\nnaming: hashed\n"), ruleIDs)
	if len(fs) != 1 || fs[0].Line != 2 || !strings.Contains(fs[0].Message, "more than one YAML document") {
		t.Fatalf("got %v", fs)
	}
}

func TestLoadRefusesWhatIsNotARegularFile(t *testing.T) {
	if _, err := Load("/dev/zero", ruleIDs); err == nil || !strings.Contains(err.Error(), "config file /dev/zero is a character device, not a regular file") {
		t.Errorf("--config /dev/zero: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	os.WriteFile(big, make([]byte, maxConfigFile+1), 0o644)
	if _, err := Load(big, ruleIDs); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("a config over the bound: %v", err)
	}
}
