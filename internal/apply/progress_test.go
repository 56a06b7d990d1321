package apply

import (
	"strings"
	"testing"
	"time"
)

func TestPlainProgressOneLinePerChange(t *testing.T) {
	var b strings.Builder
	p := NewProgress(&b, false)
	p.Update(Status{Endpoint: "a", Status: "Creating", Elapsed: time.Second})
	p.Update(Status{Endpoint: "a", Status: "Creating", Elapsed: 2 * time.Second})
	p.Update(Status{Endpoint: "b", Status: "Updating", Elapsed: 3 * time.Second, Pending: "→ c2 v1 0/1 Creating"})
	p.Update(Status{Endpoint: "a", Status: "InService", Elapsed: 90 * time.Second})
	p.Done("a")
	want := "a: Creating (1s)\nb: Updating (3s) → c2 v1 0/1 Creating\na: InService (1m30s)\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestLiveProgressRedrawsInPlace(t *testing.T) {
	var b strings.Builder
	p := NewProgress(&b, true)
	p.Update(Status{Endpoint: "a", Status: "Creating"})
	p.Update(Status{Endpoint: "b", Status: "Creating"})
	b.Reset()
	p.Update(Status{Endpoint: "a", Status: "InService", Elapsed: time.Minute})
	want := "\x1b[2A\r\x1b[Ka: InService (1m0s)\n\r\x1b[Kb: Creating (0s)\n\x1b[J"
	if b.String() != want {
		t.Errorf("redraw = %q, want %q", b.String(), want)
	}
	b.Reset()
	p.Done("a")
	want = "\x1b[2A\r\x1b[Ka: InService (1m0s)\n\r\x1b[Kb: Creating (0s)\n\x1b[J"
	if b.String() != want {
		t.Errorf("done = %q, want %q", b.String(), want)
	}
	b.Reset()
	p.Update(Status{Endpoint: "b", Status: "InService"})
	if !strings.HasPrefix(b.String(), "\x1b[1A") {
		t.Errorf("after Done the block should be one line: %q", b.String())
	}
}
