package overlay

import (
	"errors"
	"fmt"
	"os"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/suggest"
	"gopkg.in/yaml.v3"
)

// Rule is the rule ID of findings about an overlay itself: a document that names no base
// document, a list item that cannot be matched.
const Rule = "overlay"

// lineUnit separates the lines of merged nodes by origin: a node copied from the i-th
// overlay file carries line (i+1)*lineUnit plus its own. A manifest file has fewer lines
// than lineUnit (manifest.MaxFileSize), so base lines stay below it.
const lineUnit = 1 << 24

// Merged is the base manifests with one environment's overlay merged in.
type Merged struct {
	// Env names the environment.
	Env string
	// Set is the base set with each overlaid document replaced by its merge; its Files
	// are the base files followed by the overlay files, so findings show their lines.
	Set *manifest.Set
	// Checked is Set with the base files only: what the linter checks, so the ignore
	// comments of the overlay files are applied after Locate (their lines are real then).
	Checked *manifest.Set
	// Overlays are the overlay files.
	Overlays []*manifest.File
	// Findings are the overlay's own: its files' loader findings and what could not be
	// merged, at their overlay positions.
	Findings []finding.Finding
	files    []string       // overlay file paths, by index
	docs     map[docKey]int // merged document (base file and index) → overlay document index
}

type docKey struct {
	file  string
	index int
}

// Apply merges the overlay folder dir of environment env into base; base is not changed.
// An empty dir means no overlay: the base as it is. A folder that cannot be read is an
// error naming it; everything wrong inside it is a finding. An overlay document whose
// base is not in base but elsewhere reports is in the repository (a lint of some files
// only) is left out silently; elsewhere may be nil.
func Apply(base *manifest.Set, env, dir string, elsewhere func(manifest.Kind, string) bool) (*Merged, error) {
	m := &Merged{Env: env, docs: map[docKey]int{}}
	if dir == "" {
		m.Set, m.Checked = base, base
		return m, nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		why := "not a folder"
		if err != nil {
			why = errors.Unwrap(err).Error()
		}
		return nil, fmt.Errorf("overlay %s of environment %s cannot be read (%s): create the folder, or fix overlay: of %s in .sagectl.yaml",
			dir, env, why, env)
	}
	over, loaded, err := manifest.Load([]string{dir}, manifest.Options{})
	if err != nil {
		return nil, fmt.Errorf("overlay of environment %s: %w", env, err)
	}
	m.Findings = append(m.Findings, loaded...)
	index := map[*manifest.File]int{}
	for i, f := range over.Files {
		index[f] = i
		m.files = append(m.files, f.Path)
	}
	docs := append([]*manifest.Document(nil), base.Docs...)
	for _, od := range over.Docs {
		if !m.overlay(docs, od, index[od.File]) && (elsewhere == nil || !elsewhere(od.Kind, od.Name())) {
			m.unmatched(docs, od)
		}
	}
	m.Overlays = over.Files
	m.Set = &manifest.Set{Files: append(append([]*manifest.File(nil), base.Files...), over.Files...), Docs: docs,
		Skipped: base.Skipped, NoManifest: base.NoManifest}
	m.Checked = &manifest.Set{Files: base.Files, Docs: docs, Skipped: base.Skipped, NoManifest: base.NoManifest}
	return m, nil
}

// at records a finding about overlay document od.
func (m *Merged) at(od *manifest.Document, n *yaml.Node, msg, hint string) {
	m.Findings = append(m.Findings, finding.Finding{Rule: Rule, Severity: finding.Error, File: od.File.Path,
		Line: max(n.Line, 1), Col: max(n.Column, 1), Doc: od.Index, Message: msg, Hint: hint})
}

// overlay merges overlay document od (of overlay file number file) into the base
// document of its kind and name in docs; it reports whether it found one (a document
// it refuses counts as found).
func (m *Merged) overlay(docs []*manifest.Document, od *manifest.Document, file int) bool {
	if od.Origin != "sagectl" {
		m.at(od, od.Body, fmt.Sprintf("an overlay document must be a sagectl manifest (kind: and the name), not %s", od.Origin),
			"write the partial document as kind: "+string(od.Kind)+" with "+od.Kind.NameField()+" and the fields that change")
		return true
	}
	for i, d := range docs {
		if d.Kind != od.Kind || d.Name() != od.Name() {
			continue
		}
		body, problems := Merge(d.Body, od.Body, (file+1)*lineUnit)
		for _, p := range problems {
			m.at(od, p.Node, p.Message, p.Hint)
		}
		merged := *d
		merged.Body = body
		docs[i] = &merged
		m.docs[docKey{d.File.Path, d.Index}] = od.Index
		return true
	}
	return false
}

// unmatched reports overlay document od, which names no base document.
func (m *Merged) unmatched(docs []*manifest.Document, od *manifest.Document) {
	name := od.Name()
	var names []string
	for _, d := range docs {
		if d.Kind == od.Kind {
			names = append(names, d.Name())
		}
	}
	hint := "an overlay document changes the base document of the same kind and " + od.Kind.NameField() + "; add the resource to the base manifests first"
	if s := suggest.Closest(name, names); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	k := manifest.Get(od.Body, od.Kind.NameField())
	if k == nil {
		k = od.Body
	}
	m.at(od, k, fmt.Sprintf("the overlay's %s %q matches no %s of the base manifests", od.Kind.Words(), name, od.Kind.Words()), hint)
}

// Locate maps findings about the merged set back to where their value came from: a
// position on a node copied from an overlay file becomes that file's position.
func (m *Merged) Locate(fs []finding.Finding) []finding.Finding {
	out := make([]finding.Finding, 0, len(fs))
	for _, f := range fs {
		out = append(out, m.locate(f))
	}
	return out
}

// locate moves a finding at an overlay node to the overlay file's line.
func (m *Merged) locate(f finding.Finding) finding.Finding {
	i := f.Line/lineUnit - 1
	if i < 0 || i >= len(m.files) {
		return f
	}
	if od, ok := m.docs[docKey{f.File, f.Doc}]; ok {
		f.Doc = od
	}
	f.File, f.Line = m.files[i], f.Line%lineUnit
	if f.EndLine >= lineUnit {
		f.EndLine %= lineUnit
	}
	return f
}

// Label names the environment in f's message.
func (m *Merged) Label(f finding.Finding) finding.Finding {
	f.Message = "[environment " + m.Env + "] " + f.Message
	return f
}
