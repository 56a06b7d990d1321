package fanout

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		counts := make([]atomic.Int32, n)
		Each(n, 1, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

// TestLimitBoundsTheCallsInFlight: Limit never runs more than workers calls at once, and
// calls every index once.
func TestLimitBoundsTheCallsInFlight(t *testing.T) {
	var inFlight, most atomic.Int32
	counts := make([]atomic.Int32, 200)
	Limit(len(counts), 3, func(i int) {
		n := inFlight.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		counts[i].Add(1)
		for range 1000 { // give the others time to overlap
			_ = inFlight.Load()
		}
		inFlight.Add(-1)
	})
	if m := most.Load(); m > 3 || m < 1 {
		t.Errorf("%d calls in flight at most, want 1 to 3", m)
	}
	for i := range counts {
		if c := counts[i].Load(); c != 1 {
			t.Fatalf("index %d called %d times", i, c)
		}
	}
}
