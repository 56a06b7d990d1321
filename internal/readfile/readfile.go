// Package readfile reads input files the way every sagectl reader must: only regular
// files (a FIFO, device or socket is refused before a byte is read, so `apply /dev/zero`
// or a named pipe in a walked folder cannot hang or flood sagectl), and at most a bound.
package readfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular says a path is not a regular file (a directory, FIFO, device or socket).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge says a file is larger than the bound its reader accepts.
var ErrTooLarge = errors.New("file too large")

// Open opens path for reading if it is a regular file (symbolic links followed). The
// open does not block on a FIFO, and the type is checked on the opened file, so what is
// read is what was checked. The error wraps ErrNotRegular and names the file's type.
func Open(path string) (*os.File, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, notRegular(path, st.Mode()) // a socket cannot even be opened
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() { // replaced since the first look
		f.Close()
		return nil, notRegular(path, st.Mode())
	}
	return f, nil
}

func notRegular(path string, m fs.FileMode) error {
	return fmt.Errorf("%s is %s, %w: sagectl reads only regular files", path, TypeName(m), ErrNotRegular)
}

// Read reads the regular file path whole, refusing it (ErrTooLarge) when it holds more
// than max bytes; at most max+1 bytes are read either way.
func Read(path string, max int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(path, f, max)
}

// ReadAll reads r whole, at most max+1 bytes, and refuses more than max (ErrTooLarge,
// naming path and the bound in MiB).
func ReadAll(path string, r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: larger than %d MiB: %w", path, max>>20, ErrTooLarge)
	}
	return data, nil
}

// TypeName names the type of a file that is not regular: "a directory", "a named pipe
// (FIFO)", "a device", "a socket", ...
func TypeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}
