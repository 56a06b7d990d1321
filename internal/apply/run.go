package apply

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// State is how a step ended.
type State string

// The step states.
const (
	Done        State = "done"
	Failed      State = "failed"
	Skipped     State = "skipped"     // a step it depends on did not succeed
	Interrupted State = "interrupted" // stopped part-way (Ctrl-C)
	NotStarted  State = "not started" // apply was interrupted before it began
)

var pastTense = map[State]string{Failed: "failed", Skipped: "was skipped", Interrupted: "was interrupted", NotStarted: "was not started"}

// Outcome is what happened to one step.
type Outcome struct {
	Step     Step
	State    State
	Err      error // why it failed, was skipped or was interrupted
	Duration time.Duration
}

// Result is what an apply did: every step's outcome, in plan order.
type Result struct {
	Steps []Outcome
	// Interrupted is true when the context was cancelled during the run.
	Interrupted bool
}

// OK reports whether every step succeeded.
func (r *Result) OK() bool {
	for _, o := range r.Steps {
		if o.State != Done {
			return false
		}
	}
	return !r.Interrupted
}

// Executor runs steps against SageMaker.
type Executor struct {
	API API
	// Autoscaling is the Application Auto Scaling client for the plan's scalable targets
	// and scaling policies (autoscaling.go); nil refuses their calls.
	Autoscaling AutoscalingAPI
	// Runtime is the SageMaker Runtime client of smoke tests (smoke.go); nil fails them.
	Runtime RuntimeAPI
	Clock   Clock
	Waiter  *Waiter
	Guard   *Guard
	// Parallelism bounds how many steps do work at once (at least 1). A step waiting for an
	// endpoint gives its slot up while it sleeps between polls, so long deployments overlap.
	Parallelism int
	// Progress receives a line per finished step.
	Progress Progress
	// Expect, when set, refuses each mutating endpoint call when the endpoint moved since
	// the plan (conflict.go); nil checks nothing.
	Expect *Expectations
}

// Run executes steps in plan order, starting each as soon as the steps it depends on have
// succeeded (Step.After), at most Parallelism working at a time: independent endpoints
// deploy in parallel, each resource strictly serially. A step whose dependency did not
// succeed is skipped. When ctx is cancelled no new step starts, calls in flight finish, waits stop, and
// the steps never begun are reported NotStarted.
func (x *Executor) Run(ctx context.Context, steps []Step) *Result {
	res := &Result{Steps: make([]Outcome, len(steps))}
	state := make([]State, len(steps)) // "" pending, "running", or final
	type finished struct {
		i int
		o Outcome
	}
	done := make(chan finished)
	running := 0
	slots := make(chan struct{}, max(1, x.Parallelism))
	halt := &stopper{ch: make(chan struct{})}
	for {
		if ctx.Err() != nil {
			res.Interrupted = true
		}
		for i := range steps {
			if state[i] != "" || res.Interrupted || halt.stopped() {
				continue
			}
			ready, blocker := true, -1
			for _, d := range steps[i].After {
				switch state[d] {
				case Done:
				case "", "running":
					ready = false
				default:
					blocker = d
				}
			}
			if blocker >= 0 {
				state[i] = Skipped
				res.Steps[i] = Outcome{Step: steps[i], State: Skipped,
					Err: fmt.Errorf("not run: it needs %q, which %s", steps[blocker].String(), pastTense[state[blocker]])}
				x.print(res.Steps[i])
				continue
			}
			if !ready {
				continue
			}
			slots <- struct{}{} // in plan order: with Parallelism 1, steps run exactly in order
			if halt.stopped() {
				<-slots
				break
			}
			state[i] = "running"
			running++
			go func(i int) { done <- finished{i, x.runStep(ctx, steps[i], slots, halt)} }(i)
		}
		if running == 0 {
			break
		}
		f := <-done // a cancelled ctx is noticed at the top of the loop
		running--
		state[f.i], res.Steps[f.i] = f.o.State, f.o
		x.print(f.o)
	}
	for i := range steps {
		if state[i] == "" || state[i] == NotStarted {
			res.Steps[i] = Outcome{Step: steps[i], State: NotStarted, Err: halt.err}
		}
	}
	return res
}

// stopper is the hard stop of a run: once stopped, no step starts.
type stopper struct {
	once sync.Once
	ch   chan struct{}
	err  error // why, read only after the run's steps have ended
}

func (s *stopper) stop(err error) { s.once.Do(func() { s.err = err; close(s.ch) }) }

func (s *stopper) stopped() bool {
	select {
	case <-s.ch:
		return true
	default:
		return false
	}
}

// runStep runs one step's calls in order, stopping at the first failure. It starts holding
// one of slots, gives it up while its waits sleep, and releases it when done. A hard stop (see
// KindHardStop) stops halt before the slot is released, so no other step starts after it.
func (x *Executor) runStep(ctx context.Context, s Step, slots chan struct{}, halt *stopper) Outcome {
	o := Outcome{Step: s, State: Done}
	defer func() { <-slots }()
	if ctx.Err() != nil {
		o.State = NotStarted
		return o
	}
	start := x.Clock.Now()
	w := *x.Waiter
	w.Clock = slotClock{Clock: x.Waiter.Clock, slots: slots}
	if s.Blocked != "" {
		o.State, o.Err = Failed, fmt.Errorf("%s %q: not touched: %s", s.Kind, s.Name, s.Blocked)
		return o
	}
	for i, in := range s.Inputs {
		if i > 0 && ctx.Err() != nil {
			o.State, o.Err = Interrupted, fmt.Errorf("interrupted after %d of %d calls; sagectl plan shows what is left", i, len(s.Inputs))
			o.Err = withRestore(o.Err, x.restoreAutoscaling(ctx, &w, s, i))
			break
		}
		if err := x.call(ctx, &w, in); err != nil {
			o.State, o.Err = Failed, err
			if e := (*Error)(nil); errors.As(err, &e) && e.Kind == KindInterrupted {
				o.State = Interrupted
			} else if errors.As(err, &e) && e.Kind == KindHardStop {
				halt.stop(fmt.Errorf("apply stopped after %s %q went %s", e.Resource, e.Name, e.Status))
			}
			o.Err = withRestore(o.Err, x.restoreAutoscaling(ctx, &w, s, i))
			break
		}
	}
	o.Duration = x.Clock.Now().Sub(start)
	return o
}

// slotClock gives up a step's slot while it sleeps.
type slotClock struct {
	Clock
	slots chan struct{}
}

// Sleep releases the slot for the sleep and takes one again before returning.
func (c slotClock) Sleep(ctx context.Context, d time.Duration) error {
	<-c.slots
	defer func() { c.slots <- struct{}{} }()
	return c.Clock.Sleep(ctx, d)
}

func (x *Executor) print(o Outcome) {
	if x.Progress == nil {
		return
	}
	line := fmt.Sprintf("%-11s %s", o.State, o.Step.String())
	if o.Duration > 0 {
		line += fmt.Sprintf(" (%s)", o.Duration.Round(time.Millisecond))
	}
	if o.Err != nil {
		line += ": " + o.Err.Error()
	}
	x.Progress.Print(line)
}
