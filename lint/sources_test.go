package lint_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/lint"
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
