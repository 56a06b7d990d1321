package lint

import (
	"fmt"
	"hash/maphash"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
)

// TestNameTableAcrossChunks: names added over several chunks are all found after seal, a
// repeated name keeps its first file, and the same name of another kind is another entry.
func TestNameTableAcrossChunks(t *testing.T) {
	ix := newNameIndex(nil, nil)
	const n = 3*chunkLen + 17
	for i := range n {
		ix.add(manifest.KindModel, fmt.Sprintf("model-%d", i), int32(i+1))
	}
	ix.add(manifest.KindModel, "model-5", 999999)    // a later file defines it again
	ix.add(manifest.KindEndpoint, "model-5", 424242) // another kind
	ix.add(manifest.KindModel, "Upper-Case", 7)
	ix.seal()
	if ix.exact.chunks != nil || len(ix.exact.entries) != n+2 {
		t.Fatalf("sealed table: %d chunks, %d entries, want none and %d", len(ix.exact.chunks), len(ix.exact.entries), n+2)
	}
	for _, i := range []int{0, chunkLen - 1, chunkLen, n - 1} {
		file, ok := ix.exact.lookup(kindIndex(manifest.KindModel), maphash.String(ix.seed, fmt.Sprintf("model-%d", i)))
		if !ok || file != int32(i+1) {
			t.Errorf("model-%d: file %d, %v; want %d", i, file, ok, i+1)
		}
	}
	if file, _ := ix.exact.lookup(kindIndex(manifest.KindModel), maphash.String(ix.seed, "model-5")); file != 6 {
		t.Errorf("repeated name: file %d, want the first, 6", file)
	}
	if file, _ := ix.exact.lookup(kindIndex(manifest.KindEndpoint), maphash.String(ix.seed, "model-5")); file != 424242 {
		t.Errorf("endpoint model-5: file %d, want 424242", file)
	}
	if !ix.has(manifest.KindModel, "Upper-Case") || ix.has(manifest.KindModel, "upper-case") || ix.has(manifest.KindEndpointConfig, "model-1") {
		t.Error("has: wrong answer for an exact name, its folded form, or another kind")
	}
	if file, ok := ix.folded.lookup(kindIndex(manifest.KindModel), maphash.String(ix.seed, manifest.NameKey("Upper-Case"))); !ok || file != 7 {
		t.Errorf("folded Upper-Case: file %d, %v; want 7", file, ok)
	}
}
