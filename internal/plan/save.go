package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/readfile"
)

// SavedFormatVersion is the version of the saved plan format, the input of sagectl apply
// (docs/apply.md). Version 1 was the JSON output itself; it had no dependencies. Version 2
// was not bound to where it was made (Target, SagectlVersion). Version 3 had no smoke tests
// (the SmokeTest calls of endpoint actions); apply still reads it.
const SavedFormatVersion = 4

// maxPlanFile bounds the size of a saved plan ReadSaved reads.
const maxPlanFile int64 = 256 << 20

// ErrNotSaved says a file is not a saved plan at all (not a JSON object with a
// format_version): a manifest, say.
var ErrNotSaved = errors.New("not a sagectl saved plan")

// Saved is a saved plan: what apply needs to run a reviewed plan and nothing else, the
// actions with their dependencies and decoded calls, and the fingerprints of the live state.
type Saved struct {
	// FormatVersion is SavedFormatVersion.
	FormatVersion int `json:"format_version"`
	// Naming and Prune are the options the plan was made with.
	Naming Naming `json:"naming"`
	Prune  bool   `json:"prune"`
	// Project is the project the plan was made for: apply changes and deletes only what
	// carries its ownership tags (plan.OwnerOf). Absent: no project.
	Project string `json:"project,omitempty"`
	// Summary counts the actions, for a reader of the file.
	Summary Summary `json:"summary"`
	// Actions are every action of the plan, no-ops included, in plan order.
	Actions []SavedAction `json:"actions"`
	// Fingerprints identify the live state the plan was made against.
	Fingerprints Fingerprints `json:"fingerprints"`
	// Target and SagectlVersion are where the plan was made and by which sagectl (Bind):
	// apply refuses it anywhere else (CheckTarget).
	Target         Target `json:"target"`
	SagectlVersion string `json:"sagectl_version"`
	source         []byte // the bytes ParseSaved read
}

// Source is the file s was read from, byte for byte (nil for a plan not read from one):
// positions in it name the calls of a saved plan.
func (s *Saved) Source() []byte { return s.source }

// SavedAction is one action of a saved plan.
type SavedAction struct {
	// ID is the action's 1-based position in Saved.Actions.
	ID           int           `json:"id"`
	Kind         ActionKind    `json:"action_kind"`
	Resource     manifest.Kind `json:"resource_kind"`
	Name         string        `json:"name"`
	PhysicalName string        `json:"physical_name"`
	Reason       string        `json:"action_reason"`
	Blocked      string        `json:"blocked,omitempty"`
	// DependsOn are the ids of the earlier actions that must succeed before this one.
	DependsOn []int  `json:"depends_on,omitempty"`
	Calls     []Call `json:"api_calls"`
}

// Saved returns the plan as apply reads it, every action with the ids of the actions it
// must follow (see dependsOn).
func (p *Plan) Saved() *Saved {
	s := &Saved{FormatVersion: SavedFormatVersion, Naming: p.Naming, Prune: p.Prune, Project: p.Project, Summary: p.Summary, Fingerprints: p.Fingerprints,
		Actions: []SavedAction{}} // [] rather than null, also for a plan of nothing: validate requires both parts
	if s.Fingerprints == nil {
		s.Fingerprints = Fingerprints{}
	}
	deps := dependsOn(p.Actions)
	for i, a := range p.Actions {
		s.Actions = append(s.Actions, SavedAction{ID: i + 1, Kind: a.Kind, Resource: a.Resource, Name: a.Name, PhysicalName: a.PhysicalName,
			Reason: a.Reason, Blocked: a.Blocked, DependsOn: deps[i], Calls: a.Calls})
	}
	return s
}

// Write writes s as indented JSON: the saved plan format of docs/apply.md.
func (s *Saved) Write(w io.Writer) error { return writeJSON(w, s) }

// Save writes s to file, replacing it, readable by its owner only (0600): a saved plan
// holds the Environment values apply sends, which shown outputs mask. The plan is written
// to a new file beside it and renamed over it, so a file that was 0644 does not stay so.
func (s *Saved) Save(file string) error {
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*") // mode 0600
	if err == nil {
		_, err = tmp.Write(buf.Bytes())
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), file)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		return fmt.Errorf("saving the plan: %w", err)
	}
	return nil
}

// Write writes p as indented JSON: the JSON output of docs/plan.md.
func (p *Plan) Write(w io.Writer) error { return writeJSON(w, p) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// ReadSaved reads a saved plan, once and at most maxPlanFile bytes, and checks it (see
// ParseSaved). Only a regular file is opened (readfile.ErrNotRegular otherwise), and a
// file whose first bytes hold no format_version is not read further: the error wraps
// ErrNotSaved.
func ReadSaved(file string) (*Saved, error) {
	f, err := readfile.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if !bytes.Contains(head[:n], []byte(`"format_version"`)) {
		return nil, fmt.Errorf("%s: %w: write one with sagectl plan --out FILE", file, ErrNotSaved)
	}
	rest, err := readfile.ReadAll(file, f, maxPlanFile-int64(n))
	if errors.Is(err, readfile.ErrTooLarge) {
		return nil, fmt.Errorf("%s: larger than %d MiB, too large for a saved plan: plan again with sagectl plan --out FILE", file, maxPlanFile>>20)
	}
	if err != nil {
		return nil, err
	}
	return ParseSaved(file, append(head[:n], rest...))
}

// sniffLen is how much of a file tells a saved plan, which starts with its
// format_version, from anything else.
const sniffLen = 256

// ParseSaved reads a saved plan from data in one decode; name is used in error messages.
// It refuses a format_version other than SavedFormatVersion, a call whose input does not
// decode into its SDK type, and dependencies that name no earlier action.
func ParseSaved(name string, data []byte) (*Saved, error) {
	var s struct {
		FormatVersion *int `json:"format_version"`
		Saved
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	err := dec.Decode(&s)
	if s.FormatVersion == nil && !bytes.Contains(data[:min(len(data), sniffLen)], []byte(`"format_version"`)) {
		// Not even a truncated saved plan, which starts with its format_version.
		return nil, fmt.Errorf("%s: %w: write one with sagectl plan --out FILE", name, ErrNotSaved)
	}
	switch {
	case s.FormatVersion != nil && *s.FormatVersion == 1:
		return nil, fmt.Errorf("%s: a version 1 plan (the output of an older sagectl, or of plan --format json): apply reads version %d, which records each action's dependencies; run sagectl plan --out FILE again and apply that", name, SavedFormatVersion)
	case s.FormatVersion != nil && *s.FormatVersion == 2:
		return nil, fmt.Errorf("%s: a version 2 plan (from an older sagectl), which does not record the AWS account, region and endpoint it was made for: apply reads version %d, bound to them; run sagectl plan --out FILE again and apply that", name, SavedFormatVersion)
	case s.FormatVersion != nil && *s.FormatVersion != SavedFormatVersion && *s.FormatVersion != 3: // 3: no smoke tests, read as is
		return nil, fmt.Errorf("%s: plan format version %d, this sagectl reads version %d: plan again with this sagectl", name, *s.FormatVersion, SavedFormatVersion)
	case err == nil && s.FormatVersion == nil:
		err = errors.New("format_version is null")
		fallthrough
	case err != nil:
		return nil, fmt.Errorf("%s: malformed plan: %v: plan again with sagectl plan --out FILE", name, err)
	}
	s.Saved.FormatVersion = *s.FormatVersion
	s.Saved.source = data
	if err := errors.Join(s.Saved.check(), s.Saved.checkBound()); err != nil {
		return nil, fmt.Errorf("%s: %v: plan again with sagectl plan --out FILE", name, err)
	}
	return &s.Saved, nil
}

// check refuses ids out of place, dependencies on actions the plan does not have, and
// dependencies on later actions (which a cycle needs); then validate (validate.go) checks
// the plan as a whole.
func (s *Saved) check() error {
	for i, a := range s.Actions {
		if a.ID != i+1 {
			return fmt.Errorf("action %d (%s %s) has id %d, want %d", i+1, a.Resource, a.PhysicalName, a.ID, i+1)
		}
		for _, d := range a.DependsOn {
			switch {
			case d < 1 || d > len(s.Actions):
				return fmt.Errorf("action %d (%s %s) depends on action %d, which the plan does not have", a.ID, a.Resource, a.PhysicalName, d)
			case d >= a.ID:
				return fmt.Errorf("action %d (%s %s) depends on action %d, which does not come before it (a dependency cycle, or a plan out of order)", a.ID, a.Resource, a.PhysicalName, d)
			}
		}
	}
	return s.validate()
}
