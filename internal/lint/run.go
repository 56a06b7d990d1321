package lint

import (
	"io"
	"time"

	"github.com/sagectl/sagectl/internal/config"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// Input names what one lint run reads.
type Input struct {
	// Paths are files and directories (walked recursively); "-" is Stdin.
	Paths []string
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Skip reports whether a file found under Paths is excluded; nil keeps every file.
	Skip func(path string) bool
	// OnlyManifests skips the named files that are not manifests, as directory walks
	// skip the files they find (manifest.Options.OnlyManifests).
	OnlyManifests bool
	// RequireManifests makes Stream return at once, emitting nothing, when a path holds
	// no YAML or JSON file at all (Summary.NoManifest names them): a run that fails on
	// such a path prints no report.
	RequireManifests bool
	// Indexed, when set, is called once by Stream after its first pass with the bytes the
	// run keeps to its end whatever the files (the name index and the list of files), so
	// a caller can size the collector's slack to the rest (lintcmd.TuneGC).
	Indexed func(kept int)
}

// Result is the outcome of one lint run.
type Result struct {
	// Set is every manifest read.
	Set *manifest.Set
	// Findings are the loader's and the rules' findings, configured and sorted.
	Findings []finding.Finding
}

// Errors returns the findings of severity error, the informational ones aside (Fails).
func (r *Result) Errors() []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if Fails(f, finding.Error) {
			out = append(out, f)
		}
	}
	return out
}

// Run is sagectl lint: it loads the manifests under in.Paths and checks them with opt.
// The error is for a path that cannot be read at all; everything wrong inside a file
// is a finding.
func Run(in Input, opt Options) (*Result, error) {
	set, loaded, err := manifest.Load(in.Paths, manifest.Options{Stdin: in.Stdin, Skip: in.Skip, OnlyManifests: in.OnlyManifests})
	if err != nil {
		return nil, err
	}
	return &Result{Set: set, Findings: Check(set, loaded, opt)}, nil
}

// Check runs the rules over set and returns their findings with the loader's (loaded),
// each with its configured severity, the disabled rules' dropped, sorted once. The
// result may reuse loaded's array: the caller gives loaded up.
func Check(set *manifest.Set, loaded []finding.Finding, opt Options) []finding.Finding {
	return newSettle(opt).findings(set.Files, set.Docs, checkAll(set, opt.Context, opt.rules()), loaded) // parallel.go
}

// settle turns the rules' findings into a run's: deploy-time values and ignore
// comments applied, the loader's findings added, the configuration applied, sorted.
// It is built once per run; Check applies it to a whole set, Stream to each file.
type settle struct {
	rules      []Rule
	now        func() time.Time
	severity   map[string]finding.Severity
	on, known  map[string]bool
	ran        map[string]bool
	registered []string
}

func newSettle(opt Options) *settle {
	s := &settle{rules: opt.rules(), now: opt.Now, severity: opt.Severity, on: map[string]bool{}, known: map[string]bool{}, ran: map[string]bool{}}
	for _, r := range s.rules {
		s.on[r.Info().ID] = true
		if _, loader := r.(loaderRule); !loader { // the loader reports outside Lint
			s.ran[r.Info().ID] = true
		}
	}
	for _, r := range Registry() {
		s.known[r.Info().ID] = true
		s.registered = append(s.registered, r.Info().ID)
	}
	return s
}

// findings settles out, the rules' findings over files and docs, with loaded, the
// loader's findings, whose array the result may reuse.
func (s *settle) findings(files []*manifest.File, docs []*manifest.Document, out, loaded []finding.Finding) []finding.Finding {
	out = s.applyIgnores(files, dropDeployTime(docs, out)) // deploytime.go; # sagectl:ignore comments: rule_ignore.go
	if len(out) == 0 {
		out = loaded // the loader's alone (a file of a million empty documents): not copied
	} else {
		out = append(out, loaded...)
	}
	out = s.configure(out)
	finding.Sort(out)
	return out
}

// OptionsFor returns the options a configuration file asks for: only the enabled rules
// run, with their configured severities.
func OptionsFor(cfg *config.Config) Options {
	rules := []Rule{} // not nil: nil would mean every rule
	for _, r := range Registry() {
		if !cfg.Disabled(r.Info().ID) {
			rules = append(rules, r)
		}
	}
	return Options{Rules: rules, Severity: cfg.Severities()}
}

// configure is the one place rule settings reach findings: a finding of a registered
// rule that does not run is dropped, and a configured severity replaces the default.
func (s *settle) configure(fs []finding.Finding) []finding.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if !s.on[f.Rule] && s.known[f.Rule] {
			continue
		}
		if s, ok := s.severity[f.Rule]; ok {
			f.Severity = s
		}
		kept = append(kept, f)
	}
	return kept
}
