package render

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/finding"
)

// FuzzFormats: whatever a finding holds, every format writes well-formed output: JSON
// and SARIF parse, JUnit is XML, and GitHub writes exactly one command line per finding.
func FuzzFormats(f *testing.F) {
	f.Add("rule", "a.yaml", "message", "hint", 1, 1)
	f.Add("r,x:y", "dir/with space,:%.yaml", "100% bad\r\nnext", "", 0, -3)
	f.Add("", "-", "<x>&\x00\x1b]8;;", "\xff", 1<<30, 2)
	f.Fuzz(func(t *testing.T, rule, file, msg, hint string, line, col int) {
		fd := finding.Finding{Rule: rule, Severity: finding.Severity(line & 3 % 3), File: file, Line: line, Col: col,
			EndLine: line, EndCol: col + 2, Message: msg, Hint: hint}
		opt := Options{Files: []string{file}}
		for _, name := range Formats() {
			out := render(t, name, opt, []finding.Finding{fd})
			var v any
			switch name {
			case "json", "sarif":
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Fatalf("%s output does not parse: %v\n%s", name, err, out)
				}
			case "junit":
				var j junitOut
				if err := xml.Unmarshal([]byte(out), &j); err != nil {
					t.Fatalf("junit output does not parse: %v\n%s", err, out)
				}
			case "github":
				if !strings.HasPrefix(out, "::") || strings.Count(out, "\n") != 1 || strings.Contains(out, "\r") {
					t.Fatalf("github output is not one command line: %q", out)
				}
			}
		}
	})
}
