package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/awscmd"
	"gopkg.in/yaml.v3"
)

// action is the part of action.yml the test reads.
type action struct {
	Inputs map[string]struct {
		Default  string `yaml:"default"`
		Required bool   `yaml:"required"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			If    string            `yaml:"if"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Uses  string            `yaml:"uses"`
			With  map[string]string `yaml:"with"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var (
	sagectlCall = regexp.MustCompile(`\bsagectl (lint|plan|apply|snapshot|import)\b`)
	flagToken   = regexp.MustCompile(`(?:^|[\s(])(--[a-z][a-z-]*)`)
)

// TestActionYAML keeps action.yml true: a composite action whose run steps name a shell,
// whose sagectl calls use only flags the commands have, which downloads the archive
// release.sh builds, uploads the SARIF file lint writes, and finds its plan comments by
// marker and updates them.
func TestActionYAML(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" || !a.Inputs["version"].Required {
		t.Errorf("runs.using = %q, version required = %v; want a composite action that needs a version", a.Runs.Using, a.Inputs["version"].Required)
	}
	help := map[string]string{}
	var all string
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q runs a script without shell: (composite actions require it)", s.Name)
		}
		for _, line := range strings.Split(s.Run, "\n") {
			m := sagectlCall.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			if help[m[1]] == "" {
				var out bytes.Buffer
				if code := awscmd.Main([]string{"sagectl", m[1], "--help"}, strings.NewReader(""), &out, &out); code != 0 {
					t.Fatalf("sagectl %s --help: exit %d", m[1], code)
				}
				help[m[1]] = out.String()
			}
			for _, f := range flagToken.FindAllStringSubmatch(line, -1) {
				if !strings.Contains(help[m[1]], f[1]+" ") && !strings.Contains(help[m[1]], f[1]+"=") {
					t.Errorf("step %q: sagectl %s has no flag %s:\n%s", s.Name, m[1], f[1], line)
				}
			}
		}
		all += s.Run + "\n" + s.Uses + "\n" + s.With["sarif_file"] + "\n"
	}
	release, err := os.ReadFile("../../scripts/release.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`name="sagectl_${VERSION}_${os}_${arch}"`, // the archive release.sh names so
		"sha256sum -c", "SHA256SUMS",
		`--format sarif --output "$RUNNER_TEMP/sagectl.sarif"`, "github/codeql-action/upload-sarif@", "${{ runner.temp }}/sagectl.sarif",
		`--format markdown`, `<!-- sagectl-plan:${env} -->`, `startswith(\"$marker\")`, `gh api -X PATCH "repos/$REPO/issues/comments/$id"`,
		`gh api "repos/$REPO/issues/$PR/comments" -F "body=@$body"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("action.yml lacks %q", want)
		}
	}
	if !strings.Contains(string(release), `name="sagectl_${VERSION}_${os}_${arch}"`) {
		t.Error("release.sh no longer names the archives as action.yml downloads them")
	}
}
