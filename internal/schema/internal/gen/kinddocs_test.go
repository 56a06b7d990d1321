package gen

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestKindDocumentsStripAnnotationsOnly: annotations go, keywords and properties that
// happen to be called like an annotation stay, and only reached definitions are kept.
func TestKindDocumentsStripAnnotationsOnly(t *testing.T) {
	full := `{"$schema": "s", "$defs": {
		"Model": {"title": "Model", "description": "d", "type": "object", "properties": {
			"description": {"type": "string", "description": "a field called description", "x-sagectl-form": "words", "pattern": "^a$"},
			"Tag": {"$ref": "#/$defs/Tag"}}},
		"EndpointConfig": {"type": "object"}, "Endpoint": {"type": "object"},
		"ScalableTarget": {"type": "object"}, "ScalingPolicy": {"type": "object"}, "ScheduledAction": {"type": "object"},
		"InferenceComponent": {"type": "object"}, "SmokeTest": {"type": "object"},
		"Tag": {"title": "Tag", "enum": ["title"]}, "Unused": {"type": "string"}}}`
	docs, err := KindDocuments([]byte(full))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(docs["Model"], &got); err != nil {
		t.Fatal(err)
	}
	want := `{"$defs":{"Model":{"properties":{"Tag":{"$ref":"#/$defs/Tag"},"description":{"pattern":"^a$","type":"string"}},"type":"object"},"Tag":{"enum":["title"]}},"$schema":"s"}`
	delete(got, "$comment")
	if b, _ := json.Marshal(got); string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	if !strings.Contains(string(docs["Model"]), `"$comment":"Generated`) {
		t.Errorf("no generated-file comment: %s", docs["Model"])
	}
}

func TestKindDocumentsErrors(t *testing.T) {
	for name, full := range map[string]string{
		"not JSON":     `{`,
		"kind missing": `{"$defs": {"Model": {}, "EndpointConfig": {}}}`,
	} {
		if _, err := KindDocuments([]byte(full)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
