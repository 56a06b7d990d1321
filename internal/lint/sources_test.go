package lint_test

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/lint"
)

// httpsURL finds the https URLs in a source item.
var httpsURL = regexp.MustCompile(`https://[^\s<>()"]+`)

// TestSourcesArePublicURLs: every rule's Source is a list of items, each citing a page
// anyone can open by its https URL.
func TestSourcesArePublicURLs(t *testing.T) {
	for _, r := range lint.Registry() {
		i := r.Info()
		items := i.Sources()
		if len(items) == 0 {
			t.Errorf("%s: no Source", i.ID)
		}
		for _, item := range items {
			u := httpsURL.FindString(item)
			if u == "" {
				t.Errorf("%s: source %q has no https URL", i.ID, item)
				continue
			}
			if p, err := url.Parse(u); err != nil || !strings.Contains(p.Host, ".") {
				t.Errorf("%s: source %q: %q is not a URL of a public host", i.ID, item, u)
			}
			if strings.TrimSpace(strings.Replace(item, u, "", 1)) == "" {
				t.Errorf("%s: source %q does not say what it cites", i.ID, item)
			}
		}
	}
}

// privateRefs are references to files that are not in the repository: working notes
// of the project's authors and paths on a development machine. Each is spelled in two
// parts so that this file does not name them.
var privateRefs = []string{
	"sagemaker" + "-facts", "sagemaker" + "-constraints", "deploy" + "-pitfalls", "lint-output" + "-notes", "shared" + "/", "/" + "work/",
}

// TestNoPrivateReferences: no file of the repository (as git tracks it) cites a file
// that is not in the repository, so every source a reader meets can be followed.
func TestNoPrivateReferences(t *testing.T) {
	root, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	dir := strings.TrimSpace(string(root))
	out, err := exec.Command("git", "-C", dir, "ls-files", "-z").Output()
	if err != nil {
		t.Fatal(err)
	}
	self, err := filepath.Abs("sources_test.go")
	if err != nil {
		t.Fatal(err)
	}
	files := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(files) < 100 {
		t.Fatalf("git ls-files lists only %d files", len(files))
	}
	for _, f := range files {
		p := filepath.Join(dir, f)
		if p == self {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree, not yet committed
			}
			t.Fatal(err)
		}
		if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
			continue // binary
		}
		for n, line := range strings.Split(string(data), "\n") {
			for _, ref := range privateRefs {
				if strings.Contains(line, ref) {
					t.Errorf("%s:%d refers to %q, which is not in the repository: cite a public URL instead", f, n+1, ref)
				}
			}
		}
	}
}
