package render

import (
	"encoding/json"
	"testing"
)

func TestJSON(t *testing.T) {
	opt, fs := sample(t)
	var got struct {
		FormatVersion int              `json:"formatVersion"`
		Findings      []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", opt, fs)), &got); err != nil {
		t.Fatal(err)
	}
	if got.FormatVersion != JSONFormatVersion {
		t.Errorf("formatVersion = %d", got.FormatVersion)
	}
	if len(got.Findings) != len(fs) {
		t.Fatalf("got %d findings, want %d", len(got.Findings), len(fs))
	}
	first := got.Findings[0]
	want := map[string]any{"rule": "accelerator-type-deprecated", "severity": "error", "file": "dir/sample.yaml", "line": 5.0,
		"column": 5.0, "endLine": 5.0, "endColumn": 19.0, "path": "/ProductionVariants/0/AcceleratorType", "document": 0.0,
		"message": "AcceleratorType is retired", "hint": "remove it"}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
	if _, ok := got.Findings[1]["hint"]; ok {
		t.Error("a finding without a hint has a hint key")
	}
	if got.Findings[2]["severity"] != "info" || got.Findings[2]["document"] != 1.0 {
		t.Errorf("third finding: %v", got.Findings[2])
	}
}

func TestJSONEmptyIsArray(t *testing.T) {
	opt, _ := sample(t)
	if out := render(t, "json", opt, nil); out != "{\n  \"formatVersion\": 1,\n  \"findings\": []\n}\n" {
		t.Errorf("got %q", out)
	}
}
