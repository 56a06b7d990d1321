package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// maxPlanFile bounds the size of a saved plan Load reads.
const maxPlanFile = 256 << 20

// Write writes p as indented JSON: the saved plan format of docs/plan.md.
func (p *Plan) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// Save writes p to file, replacing it.
func (p *Plan) Save(file string) error {
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("saving the plan: %w", err)
	}
	return nil
}

// Load reads a saved plan. It refuses files that are not sagectl plans or whose
// format_version is not FormatVersion, and checks every API call decodes into its
// SDK input type.
func Load(file string) (*Plan, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPlanFile))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return Parse(file, data)
}

// Parse reads a saved plan from data; name is used in error messages.
func Parse(name string, data []byte) (*Plan, error) {
	var head struct {
		FormatVersion *int `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: not a sagectl plan: %v (write one with sagectl plan --out FILE)", name, err)
	}
	if head.FormatVersion == nil {
		return nil, fmt.Errorf("%s: not a sagectl plan: no format_version (write one with sagectl plan --out FILE)", name)
	}
	if *head.FormatVersion != FormatVersion {
		return nil, fmt.Errorf("%s: plan format version %d, this sagectl reads version %d: plan again with this sagectl", name, *head.FormatVersion, FormatVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &Plan{}
	if err := dec.Decode(p); err != nil {
		return nil, fmt.Errorf("%s: malformed plan: %v: plan again", name, err)
	}
	for i, a := range p.Actions {
		for j, c := range a.Calls {
			if _, err := c.Decode(); err != nil {
				return nil, fmt.Errorf("%s: action %d (%s %s) call %d: %v: plan again", name, i+1, a.Resource, a.PhysicalName, j+1, err)
			}
		}
	}
	return p, nil
}
