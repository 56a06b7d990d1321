package lintcmd

import (
	"runtime/debug"
	"testing"
)

// TestKeepSlack: once TuneGC owns the collector, the target drops as the kept bytes grow
// (to about 138 for the 1.8 MB the index of 100,000 manifests keeps); without it, it is
// left as it is.
func TestKeepSlack(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before); tuned.Store(false) })

	keepSlack(2 << 20)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("without TuneGC the target moved to %d", got)
	}
	tuned.Store(true)
	keepSlack(0)
	if got := debug.SetGCPercent(GCPercent); got != 100 {
		t.Fatalf("nothing kept: target %d, want it unchanged", got)
	}
	keepSlack(1800 << 10)
	if got := debug.SetGCPercent(GCPercent); got < 130 || got > 145 {
		t.Fatalf("1.8 MB kept: target %d, want about 138", got)
	}
	keepSlack(100 << 10)
	if got := debug.SetGCPercent(GCPercent); got < 190 || got >= GCPercent {
		t.Fatalf("100 KB kept: target %d, want just under %d", got, GCPercent)
	}
}
