package emulator

import (
	"sync"
	"time"
)

// Clock is the emulator's time: endpoint transitions, stale-read windows, rate limits and
// latency all run on it, so tests move time forward instead of sleeping.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep waits for d; a fake clock advances by d instead.
	Sleep(d time.Duration)
}

// WallClock is the real time.
type WallClock struct{}

// Now returns time.Now().
func (WallClock) Now() time.Time { return time.Now() }

// Sleep calls time.Sleep.
func (WallClock) Sleep(d time.Duration) { time.Sleep(d) }

// FakeClock is a clock that only moves when told to. It is safe for concurrent use.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a FakeClock set to start.
func NewFakeClock(start time.Time) *FakeClock { return &FakeClock{now: start} }

// Now returns the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Sleep advances the clock by d without blocking.
func (c *FakeClock) Sleep(d time.Duration) { c.Advance(d) }
