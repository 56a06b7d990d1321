package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
)

// SARIF writes a SARIF 2.1.0 log that GitHub code scanning accepts: exactly one run,
// every rule in tool.driver.rules, repository-relative URIs, regions from line 1, and
// partialFingerprints computed from the rule, the file and the flagged line's text (not
// its number), so an alert survives edits elsewhere in the file.
type SARIF struct {
	opt      Options
	results  spool          // the results, written as they come, copied into the log at Flush
	n        int            // results written
	docs     []RuleDoc      // opt.Rules(), read once
	index    map[string]int // rule ID -> its index in the log's rules
	extra    []sarifRule    // rules results use that have no documentation
	buf      []byte         // a result being encoded, reused
	seen     map[string]int // fingerprint hash -> occurrences so far in seenFile
	seenFile string
}

// SARIFSchema is the $schema URI written into every log.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
}

// sarifRoot is the uriBaseId of repository-relative URIs; originalUriBaseIds gives its
// absolute file URI (SARIF 2.1.0 §3.14.14).
const sarifRoot = "%SRCROOT%"

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	ShortDescription     sarifText   `json:"shortDescription"`
	FullDescription      sarifText   `json:"fullDescription"`
	Help                 sarifText   `json:"help"`
	HelpURI              string      `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// maxDescription is GitHub's limit on a rule's short and full description.
const maxDescription = 1024

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// Write records f as a result.
func (s *SARIF) Write(f finding.Finding) error {
	art := s.artifact(f.File)
	uri := art.URI
	region := sarifRegion{StartLine: max(f.Line, 1)}
	if f.Line >= 1 && f.Col >= 1 {
		region.StartColumn = f.Col
		if f.EndLine >= f.Line && f.EndCol >= 1 {
			// SARIF's endColumn is exclusive; a finding's EndCol is inclusive.
			region.EndLine, region.EndColumn = f.EndLine, f.EndCol+1
		}
	}
	msg := f.Message
	if f.Hint != "" {
		msg += "\nHint: " + f.Hint
	}
	r := sarifResult{
		RuleID: f.Rule, RuleIndex: s.ruleIndex(f.Rule, sarifLevel(f.Severity)), Level: sarifLevel(f.Severity), Message: sarifText{Text: msg},
		Locations:           []sarifLocation{{sarifPhysical{art, region}}},
		PartialFingerprints: map[string]string{"primaryLocationLineHash": s.fingerprint(f, uri)},
	}
	if s.n > 0 {
		s.buf = append(s.buf[:0], ',')
	} else {
		s.buf = s.buf[:0]
	}
	s.n++
	s.buf = appendResult(append(s.buf, "\n"+sarifResultIndent...), r)
	_, err := s.results.Write(s.buf)
	return err
}

// appendResult appends r as json.MarshalIndent(r, sarifResultIndent, "  ") writes it
// (TestJSONAndSARIFStreamAsEncodingJSONIndents), without its reflection: a run of a
// million findings spent a quarter of its time there.
func appendResult(b []byte, r sarifResult) []byte {
	loc := r.Locations[0].PhysicalLocation
	const in = sarifResultIndent
	b = append(b, "{\n"+in+"  \"ruleId\": "...)
	b = appendJSONString(b, r.RuleID)
	b = append(b, ",\n"+in+"  \"ruleIndex\": "...)
	b = strconv.AppendInt(b, int64(r.RuleIndex), 10)
	b = append(b, ",\n"+in+"  \"level\": "...)
	b = appendJSONString(b, r.Level)
	b = append(b, ",\n"+in+"  \"message\": {\n"+in+"    \"text\": "...)
	b = appendJSONString(b, r.Message.Text)
	b = append(b, "\n"+in+"  },\n"+in+"  \"locations\": [\n"+in+"    {\n"+in+"      \"physicalLocation\": {\n"+
		in+"        \"artifactLocation\": {\n"+in+"          \"uri\": "...)
	b = appendJSONString(b, loc.ArtifactLocation.URI)
	if loc.ArtifactLocation.URIBaseID != "" {
		b = append(b, ",\n"+in+"          \"uriBaseId\": "...)
		b = appendJSONString(b, loc.ArtifactLocation.URIBaseID)
	}
	b = append(b, "\n"+in+"        },\n"+in+"        \"region\": {\n"+in+"          \"startLine\": "...)
	b = strconv.AppendInt(b, int64(loc.Region.StartLine), 10)
	for _, f := range []struct {
		name string
		v    int
	}{{"startColumn", loc.Region.StartColumn}, {"endLine", loc.Region.EndLine}, {"endColumn", loc.Region.EndColumn}} {
		if f.v != 0 {
			b = append(b, ",\n"+in+"          \""...)
			b = append(b, f.name...)
			b = append(b, "\": "...)
			b = strconv.AppendInt(b, int64(f.v), 10)
		}
	}
	b = append(b, "\n"+in+"        }\n"+in+"      }\n"+in+"    }\n"+in+"  ],\n"+in+"  \"partialFingerprints\": {\n"+
		in+"    \"primaryLocationLineHash\": "...)
	b = appendJSONString(b, r.PartialFingerprints["primaryLocationLineHash"])
	return append(b, "\n"+in+"  }\n"+in+"}"...)
}

// appendJSONString appends s as encoding/json writes a string (HTML characters escaped).
func appendJSONString(b []byte, s string) []byte {
	q, err := json.Marshal(s)
	if err != nil { // a string always marshals
		return append(b, `""`...)
	}
	return append(b, q...)
}

// readRules reads the rule documentation, once.
func (s *SARIF) readRules() {
	if s.index != nil {
		return
	}
	s.index = map[string]int{}
	if s.opt.Rules != nil {
		s.docs = s.opt.Rules()
	}
	for i, d := range s.docs {
		s.index[d.ID] = i
	}
}

// sarifResultIndent is the indentation of a result in the log (runs[0].results[i]).
const sarifResultIndent = "        "

// ruleIndex returns the index of rule id in the log's rules, adding a plain entry
// for a rule with no documentation the first time a result uses it.
func (s *SARIF) ruleIndex(id, level string) int {
	s.readRules()
	if i, ok := s.index[id]; ok {
		return i
	}
	s.index[id] = len(s.docs) + len(s.extra)
	s.extra = append(s.extra, sarifRule{ID: id, ShortDescription: sarifText{Text: id}, FullDescription: sarifText{Text: id},
		Help: sarifText{Text: id}, DefaultConfiguration: sarifConfig{Level: level}})
	return s.index[id]
}

// fingerprint hashes the rule, the file and the flagged line with its whitespace
// normalised; identical lines in one file are told apart by an occurrence count.
func (s *SARIF) fingerprint(f finding.Finding, uri string) string {
	content := f.Message
	if s.opt.Source != nil && f.Line >= 1 && s.opt.Source(f.File) != nil {
		if l := s.opt.Source(f.File).Line(f.Line); l != "" {
			content = strings.Join(strings.Fields(l), " ")
		}
	}
	sum := sha256.Sum256([]byte(f.Rule + "\x00" + uri + "\x00" + content))
	h := hex.EncodeToString(sum[:8])
	if s.seen == nil || s.seenFile != uri { // the hash names the file: counts restart with each
		s.seen, s.seenFile = map[string]int{}, uri
	}
	s.seen[h]++
	return h + ":" + strconv.Itoa(s.seen[h])
}

// artifact locates a file: relative to the repository root (uriBaseId %SRCROOT%) when
// it is inside it, else an absolute file:// URI, as GitHub code scanning requires of
// an absolute URI (the checkout's scheme).
func (s *SARIF) artifact(path string) sarifArtifact {
	p := s.opt.rel(path)
	if p == "-" {
		return sarifArtifact{URI: sarifURI(p)}
	}
	if filepath.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = p
		}
		return sarifArtifact{URI: fileURI(abs)}
	}
	a := sarifArtifact{URI: sarifURI(p)}
	if s.opt.Root != "" {
		a.URIBaseID = sarifRoot
	}
	return a
}

// fileURI is the file:// URI of an absolute path.
func fileURI(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // a Windows drive letter
	}
	return u.String()
}

// sarifURI percent-encodes each segment of a slash-separated relative path.
func sarifURI(p string) string {
	if p == "-" {
		return "stdin"
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return strings.Join(segs, "/")
}

// Flush writes the log: one run, even when there are no results. The log is encoded
// with an empty results array, which the spooled results then fill in.
func (s *SARIF) Flush() error {
	s.readRules()
	run := sarifRun{
		Tool:       sarifTool{sarifDriver{Name: "sagectl", Version: s.opt.Version, InformationURI: "https://github.com/sagectl/sagectl", Rules: s.rules()}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	if s.opt.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{sarifRoot: {URI: strings.TrimSuffix(fileURI(s.opt.Root), "/") + "/"}}
	}
	log := sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}}
	var env bytes.Buffer
	enc := json.NewEncoder(&env)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	const empty = "\n      \"results\": [],"
	head, tail, ok := bytes.Cut(env.Bytes(), []byte(empty))
	if !ok || s.n == 0 {
		_, err := s.opt.W.Write(env.Bytes())
		return err
	}
	if _, err := fmt.Fprintf(s.opt.W, "%s\n      \"results\": [", head); err != nil {
		return err
	}
	if err := s.results.copyTo(s.opt.W); err != nil {
		return err
	}
	_, err := fmt.Fprintf(s.opt.W, "\n      ],%s", tail)
	return err
}

// rules lists every documented rule, plus a plain entry for any rule ID a result
// uses that has no documentation, so every ruleIndex is valid.
func (s *SARIF) rules() []sarifRule {
	out := []sarifRule{}
	add := func(r sarifRule) { out = append(out, r) }
	for _, d := range s.docs {
		full := d.Summary
		if d.Why != "" {
			full += ". " + d.Why
		}
		add(sarifRule{ID: d.ID, ShortDescription: sarifText{Text: clip(d.Summary)}, FullDescription: sarifText{Text: clip(full)},
			Help: sarifText{Text: d.Text(), Markdown: d.Markdown()}, HelpURI: d.HelpURI(),
			DefaultConfiguration: sarifConfig{Level: sarifLevel(d.Severity)}})
	}
	return append(out, s.extra...)
}

func clip(s string) string {
	if r := []rune(s); len(r) > maxDescription {
		return string(r[:maxDescription-1]) + "…"
	}
	return s
}
