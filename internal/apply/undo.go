package apply

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/sagectl/sagectl/internal/plan"
)

// Undo deletes what this apply created only for steps that then never touched their
// resource, so a refused or failed apply leaves no orphan: a model or endpoint config whose
// create step succeeded while every step that needed it (deletes aside) was skipped, not
// started, blocked, or refused before its first change (a conflict, a busy or unowned
// endpoint). It runs in reverse plan order, through the guard (owned, and in use by no
// endpoint or config), and returns an outcome per resource it deleted or failed to delete.
// A step that reached SageMaker (a failed or rolled-back deployment) keeps what it used,
// for diagnosis.
func (x *Executor) Undo(ctx context.Context, steps []Step, res *Result) []Outcome {
	if res.Interrupted {
		return nil
	}
	undone := map[int]bool{}
	var out []Outcome
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		create, ledger := createOf(s)
		if s.Action != plan.Create || res.Steps[i].State != Done || create == nil {
			continue
		}
		needed, used := false, false
		for j, d := range steps {
			if d.Action == plan.Delete || !slices.Contains(d.After, i) {
				continue
			}
			needed = true
			if o := res.Steps[j]; o.State == Done && !undone[j] || o.State != Done && touched(o) {
				used = true
			}
		}
		if !needed || used {
			continue
		}
		var err error
		c := context.WithoutCancel(ctx)
		switch in := create.(type) {
		case *sagemaker.CreateEndpointConfigInput:
			err = x.Guard.DeleteConfig(c, aws.ToString(in.EndpointConfigName))
		case *sagemaker.CreateModelInput:
			err = x.Guard.DeleteModel(c, aws.ToString(in.ModelName))
		}
		if err == nil {
			err = x.unrecord(c, ledger)
		}
		o := Outcome{Step: Step{Kind: s.Kind, Name: s.Name, Action: plan.Delete}, State: Done}
		if err != nil {
			o.State, o.Err = Failed, err
		} else {
			undone[i] = true
		}
		out = append(out, o)
	}
	return out
}

// createOf returns the model or endpoint config a create step makes, and the AddTags that
// record it in its endpoint's cleanup ledger first (plan/cleanup.go); nil when the step
// creates something else.
func createOf(s Step) (any, []*sagemaker.AddTagsInput) {
	var create any
	var ledger []*sagemaker.AddTagsInput
	for _, in := range s.Inputs {
		switch in := in.(type) {
		case *sagemaker.CreateEndpointConfigInput, *sagemaker.CreateModelInput:
			create = in
		case *sagemaker.AddTagsInput:
			ledger = append(ledger, in)
		default:
			return nil, nil
		}
	}
	return create, ledger
}

// unrecord removes the ledger entries a create step wrote, once Undo deleted what it made:
// nothing is left for the next plan to clean up.
func (x *Executor) unrecord(ctx context.Context, ledger []*sagemaker.AddTagsInput) error {
	for _, in := range ledger {
		keys := make([]string, len(in.Tags))
		for i, t := range in.Tags {
			keys[i] = aws.ToString(t.Key)
		}
		if !ledgerOnly(keys) {
			continue
		}
		if err := x.Guard.bookkeeping(ctx, in.ResourceArn); err != nil {
			return err
		}
		if _, err := x.API.DeleteTags(ctx, &sagemaker.DeleteTagsInput{ResourceArn: in.ResourceArn, TagKeys: keys}); err != nil {
			return fmt.Errorf("DeleteTags %s: removing the cleanup record of what was deleted: %w", aws.ToString(in.ResourceArn), err)
		}
	}
	return nil
}

// touched reports whether a step that did not succeed may have changed its resource.
func touched(o Outcome) bool {
	switch o.State {
	case Skipped, NotStarted:
		return false
	case Done:
		return true
	}
	if o.Step.Blocked != "" {
		return false
	}
	var e *Error
	if errors.As(o.Err, &e) {
		switch e.Kind {
		case KindConflict, KindBusy, KindNotOwned:
			return false
		}
	}
	return true
}

// WriteUndone prints what Undo deleted, and what it could not, after the summary.
func WriteUndone(w io.Writer, undone []Outcome) {
	if len(undone) == 0 {
		return
	}
	fmt.Fprintln(w, "\nCreated by this apply for steps that did not run, so deleted again:")
	for _, o := range undone {
		if o.Err != nil {
			fmt.Fprintf(w, "  not deleted %s %s: %v (run sagectl plan --prune to see it)\n", o.Step.Kind, o.Step.Name, o.Err)
			continue
		}
		fmt.Fprintf(w, "  deleted     %s %s\n", o.Step.Kind, o.Step.Name)
	}
}
