package render

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/plan"
)

// CallLabel names a call in a plan's list of API calls: its operation, and for a smoke
// test what it sends, what it expects and where a failure switches the endpoint back to.
func CallLabel(c plan.Call) string {
	t, ok := c.Request().(*plan.SmokeTest)
	if !ok {
		return c.Operation
	}
	want := []string{fmt.Sprintf("status %d", t.Expect.Status)}
	if t.Expect.Contains != "" {
		want = append(want, fmt.Sprintf("a body containing %q", t.Expect.Contains))
	}
	if t.Expect.JSONPath != "" && t.Expect.Equals != nil {
		want = append(want, fmt.Sprintf("%s = %q", t.Expect.JSONPath, *t.Expect.Equals))
	} else if t.Expect.JSONPath != "" {
		want = append(want, t.Expect.JSONPath)
	}
	s := fmt.Sprintf("%s %s: InvokeEndpoint (%d bytes), expect %s, up to %d attempts", c.Operation, t.SmokeTestName, len(t.Body),
		strings.Join(want, ", "), t.Attempts)
	if t.RollbackTo != "" {
		s += "; on failure back to " + t.RollbackTo
	}
	return s
}
