// Package fanout runs independent pieces of work on all CPUs.
package fanout

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i in [0, n) on up to GOMAXPROCS goroutines (at most one
// per minBatch items, so small inputs stay on the calling goroutine) and returns when
// all calls have returned. fn must be safe to call concurrently for different i.
func Each(n, minBatch int, fn func(i int)) {
	Limit(n, min(runtime.GOMAXPROCS(0), n/max(minBatch, 1)+1), fn)
}

// Limit calls fn(i) for every i in [0, n), in index order, on up to workers goroutines
// (API reads bounded by --concurrency, say, rather than by the CPUs) and returns when all
// calls have returned. fn must be safe to call concurrently for different i.
func Limit(n, workers int, fn func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
