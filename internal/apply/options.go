package apply

import "time"

// Options tune an apply; the zero value gives the production defaults.
type Options struct {
	// Parallelism bounds how many steps run at once; default 10.
	Parallelism int
	// WaitTimeout bounds each endpoint wait; default 60 minutes.
	WaitTimeout time.Duration
	// PollMax caps the endpoint polling interval, so a wait ends at most PollMax after the
	// endpoint settles; default 30 s. Polls start at 1 s (or PollMax if smaller) and double.
	PollMax time.Duration
	// KeepLast keeps that many superseded configs per logical config as rollback targets.
	KeepLast int
	// Project is the project of the plan (plan.Saved.Project): creates are tagged with it,
	// and only resources plan.OwnerOf calls plan.OwnerUs are changed or deleted.
	Project string
}

// Defaults for Options.
const (
	DefaultParallelism = 10
	DefaultWaitTimeout = 60 * time.Minute
	DefaultPollMax     = 30 * time.Second
	// visibleTimeout bounds read-after-write waits (eventual consistency after a create).
	visibleTimeout = 2 * time.Minute
)

// New returns an executor calling api, timing waits with clock and reporting to progress.
func New(api API, clock Clock, progress Progress, o Options) *Executor {
	if o.Parallelism <= 0 {
		o.Parallelism = DefaultParallelism
	}
	if o.WaitTimeout <= 0 {
		o.WaitTimeout = DefaultWaitTimeout
	}
	if o.PollMax <= 0 {
		o.PollMax = DefaultPollMax
	}
	if progress == nil {
		progress = nopProgress{}
	}
	w := &Waiter{API: api, Clock: clock, Progress: progress,
		Poll:    Backoff{Start: time.Second, Cap: o.PollMax, Factor: 2},
		Visible: Backoff{Start: min(500*time.Millisecond, o.PollMax), Cap: min(5*time.Second, o.PollMax), Factor: 2},
		Timeout: o.WaitTimeout, VisibleTimeout: visibleTimeout}
	g := &Guard{API: api, KeepLast: o.KeepLast, Note: progress.Print, Project: o.Project}
	return &Executor{API: api, Clock: clock, Waiter: w, Guard: g, Parallelism: o.Parallelism, Progress: progress}
}
