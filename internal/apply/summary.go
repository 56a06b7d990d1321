package apply

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aws/smithy-go"
)

// WriteSummary prints what an apply did: the count of steps per state, every step that did
// not succeed with its reason, then every SageMaker call made with its result, attempts and
// duration.
func WriteSummary(w io.Writer, res *Result, calls []CallRecord) {
	counts := map[State]int{}
	for _, o := range res.Steps {
		counts[o.State]++
	}
	var parts []string
	for _, s := range []State{Done, Failed, Skipped, Interrupted, NotStarted} {
		if counts[s] > 0 || s == Done {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	verdict := "Apply complete"
	switch {
	case res.Interrupted:
		verdict = "Apply interrupted"
	case !res.OK():
		verdict = "Apply failed"
	}
	fmt.Fprintf(w, "\n%s: %s.\n", verdict, strings.Join(parts, ", "))
	for _, o := range res.Steps {
		if o.State == Done {
			continue
		}
		reason := ""
		if o.Err != nil {
			reason = ": " + o.Err.Error()
		}
		fmt.Fprintf(w, "  %-11s %s%s\n", o.State, o.Step.String(), reason)
	}
	if !res.OK() {
		fmt.Fprintln(w, "Nothing is hidden: sagectl plan shows what is left, including the config a swap superseded and the configs and models created for a swap (their endpoint's sagectl:cleanup tags record them); apply again once the cause above is dealt with.")
	}
	fmt.Fprintf(w, "\nSageMaker calls (%d):\n", len(calls))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range calls {
		result := "ok"
		var ae smithy.APIError
		switch {
		case c.Err == nil:
		case IsNotFound(c.Err):
			result = "not found"
		case errors.As(c.Err, &ae):
			result = ae.ErrorCode() + ": " + firstLine(ae.ErrorMessage())
		default:
			result = "error: " + firstLine(c.Err.Error())
		}
		attempts := ""
		if c.Attempts > 1 {
			attempts = fmt.Sprintf("%d attempts", c.Attempts)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", c.Operation, c.Target, c.Duration.Round(time.Millisecond), attempts, result)
	}
	tw.Flush()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
