package lint

import (
	"fmt"
	"hash/maphash"
	"runtime"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// TestNameIndexGrowsOutsideHeap fills a table past two growths outside the heap and
// checks every name is found with its first file, folded names too, and that names
// never added are not; then drops the index so its mapping is released.
func TestNameIndexGrowsOutsideHeap(t *testing.T) {
	const n = 5 * outsideHeapMin
	ix := newNameIndex(nil, nil)
	for i := range n {
		ix.add(manifest.KindEndpointConfig, fmt.Sprintf("cfg-%d", i), int32(i))
		ix.add(manifest.KindEndpointConfig, fmt.Sprintf("cfg-%d", i), int32(n+i)) // a later file: not the first
		ix.add(manifest.KindEndpoint, fmt.Sprintf("Ep-%d", i), int32(i))
	}
	ix.seal()
	if outside := (ix.exactMem != nil); outside != (runtime.GOOS == "linux" || runtime.GOOS == "darwin") {
		t.Fatalf("table outside the heap = %v on %s", outside, runtime.GOOS)
	}
	if len(ix.exact) != 2*n || len(ix.folded) != n {
		t.Fatalf("sealed tables hold %d exact and %d folded names, want %d and %d", len(ix.exact), len(ix.folded), 2*n, n)
	}
	for i := range n {
		if !ix.has(manifest.KindEndpointConfig, fmt.Sprintf("cfg-%d", i)) || !ix.has(manifest.KindEndpoint, fmt.Sprintf("Ep-%d", i)) {
			t.Fatalf("name %d not found", i)
		}
		if f, ok := ix.exact.lookup(kindIndex(manifest.KindEndpointConfig), maphash.String(ix.seed, fmt.Sprintf("cfg-%d", i))); !ok || f != int32(i) {
			t.Fatalf("cfg-%d: file %d, %v; want the first file, %d", i, f, ok, i)
		}
		if f, ok := ix.folded.lookup(kindIndex(manifest.KindEndpoint), maphash.String(ix.seed, manifest.NameKey(fmt.Sprintf("Ep-%d", i)))); !ok || f != int32(i) {
			t.Fatalf("folded ep-%d: file %d, %v; want %d", i, f, ok, i)
		}
	}
	for _, absent := range []string{"cfg--1", fmt.Sprintf("cfg-%d", n), "Ep-0x"} {
		if ix.has(manifest.KindEndpointConfig, absent) || ix.has(manifest.KindModel, "cfg-0") {
			t.Fatalf("%q or a Model cfg-0 found, never added", absent)
		}
	}
	runtime.GC() // ix is unreachable: the cleanup unmaps its tables; a use after it would fault
	runtime.GC()
}
