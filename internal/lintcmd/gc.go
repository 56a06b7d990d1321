package lintcmd

import (
	"os"
	"runtime/debug"
	"sync/atomic"
)

// GCPercent is the garbage collector's target TuneGC sets (GOGC overrides it). A streamed
// lint keeps a live heap of a few MB whatever the corpus, so collecting at three times the
// live heap instead of twice costs about 5 MB and saves a quarter of the CPU time on the
// 10,000-document corpus (docs/benchmarks.md).
const GCPercent = 200

// gcWork stands for the live heap of a streamed lint's per-file work, the part that
// turns over: 4 MB, the runtime's minimum heap at GOGC=100. Measured at 100,000 manifests
// (docs/benchmarks.md): 6 MB saves 3% of the wall time for 1 MB more resident, a margin
// under the 1.3 × 10k target halved.
const gcWork = 4 << 20

// tuned is true once TuneGC set GCPercent: the process's collector is sagectl's to size.
var tuned atomic.Bool

// TuneGC sets the collector's target to GCPercent unless GOGC is set. The sagectl binary
// calls it first thing.
func TuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(GCPercent)
	tuned.Store(true)
}

// keepSlack sizes the collector's slack to the per-file work once a streamed lint knows
// the bytes it keeps to its end (lint.Input.Indexed): the collector lets the heap grow by
// GCPercent of all that is live, and the name index of 100,000 manifests, which is never
// garbage, would otherwise triple in resident memory. The target is lowered so the slack
// stays about what GCPercent gives the per-file work alone (docs/benchmarks.md); without
// TuneGC (GOGC set, tests) it is left alone.
func keepSlack(kept int) {
	if !tuned.Load() || kept <= 0 {
		return
	}
	debug.SetGCPercent(GCPercent * gcWork / (gcWork + kept))
}
