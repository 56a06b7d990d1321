package plan

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// Sensitive is what every shown output (plan text and JSON, apply progress and errors)
// prints in place of a value under an Environment map: container environment variables
// often hold credentials. --show-sensitive prints the values. The saved plan keeps them:
// apply sends them.
const Sensitive = "(sensitive)"

// sensitiveKey names the maps whose values are masked: Environment of a Model's
// PrimaryContainer or Containers[] (CreateModel, ContainerDefinition.Environment:
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html).
const sensitiveKey = "Environment"

// minRedacted is the shortest value Redact replaces in free text: shorter values ("1",
// "true") are not credentials and would turn ordinary words of a message into Sensitive.
const minRedacted = 4

// Masked returns a copy of p for showing: every value under an Environment map in the
// before and after sides, the changes, the documents and the call inputs is Sensitive,
// and those values are also removed from the reasons. p is not changed.
func (p *Plan) Masked() *Plan {
	secrets := p.secrets()
	out := *p
	out.Actions = make([]Action, len(p.Actions))
	for i, a := range p.Actions {
		a.Reason, a.Blocked = Redact(a.Reason, secrets), Redact(a.Blocked, secrets)
		a.Before, a.After = mask(a.Before, false), mask(a.After, false)
		a.Changes = append([]Change(nil), a.Changes...)
		for j, c := range a.Changes {
			if whole, leaf := sensitivePath(c.Path); whole || leaf {
				a.Changes[j].Before, a.Changes[j].After = mask(c.Before, true), mask(c.After, true)
			}
		}
		a.Calls = maskCalls(a.Calls)
		out.Actions[i] = a
	}
	out.Documents = make([]Document, len(p.Documents))
	for i, d := range p.Documents {
		d.Body, _ = mask(d.Body, false).(map[string]any)
		out.Documents[i] = d
	}
	return &out
}

// sensitivePath reports whether a change path is an Environment map (whole) or one of
// its variables (leaf): "PrimaryContainer.Environment", "Containers[0].Environment.TOKEN".
// The diff (diff.go) spells paths so.
func sensitivePath(path string) (whole, leaf bool) {
	segs := strings.Split(path, ".")
	if segs[0] == "Tags" {
		return false, false // Tags.Environment is a tag named Environment, shown as it is
	}
	for i, s := range segs {
		if s == sensitiveKey || strings.HasSuffix(s, "]"+sensitiveKey) {
			return i == len(segs)-1, i < len(segs)-1
		}
	}
	return false, false
}

// mask returns v with the values of every Environment map replaced by Sensitive; masked
// says v itself sits under one (a change of one variable, or the whole map).
func mask(v any, masked bool) any {
	switch t := v.(type) {
	case nil:
		return nil
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = mask(x, masked || k == sensitiveKey)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = mask(x, masked)
		}
		return out
	}
	if masked {
		return Sensitive
	}
	return v
}

// maskCalls returns calls whose inputs hold no Environment value; a call without one is
// kept byte for byte.
func maskCalls(calls []Call) []Call {
	out := append([]Call(nil), calls...)
	for i, c := range out {
		if !bytes.Contains(c.Input, []byte(`"`+sensitiveKey+`"`)) {
			continue
		}
		var v any
		if json.Unmarshal(c.Input, &v) != nil {
			continue
		}
		if data, err := json.Marshal(mask(v, false)); err == nil {
			out[i].Input = data
		}
	}
	return out
}

// secrets returns every value under an Environment map that p holds, live or desired.
func (p *Plan) secrets() []string {
	var vals []any
	for _, a := range p.Actions {
		vals = append(vals, a.Before, a.After)
		for _, c := range a.Changes {
			vals = append(vals, c.Before, c.After)
		}
		for _, c := range a.Calls {
			vals = append(vals, c.Input)
		}
	}
	for _, d := range p.Documents {
		vals = append(vals, d.Body)
	}
	return collect(vals)
}

// Secrets returns every value under an Environment map in the saved plan's calls: what
// Redact must remove from apply's progress and error messages.
func (s *Saved) Secrets() []string {
	var vals []any
	for _, a := range s.Actions {
		for _, c := range a.Calls {
			vals = append(vals, c.Input)
		}
	}
	return collect(vals)
}

// DocumentSecrets returns the Environment values of set's manifests, for Redact: what plan
// prints about manifests it refuses to plan (lint errors, with their source lines) shows
// none of them.
func DocumentSecrets(set *manifest.Set) []string {
	var vals []any
	var walk func(n *yaml.Node, under bool)
	walk = func(n *yaml.Node, under bool) {
		if n == nil {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], under || n.Content[i].Value == sensitiveKey)
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, under)
			}
		case yaml.ScalarNode:
			if under {
				vals = append(vals, map[string]any{sensitiveKey: n.Value})
			}
		}
	}
	for _, d := range set.Docs {
		walk(d.Body, false)
	}
	return collect(vals)
}

// collect gathers the Environment values of vals (decoded JSON, or raw call inputs), sorted.
func collect(vals []any) []string {
	set := map[string]bool{}
	var walk func(v any, under bool)
	walk = func(v any, under bool) {
		switch t := v.(type) {
		case json.RawMessage:
			var x any
			if bytes.Contains(t, []byte(`"`+sensitiveKey+`"`)) && json.Unmarshal(t, &x) == nil {
				walk(x, false)
			}
		case map[string]any:
			for k, x := range t {
				walk(x, under || k == sensitiveKey)
			}
		case []any:
			for _, x := range t {
				walk(x, under)
			}
		case string:
			if under && len(t) >= minRedacted {
				set[t] = true
			}
		}
	}
	for _, v := range vals {
		walk(v, false)
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Redact replaces every occurrence of a secret (from Secrets) in s by Sensitive. Values
// shorter than 4 characters are left: they are not credentials.
func Redact(s string, secrets []string) string {
	if len(secrets) == 0 || s == "" {
		return s
	}
	return strings.NewReplacer(redactPairs(secrets)...).Replace(s)
}

// RedactWriter returns a writer that passes what it is given to w with every secret
// replaced by Sensitive (see Redact). Each Write is redacted on its own: apply's progress
// and summary write whole lines or cells, so a value is never split between two writes.
func RedactWriter(w io.Writer, secrets []string) io.Writer {
	if len(secrets) == 0 {
		return w
	}
	return &redactWriter{w: w, r: strings.NewReplacer(redactPairs(secrets)...)}
}

type redactWriter struct {
	w io.Writer
	r *strings.Replacer
}

func (r *redactWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, r.r.Replace(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// redactPairs returns the old, new pairs of a strings.Replacer, longest secret first: at
// one position the Replacer takes the first pair that matches, so a secret is replaced
// whole, not a shorter secret it starts with.
func redactPairs(secrets []string) []string {
	sorted := append([]string(nil), secrets...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	pairs := make([]string, 0, 2*len(secrets))
	for _, x := range sorted {
		pairs = append(pairs, x, Sensitive)
	}
	return pairs
}
