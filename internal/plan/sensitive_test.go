package plan

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

func TestMaskedHidesEveryEnvironmentValue(t *testing.T) {
	env := map[string]any{"TOKEN": "s3cret-value", "N": "1"}
	body := map[string]any{"ModelName": "m", "PrimaryContainer": map[string]any{"Image": "i", "Environment": env},
		"Containers": []any{map[string]any{"Environment": map[string]any{"K": "other-secret"}}},
		"Tags":       []any{map[string]any{"Key": "Environment", "Value": "prod"}}}
	in, _ := json.Marshal(body)
	p := &Plan{Actions: []Action{{Kind: Create, Reason: "because s3cret-value", Before: body, After: body,
		Changes: []Change{{Path: "PrimaryContainer.Environment.TOKEN", Before: "old-secret", After: "s3cret-value"},
			{Path: "Containers[0].Environment", Before: nil, After: map[string]any{"K": "other-secret"}},
			{Path: "Tags.Environment", Before: "staging", After: "prod"}},
		Calls: []Call{{Operation: "CreateModel", Input: in}, {Operation: "DeleteModel", Input: json.RawMessage(`{"ModelName":"m"}`)}}}},
		Documents: []Document{{Body: body}}}
	var buf bytes.Buffer
	if err := p.Masked().Write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{"s3cret-value", "old-secret", "other-secret", `"N": "1"`} {
		if strings.Contains(out, s) {
			t.Errorf("masked plan shows %q:\n%s", s, out)
		}
	}
	for _, s := range []string{`"Value": "prod"`, `"before": "staging"`, `"before": null`} {
		if !strings.Contains(out, s) {
			t.Errorf("masked plan lost %s, which is no Environment value:\n%s", s, out)
		}
	}
	if m := p.Masked(); string(m.Actions[0].Calls[1].Input) != `{"ModelName":"m"}` {
		t.Errorf("a call without Environment is re-encoded: %s", m.Actions[0].Calls[1].Input)
	}
	if !strings.Contains(string(p.Actions[0].Calls[0].Input), "s3cret-value") || p.Actions[0].Changes[0].After != "s3cret-value" {
		t.Error("Masked changed the plan itself: the saved plan needs the values")
	}
	if got := Redact("a s3cret-value b 1 other-secret", p.secrets()); got != "a (sensitive) b 1 (sensitive)" {
		t.Errorf("Redact = %q: values of 4 characters and more are replaced, shorter ones kept", got)
	}
	var w bytes.Buffer
	RedactWriter(&w, []string{"abcd", "abcdef"}).Write([]byte("x abcdef y abcd"))
	if w.String() != "x (sensitive) y (sensitive)" {
		t.Errorf("RedactWriter wrote %q", w.String())
	}
}

func TestDocumentSecrets(t *testing.T) {
	f, docs, _ := manifest.Parse("m.yaml", []byte("kind: Model\nModelName: m\nPrimaryContainer:\n  Environment: {TOKEN: s3cret-value, N: \"1\"}\nContainers:\n  - Environment:\n      KEY: another-secret\nTags: [{Key: Environment, Value: production}]\n"))
	got := DocumentSecrets(&manifest.Set{Files: []*manifest.File{f}, Docs: docs})
	if strings.Join(got, ",") != "another-secret,s3cret-value" {
		t.Errorf("DocumentSecrets = %v, want the two Environment values of 4+ characters and no tag value", got)
	}
}
