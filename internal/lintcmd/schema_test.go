package lintcmd

import (
	"testing"

	"github.com/sagectl/sagectl/internal/schema"
)

// TestSchemaPrintsEditorDocument: `sagectl schema` prints the editor document (standard
// keywords only), not sagectl's own schema with its x-sagectl- keywords.
func TestSchemaPrintsEditorDocument(t *testing.T) {
	code, stdout, stderr := run("schema")
	if code != 0 || stdout != string(schema.EditorJSON()) {
		t.Errorf("sagectl schema: exit %d, stderr %q, stdout is the editor schema: %v", code, stderr, stdout == string(schema.EditorJSON()))
	}
}
