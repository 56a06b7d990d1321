//go:build !linux && !darwin

package lint

// outsideHeap has no mapping outside the heap on this system: the table stays on the
// collected heap (ok false).
func outsideHeap(int) (nameTable, func(), bool) { return nil, nil, false }
