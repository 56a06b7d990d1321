package render

import (
	"bufio"
	"io"
	"os"
)

// spool holds the part of a report that must be written after something known only
// at the end (JUnit's totals, SARIF's rule list, the GitHub job summary's counts) in a
// temporary file, so a report of any size costs no memory. Nothing is created until
// the first write.
type spool struct {
	f   *os.File
	w   *bufio.Writer
	err error
	n   int
}

// WriteString appends s.
func (s *spool) WriteString(str string) (int, error) { return s.Write([]byte(str)) }

// Write appends b.
func (s *spool) Write(b []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.f == nil {
		if s.f, s.err = os.CreateTemp("", "sagectl-report-*"); s.err != nil {
			return 0, s.err
		}
		_ = os.Remove(s.f.Name()) // unlinked at once: the open file is all that is needed
		s.w = bufio.NewWriterSize(s.f, 64<<10)
	}
	n, err := s.w.Write(b)
	s.n += n
	s.err = err
	return n, err
}

// copyTo writes everything spooled to w and releases the file.
func (s *spool) copyTo(w io.Writer) error {
	if s.err != nil || s.f == nil {
		return s.err
	}
	defer s.f.Close()
	if err := s.w.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f)
	return err
}
