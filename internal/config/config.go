// Package config reads .sagectl.yaml: rule severities and disabling, path excludes,
// the default --fail-on, and the project settings plan and apply use. The file is
// validated with positions: an unknown key or rule is an error with a suggestion.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/readfile"
)

// FileName is the name of the configuration file sagectl looks for.
const FileName = ".sagectl.yaml"

// Rule is the rule ID of findings about the configuration file itself.
const Rule = "config"

// Naming is the naming policy for the physical names of endpoint configs.
type Naming string

// The naming policies.
const (
	// NamingExact uses the manifest name as the physical name.
	NamingExact Naming = "exact"
	// NamingHashed appends a short content hash, so a changed config gets a new name.
	NamingHashed Naming = "hashed"
)

// RuleSetting is what the configuration says about one rule.
type RuleSetting struct {
	// Off disables the rule: it does not run at all.
	Off bool
	// Severity replaces the rule's default severity when Off is false.
	Severity finding.Severity
}

// Config is a loaded configuration. The zero value is not useful; use Default.
type Config struct {
	// Path is the file it was read from; "" when no file was found.
	Path string
	// Rules holds the settings by rule ID.
	Rules map[string]RuleSetting
	// Exclude lists the path patterns not linted, anchored at the file's directory.
	Exclude Exclude
	// FailOn is the default --fail-on severity; FailOnSet says whether the file set it.
	FailOn    finding.Severity
	FailOnSet bool
	// Naming is the naming policy plan and apply use.
	Naming Naming
	// Project scopes ownership: plan and apply tag what they create sagectl:project=Project
	// and change or delete only resources with that tag ("" means none: see docs/config.md).
	Project string
	// Accounts are the AWS account IDs this project may plan and apply in; empty allows
	// any (accounts.go).
	Accounts []string
	// Environments are the stages the manifests deploy to, in file order (environments.go).
	Environments []Environment
}

// Default returns the configuration in force when there is no file.
func Default() *Config {
	return &Config{Rules: map[string]RuleSetting{}, FailOn: finding.Error, Naming: NamingExact}
}

// Disabled reports whether the rule with this ID is turned off.
func (c *Config) Disabled(id string) bool { return c.Rules[id].Off }

// Severities returns the severity overrides of the enabled rules, by ID.
func (c *Config) Severities() map[string]finding.Severity {
	out := map[string]finding.Severity{}
	for id, s := range c.Rules {
		if !s.Off {
			out[id] = s.Severity
		}
	}
	return out
}

// Find looks for FileName in dir and its parents and returns the first found, or "".
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Error is an invalid configuration file: every problem, with its position.
type Error struct {
	// Findings are the problems, each at file:line:col with a hint.
	Findings []finding.Finding
}

// Error lists every problem, one per line, as file:line:col: message (hint).
func (e *Error) Error() string {
	var b strings.Builder
	for i, f := range e.Findings {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
		if f.Hint != "" {
			fmt.Fprintf(&b, " (%s)", f.Hint)
		}
	}
	return b.String()
}

// maxConfigFile bounds the size of a .sagectl.yaml.
const maxConfigFile = 1 << 20

// Load reads and validates the file at path; rules lists the valid rule IDs. A file
// that cannot be read is an error naming it; an invalid one is an *Error.
func Load(path string, rules []string) (*Config, error) {
	data, err := readfile.Read(path, maxConfigFile) // a regular file: a FIFO would hang
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("config file %s does not exist: create it or fix the --config path", path)
		}
		if errors.Is(err, readfile.ErrNotRegular) || errors.Is(err, readfile.ErrTooLarge) {
			return nil, fmt.Errorf("cannot read config file %v", err)
		}
		return nil, fmt.Errorf("cannot read config file %s: %w", path, errors.Unwrap(err))
	}
	c, fs := Parse(path, data, rules)
	if len(fs) > 0 {
		return nil, &Error{Findings: fs}
	}
	return c, nil
}
