// Package render prints a plan.Plan: Text for people at a terminal, Markdown for a
// pull-request comment and JSON for CI. All render the same model; none computes
// anything about the plan.
package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sagectl/sagectl/internal/plan"
)

// Renderer writes a whole plan.
type Renderer interface {
	Render(w io.Writer, p *plan.Plan) error
}

// Formats lists the format names New accepts.
var Formats = []string{"text", "json", "markdown"}

// New returns the renderer for a format name, or an error listing the valid names.
func New(format string, color bool) (Renderer, error) {
	switch format {
	case "text":
		return &Text{Color: color}, nil
	case "json":
		return JSON{}, nil
	case "markdown":
		return &Markdown{}, nil
	}
	return nil, fmt.Errorf("unknown format %q: expected one of %s", format, strings.Join(Formats, ", "))
}

// Counts returns the summary line: "2 to create, 1 to update, 1 to delete", with
// "N to replace" and "(N blocked)" when there are any, or "no changes".
func Counts(s plan.Summary) string {
	var parts []string
	for _, c := range []struct {
		n    int
		verb string
	}{{s.Create, "create"}, {s.Update, "update"}, {s.Replace, "replace"}, {s.Delete, "delete"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d to %s", c.n, c.verb))
		}
	}
	out := "no changes"
	if len(parts) > 0 {
		out = strings.Join(parts, ", ")
	}
	if s.Blocked > 0 {
		out += fmt.Sprintf(" (%d blocked: apply will refuse them)", s.Blocked)
	}
	return out
}

// Symbol returns the action's symbol: + create, ~ update, - delete, -/+ replace, = no-op.
func Symbol(k plan.ActionKind) string {
	switch k.Effect() {
	case "create":
		return "+"
	case "update":
		return "~"
	case "delete":
		return "-"
	case "replace":
		return "-/+"
	}
	return "="
}
