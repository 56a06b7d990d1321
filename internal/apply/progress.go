package apply

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"time"
)

// Status is one observation of an endpoint during a wait.
type Status struct {
	Endpoint string
	Status   string
	Elapsed  time.Duration
	// Pending summarises PendingDeploymentSummary, empty when there is none.
	Pending string
}

// Progress shows endpoint waits as they happen. Implementations are safe for concurrent use.
type Progress interface {
	Update(Status)
	// Done says the wait on endpoint ended.
	Done(endpoint string)
	// Print writes a line of its own, such as a step's result, above any live lines.
	Print(line string)
}

// nopProgress discards everything: the progress of an Executor or Waiter given none.
type nopProgress struct{}

func (nopProgress) Update(Status) {}
func (nopProgress) Done(string)   {}
func (nopProgress) Print(string)  {}

// NewProgress returns live progress lines for a terminal, or plain lines for logs and CI.
func NewProgress(w io.Writer, terminal bool) Progress {
	if terminal {
		return &liveProgress{w: w, last: map[string]Status{}}
	}
	return &plainProgress{w: w, last: map[string]string{}}
}

func (s Status) line() string {
	l := fmt.Sprintf("%s: %s (%s)", s.Endpoint, s.Status, s.Elapsed.Truncate(time.Second))
	if s.Pending != "" {
		l += " " + s.Pending
	}
	return l
}

// plainProgress prints one line per change of status or pending deployment.
type plainProgress struct {
	mu   sync.Mutex
	w    io.Writer
	last map[string]string
}

// Update prints s when its status or pending deployment differs from the last one printed.
func (p *plainProgress) Update(s Status) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := s.Status + "|" + s.Pending
	if p.last[s.Endpoint] == key {
		return
	}
	p.last[s.Endpoint] = key
	fmt.Fprintln(p.w, s.line())
}

// Print prints line.
func (p *plainProgress) Print(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, line)
}

// Done forgets the endpoint, so a later wait on it prints its first status again.
func (p *plainProgress) Done(endpoint string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.last, endpoint)
}

// liveProgress keeps one line per endpoint being waited on and redraws them in place.
type liveProgress struct {
	mu    sync.Mutex
	w     io.Writer
	last  map[string]Status
	drawn int // lines on screen from the previous redraw
}

// Update redraws the block with s as its endpoint's line.
func (p *liveProgress) Update(s Status) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last[s.Endpoint] = s
	p.redraw("")
}

// Done prints the endpoint's final line above the live block and drops it from the block.
func (p *liveProgress) Done(endpoint string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, ok := p.last[endpoint]
	if !ok {
		return
	}
	delete(p.last, endpoint)
	p.redraw(s.line())
}

// Print prints line above the live block.
func (p *liveProgress) Print(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.redraw(line)
}

func (p *liveProgress) redraw(final string) {
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\x1b[%dA", p.drawn) // back to the top of the block
	}
	if final != "" {
		fmt.Fprintf(p.w, "\r\x1b[K%s\n", final)
	}
	names := make([]string, 0, len(p.last))
	for n := range p.last {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(p.w, "\r\x1b[K%s\n", p.last[n].line())
	}
	fmt.Fprint(p.w, "\x1b[J") // clear what a longer block left below
	p.drawn = len(names)
}
