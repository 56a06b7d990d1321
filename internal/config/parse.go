package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/suggest"
	"gopkg.in/yaml.v3"
)

// keys are the top-level keys of .sagectl.yaml.

// projectPattern is a project name: a short slug, as it goes into the sagectl:project tag.
var projectPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$`)
var keys = []string{"rules", "exclude", "fail-on", "naming", "project", "accounts", "environments"}

// ruleValues are the values a rule may be set to.
var ruleValues = []string{"off", "error", "warning", "info"}

// parser collects a configuration and the problems found in it.
type parser struct {
	path  string
	rules []string
	c     *Config
	out   []finding.Finding
	// envAccounts are the account: nodes of the environments, by name (environments.go).
	envAccounts map[string]*yaml.Node
}

func (p *parser) errorf(n *yaml.Node, hint, format string, args ...any) {
	p.out = append(p.out, finding.Finding{Rule: Rule, Severity: finding.Error, File: p.path,
		Line: max(n.Line, 1), Col: max(n.Column, 1), Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Parse reads a configuration from data (path names it in messages and anchors
// excludes). It returns the configuration and, when the file is invalid, the problems
// at their positions; rules lists the valid rule IDs.
func Parse(path string, data []byte, rules []string) (c *Config, fs []finding.Finding) {
	p := &parser{path: path, rules: rules, c: Default()}
	p.c.Path = path
	if abs, err := filepath.Abs(path); err == nil {
		p.c.Exclude.Dir = filepath.Dir(abs)
	}
	defer func() {
		if r := recover(); r != nil { // yaml.v3 can panic on hostile input
			fs = append(p.out, finding.Finding{Rule: Rule, Severity: finding.Error, File: path, Line: 1, Col: 1,
				Message: fmt.Sprintf("the YAML parser failed on the config file: %v", r), Hint: "check the file is valid YAML"})
		}
	}()
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return p.c, nil // an empty file (or only comments) means the defaults
		}
		p.out = append(p.out, finding.Finding{Rule: Rule, Severity: finding.Error, File: path, Line: 1, Col: 1,
			Message: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "), Hint: "fix the YAML syntax of the config file"})
		return p.c, p.out
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return p.c, nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "write keys such as rules:, exclude:, fail-on: and naming:", "the config file must be a mapping of settings")
		return p.c, p.out
	}
	p.top(root)
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(&extra, "merge the settings into the first document", "the config file holds more than one YAML document; only one is allowed")
	}
	return p.c, p.out
}

func (p *parser) top(root *yaml.Node) {
	seen := map[string]bool{}
	defer p.checkEnvAccounts() // environments: against accounts:, once both are read
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "remove one of the two", "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "rules":
			p.rulesMap(v)
		case "exclude":
			p.exclude(v)
		case "fail-on":
			if s, ok := p.oneOf(v, "fail-on", []string{"error", "warning", "info"}); ok {
				p.c.FailOn, _ = finding.ParseSeverity(s)
				p.c.FailOnSet = true
			}
		case "naming":
			if s, ok := p.oneOf(v, "naming", []string{string(NamingExact), string(NamingHashed)}); ok {
				p.c.Naming = Naming(s)
			}
		case "project":
			p.project(v)
		case "accounts":
			p.accounts(v)
		case "environments":
			p.environments(v)
		default:
			p.errorf(k, didYouMean(k.Value, keys, "valid keys: "+strings.Join(keys, ", ")),
				"unknown key %q in the config file", k.Value)
		}
	}
}

func (p *parser) rulesMap(v *yaml.Node) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.MappingNode {
		p.errorf(v, "example: rules: {kms-default-key: off, weights-percent-sum: error}", "rules must be a mapping of rule ID to off, error, warning or info")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if !slices.Contains(p.rules, k.Value) {
			p.errorf(k, didYouMean(k.Value, p.rules, "'sagectl rules' lists the rule IDs"), "unknown rule %q", k.Value)
			continue
		}
		if _, dup := p.c.Rules[k.Value]; dup {
			p.errorf(k, "remove one of the two", "rule %q is set twice", k.Value)
			continue
		}
		s, ok := p.oneOf(val, "rule "+k.Value, ruleValues)
		if !ok {
			continue
		}
		if s == "off" {
			p.c.Rules[k.Value] = RuleSetting{Off: true}
			continue
		}
		sev, _ := finding.ParseSeverity(s)
		p.c.Rules[k.Value] = RuleSetting{Severity: sev}
	}
}

func (p *parser) exclude(v *yaml.Node) {
	items := v.Content
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return
	case v.Kind == yaml.ScalarNode:
		items = []*yaml.Node{v}
	case v.Kind != yaml.SequenceNode:
		p.errorf(v, "example: exclude: [examples/broken, \"**/*.draft.yaml\"]", "exclude must be a list of path patterns")
		return
	}
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || it.Tag != "!!str" || it.Value == "" {
			p.errorf(it, "quote the pattern", "exclude pattern must be a non-empty string")
			continue
		}
		if !validPattern(it.Value) {
			p.errorf(it, "check the brackets and escapes; ** matches any number of directories", "exclude pattern %q is malformed", it.Value)
			continue
		}
		p.c.Exclude.Patterns = append(p.c.Exclude.Patterns, it.Value)
	}
}

// project reads the project name: 1 to 32 lower-case letters, digits and inner hyphens.
func (p *parser) project(v *yaml.Node) {
	hint := "use 1 to 32 lower-case letters, digits and hyphens, starting and ending with a letter or digit, e.g. project: fraud-scoring"
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" || !projectPattern.MatchString(v.Value) {
		val := fmt.Sprintf("%q", v.Value)
		if v.Kind != yaml.ScalarNode {
			val = "not a string"
		}
		p.errorf(v, hint, "project is %s: a project name is a short slug, written into the sagectl:project tag of every resource sagectl creates", val)
		return
	}
	p.c.Project = v.Value
}

// oneOf reads a string scalar that must be one of allowed.
func (p *parser) oneOf(v *yaml.Node, what string, allowed []string) (string, bool) {
	if v.Kind == yaml.ScalarNode && slices.Contains(allowed, v.Value) {
		return v.Value, true
	}
	val := v.Value
	if v.Kind != yaml.ScalarNode {
		val = "a " + map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "list"}[v.Kind]
	} else {
		val = fmt.Sprintf("%q", val)
	}
	p.errorf(v, didYouMean(v.Value, allowed, ""),
		"%s is %s: expected one of %s", what, val, strings.Join(allowed, ", "))
	return "", false
}

func didYouMean(word string, candidates []string, otherwise string) string {
	if s := suggest.Closest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return otherwise
}
