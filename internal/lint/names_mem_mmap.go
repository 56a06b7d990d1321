//go:build linux || darwin

package lint

import (
	"syscall"
	"unsafe"
)

// outsideHeap returns a table of n entries in memory mapped outside the collected
// heap, and the function that unmaps it; ok is false when the mapping fails.
func outsideHeap(n int) (t nameTable, release func(), ok bool) {
	mem, err := syscall.Mmap(-1, 0, n*int(unsafe.Sizeof(nameEntry{})), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil, nil, false
	}
	return unsafe.Slice((*nameEntry)(unsafe.Pointer(&mem[0])), n), func() { _ = syscall.Munmap(mem) }, true
}
