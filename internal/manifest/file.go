package manifest

import (
	"bytes"
	"unicode/utf8"
)

// File is a manifest file's bytes with a line index, so findings can show the source line.
type File struct {
	// Path is the path as the user gave it, or "-" for standard input.
	Path string
	// Data is the file content.
	Data  []byte
	lines []int // byte offset where each line starts
}

// NewFile wraps data read from path.
func NewFile(path string, data []byte) *File {
	f := &File{Path: path, Data: data, lines: []int{0}}
	for i, b := range data {
		// YAML breaks lines at LF, CRLF and a lone CR.
		if b == '\n' || (b == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Line returns line n (1-based) without its line ending, or "" when out of range.
func (f *File) Line(n int) string {
	if f == nil || n < 1 || n > len(f.lines) {
		return ""
	}
	start := f.lines[n-1]
	end := len(f.Data)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end < start {
		return ""
	}
	return string(bytes.TrimRight(f.Data[start:end], "\r\n"))
}

// Lines returns the number of lines.
func (f *File) Lines() int { return len(f.lines) }

// Position returns the 1-based line and rune column of byte offset off.
func (f *File) Position(off int) (line, col int) {
	lo, hi := 0, len(f.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := f.lines[lo]
	if off > len(f.Data) {
		off = len(f.Data)
	}
	return lo + 1, utf8.RuneCount(f.Data[start:off]) + 1
}
