package preflight

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// FuzzTrusts reads arbitrary trust policy documents, URL-encoded or not: trusts must say
// yes or why not, never panic, and give the same answer for a document and its encoding.
func FuzzTrusts(f *testing.F) {
	f.Add(trustSageMaker)
	f.Add(`{"Statement":{"Effect":"Allow","Principal":"*","Action":["sts:*"]}}`)
	f.Add(`{"Statement":[{"Principal":{"Service":[1,2]}}]}`)
	f.Add("%7B%22Statement%22%3A%5B%5D%7D")
	f.Fuzz(func(t *testing.T, doc string) {
		why := trusts(doc)
		if strings.Contains(doc, "%") {
			return // the encoding of a document with % decodes to another document
		}
		if again := trusts(url.QueryEscape(doc)); (again == "") != (why == "") {
			t.Fatalf("trusts(%q) = %q but its URL encoding gives %q", doc, why, again)
		}
	})
}

// FuzzParseECR takes arbitrary image URIs apart: an ECR image must have a 12-digit registry,
// a region and a repository, and its reference must be a tag or a digest.
func FuzzParseECR(f *testing.F) {
	f.Add("123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:v1")
	f.Add("123456789012.dkr.ecr.us-east-1.amazonaws.com/a/b@sha256:" + strings.Repeat("0", 64))
	f.Add("ghcr.io/x/y:1")
	f.Fuzz(func(t *testing.T, image string) {
		img, ok := parseECR(image)
		if !ok {
			return
		}
		if len(img.registry) != 12 || img.region == "" || img.repo == "" || !(strings.HasPrefix(img.ref, ":") || strings.HasPrefix(img.ref, "@sha256:")) {
			t.Fatalf("parseECR(%q) = %+v", image, img)
		}
		if img.id.ImageTag == nil && img.id.ImageDigest == nil {
			t.Fatalf("parseECR(%q) has no tag nor digest", image)
		}
	})
}

// FuzzFromSaved reads the positions of arbitrary saved plans: whatever ParseSaved accepts,
// FromSaved gives each call of a create or change a document in the file, or an error,
// never a panic.
func FuzzFromSaved(f *testing.F) {
	p, _ := planOf(f, base, &live.Dir{})
	var buf bytes.Buffer
	if err := p.Saved().Bind(plan.Target{Account: "123456789012", Region: "us-east-1"}, "test").Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := plan.ParseSaved("plan.json", data)
		if err != nil {
			return
		}
		calls, err := FromSaved(s, manifest.NewFile("plan.json", s.Source()))
		for _, c := range calls {
			if err == nil && (c.Doc == nil || c.Doc.Body == nil) {
				t.Fatalf("call %s has no position", c.Operation)
			}
		}
	})
}
