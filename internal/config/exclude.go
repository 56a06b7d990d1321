package config

import (
	"path"
	"path/filepath"
	"strings"
)

// Exclude is a list of path patterns anchored at a directory.
//
// A pattern without a slash matches any one path element, so "broken" excludes every
// file or directory named broken and "*.draft.yaml" every such file. A pattern with a
// slash is matched element by element from Dir with path.Match; "**" matches any
// number of elements. A pattern that matches a directory excludes everything in it.
type Exclude struct {
	// Dir is the directory anchored patterns are relative to (the config file's
	// directory, or the working directory for --exclude).
	Dir string
	// Patterns are the patterns, slash-separated.
	Patterns []string
}

// Match reports whether the file at p (as walked: relative to the working directory,
// or absolute) is excluded. Standard input ("-") never is.
func (e Exclude) Match(p string) bool {
	if p == "-" || len(e.Patterns) == 0 {
		return false
	}
	rel := filepath.ToSlash(filepath.Clean(p))
	if abs, err := filepath.Abs(p); err == nil && e.Dir != "" {
		if r, err := filepath.Rel(e.Dir, abs); err == nil {
			rel = filepath.ToSlash(r)
		}
	}
	elems := strings.Split(rel, "/")
	for _, pat := range e.Patterns {
		if matchPattern(cleanPattern(pat), elems) {
			return true
		}
	}
	return false
}

func cleanPattern(p string) string {
	p = strings.TrimPrefix(filepath.ToSlash(p), "./")
	return strings.TrimSuffix(p, "/")
}

// matchPattern matches a cleaned pattern against the elements of a path.
func matchPattern(pat string, elems []string) bool {
	if !strings.Contains(pat, "/") {
		for _, e := range elems {
			if ok, _ := path.Match(pat, e); ok {
				return true
			}
		}
		return false
	}
	return matchPrefix(strings.Split(strings.TrimPrefix(pat, "/"), "/"), elems)
}

// matchPrefix reports whether pattern elements pe match a leading part of elems.
func matchPrefix(pe, elems []string) bool {
	if len(pe) == 0 {
		return true
	}
	if pe[0] == "**" {
		for i := 0; i <= len(elems); i++ {
			if matchPrefix(pe[1:], elems[i:]) {
				return true
			}
		}
		return false
	}
	if len(elems) == 0 {
		return false
	}
	ok, _ := path.Match(pe[0], elems[0])
	return ok && matchPrefix(pe[1:], elems[1:])
}

// validPattern reports whether every element of p is a valid path.Match pattern.
func validPattern(p string) bool {
	for _, e := range strings.Split(cleanPattern(p), "/") {
		if _, err := path.Match(e, ""); err != nil {
			return false
		}
	}
	return true
}
