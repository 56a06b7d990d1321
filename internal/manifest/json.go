package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// isJSON reports whether a file is read as strict JSON: a .json file, or standard
// input that starts with "{" (an AWS CLI input file piped in).
func isJSON(path string, data []byte) bool {
	if path == "-" {
		return bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n\ufeff"), []byte("{"))
	}
	return strings.EqualFold(filepath.Ext(path), ".json")
}

// checkJSON validates data as strict JSON, as the AWS CLI reads --cli-input-json: the
// YAML parser accepts a trailing comma, comments and single quotes that the CLI
// rejects. It returns the finding at the mistake, or nil.
func checkJSON(f *File, data []byte) *finding.Finding {
	skip := len(data) - len(bytes.TrimPrefix(data, []byte("\ufeff"))) // a byte order mark
	body := data[skip:]
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return jsonFinding(f, skip+int(dec.InputOffset())-1, "more than one JSON value: the file must hold one object", "remove what follows the closing }")
		}
		return nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := max(int(se.Offset)-1, 0) // the offending byte
		if off >= len(body) {
			return jsonFinding(f, len(data), "unexpected end of JSON: a } or ] is missing", "close every { and [")
		}
		if c := body[off]; c == '}' || c == ']' {
			if i := lastNonSpace(body, off); i >= 0 && body[i] == ',' {
				return jsonFinding(f, skip+i, fmt.Sprintf("trailing comma before %c: JSON allows none, and the AWS CLI rejects the file", c), "remove the comma")
			}
		}
		return jsonFinding(f, skip+off, "invalid JSON: "+se.Error(), "fix the JSON here: JSON has no comments, trailing commas or single quotes")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return jsonFinding(f, len(data), "unexpected end of JSON: a } or ] is missing", "close every { and [")
	}
	return nil // not a syntax error: the YAML parser reports what is left
}

// lastNonSpace returns the index of the last byte before before that is not JSON
// white space, or -1.
func lastNonSpace(data []byte, before int) int {
	for i := before - 1; i >= 0; i-- {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return i
	}
	return -1
}

func jsonFinding(f *File, off int, msg, hint string) *finding.Finding {
	l, c := f.Position(off)
	return &finding.Finding{Rule: RuleSyntax, Severity: finding.Error, File: f.Path, Line: l, Col: c, Message: msg, Hint: hint}
}
