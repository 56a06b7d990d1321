package schema

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// pattern is a regular expression compiled on first use: most patterns never meet a
// value in a given run.
type pattern struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
	err  error
}

// match reports whether s matches; the error is a pattern that does not compile.
func (p *pattern) match(s string) (bool, error) {
	p.once.Do(func() { p.re, p.err = compilePattern(p.src) })
	if p.err != nil {
		return false, fmt.Errorf("pattern %q: %w", p.src, p.err)
	}
	return p.re.MatchString(s), nil
}

// compilePattern compiles src behind an empty capturing group, which changes neither
// what it matches nor whether it compiles (unless src starts with a repetition
// operator, which would then repeat the group: such a src is compiled as it is).
// A program that starts with a capture is not one-pass, so regexp skips building a
// one-pass matcher, which for an anchored pattern with a counted repeat (names:
// "^(?:[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$") costs three times the rest of the
// compilation, to gain nothing on values this short.
func compilePattern(src string) (*regexp.Regexp, error) {
	if src == "" || strings.ContainsRune("*+?{", rune(src[0])) {
		return regexp.Compile(src)
	}
	return regexp.Compile("()" + src)
}
