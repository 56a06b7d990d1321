package lint

import (
	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// minParallel is the document count per worker below which starting workers costs
// more than it saves.
const minParallel = 64

// checkAll runs the rules over every document on all CPUs. Results are gathered per
// document and concatenated in document order, so output does not depend on scheduling.
func checkAll(set *manifest.Set, ctx *manifest.Index, rules []Rule) []finding.Finding {
	per := make([][]finding.Finding, len(set.Docs))
	fanout.Each(len(set.Docs), minParallel, func(i int) {
		per[i] = checkDocument(set.Docs[i], set, ctx, rules)
	})
	var out []finding.Finding
	for _, fs := range per {
		out = append(out, fs...)
	}
	return out
}

// ordered calls work(i) for every i in [0, n) on up to workers goroutines and emit
// with each result in index order, as soon as it and those before it are done. At most
// 2 × workers results wait for their turn, so memory is bounded whatever n. The first
// error from emit stops the work not yet started and is returned.
func ordered[T any](n, workers int, work func(i int) T, emit func(T) error) error {
	workers = max(workers, 1)
	slots := make(chan chan T, 2*workers)
	sem := make(chan struct{}, workers)
	stop := make(chan struct{})
	go func() {
		defer close(slots)
		for i := 0; i < n; i++ {
			select {
			case sem <- struct{}{}:
			case <-stop:
				return
			}
			ch := make(chan T, 1)
			go func() {
				ch <- work(i)
				<-sem
			}()
			select {
			case slots <- ch:
			case <-stop:
				return
			}
		}
	}()
	var err error
	for ch := range slots {
		v := <-ch
		if err != nil {
			continue
		}
		if err = emit(v); err != nil {
			close(stop)
		}
	}
	return err
}
