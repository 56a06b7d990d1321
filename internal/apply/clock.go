package apply

import (
	"context"
	"time"
)

// Clock is the time source of waits and summaries; tests use a fake one and never sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, returning ctx.Err() in that case.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Backoff is a capped exponential polling schedule: Start, then ×Factor each poll, never
// above Cap. The cap bounds how late a wait notices a state change.
type Backoff struct {
	Start, Cap time.Duration
	Factor     float64
}

// Next returns the delay that follows prev (0 means first poll).
func (b Backoff) Next(prev time.Duration) time.Duration {
	if prev <= 0 {
		return b.clamp(b.Start)
	}
	f := b.Factor
	if f < 1 {
		f = 1
	}
	return b.clamp(time.Duration(float64(prev) * f))
}

func (b Backoff) clamp(d time.Duration) time.Duration {
	if d <= 0 {
		d = time.Millisecond
	}
	if b.Cap > 0 && d > b.Cap {
		return b.Cap
	}
	return d
}
