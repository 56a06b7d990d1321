package render

import (
	"io"

	"github.com/sagectl/sagectl/internal/plan"
)

// JSON writes the plan in the saved plan format (docs/plan.md): versioned, with the
// actions, their reasons, before/after and ordered API calls.
type JSON struct{}

// Render implements Renderer.
func (JSON) Render(w io.Writer, p *plan.Plan) error { return p.Write(w) }
