package lintcmd

import "runtime/debug"

// Commit is the git commit the binary was built from, set at build time with
// -ldflags "-X github.com/sagectl/sagectl/internal/lintcmd.Commit=..." (scripts/release.sh
// does); when unset, the vcs.revision Go records in a build from a git checkout is used.
var Commit = ""

// versionLine is what --version prints after "sagectl version ": the version and the
// commit, e.g. "v0.4.0 (commit 1a2b3c4d5e6f)".
func versionLine() string {
	return Version + " (commit " + commit() + ")"
}

// commit is Commit, else the build's vcs.revision (a "+dirty" suffix when the work tree
// had changes), else "unknown".
func commit() string {
	if Commit != "" {
		return Commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if dirty {
		rev += "+dirty"
	}
	return rev
}
