package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Each kind's validation document: the definitions $defs/<Kind> reaches in
// sagectl.schema.json, under the same names, without annotations, one to a line (go
// generate writes them). A process parses only the definitions its documents reach.
var (
	//go:embed kinds/Model.json
	modelDoc []byte
	//go:embed kinds/EndpointConfig.json
	endpointConfigDoc []byte
	//go:embed kinds/Endpoint.json
	endpointDoc []byte
	//go:embed kinds/ScalableTarget.json
	scalableTargetDoc []byte
	//go:embed kinds/ScalingPolicy.json
	scalingPolicyDoc []byte
	//go:embed kinds/ScheduledAction.json
	scheduledActionDoc []byte
	//go:embed kinds/InferenceComponent.json
	inferenceComponentDoc []byte
	//go:embed kinds/SmokeTest.json
	smokeTestDoc []byte
)

// kindSchema is one kind's compiled schema, built on first use.
type kindSchema struct {
	doc  []byte
	once sync.Once
	root *node
	err  error
}

var kindSchemas = map[string]*kindSchema{
	"Model":          {doc: modelDoc},
	"EndpointConfig": {doc: endpointConfigDoc},
	"Endpoint":       {doc: endpointDoc},
	// Application Auto Scaling (github.com/aws/aws-sdk-go-v2/service/applicationautoscaling).
	"ScalableTarget":  {doc: scalableTargetDoc},
	"ScalingPolicy":   {doc: scalingPolicyDoc},
	"ScheduledAction": {doc: scheduledActionDoc},
	// SageMaker's inference components.
	"InferenceComponent": {doc: inferenceComponentDoc},
	// sagectl's own check of an endpoint (SageMaker Runtime InvokeEndpoint).
	"SmokeTest": {doc: smokeTestDoc},
}

// compiledKind returns the root node of kind (compiling it on first use), or nil for
// a kind the schema does not have.
func compiledKind(kind string) (*node, error) {
	k := kindSchemas[kind]
	if k == nil {
		return nil, nil
	}
	k.once.Do(func() { k.root, k.err = compile(kind, k.doc) })
	return k.root, k.err
}

// compiler builds the nodes of one kind's document. Each definition is decoded and
// built the first time a value meets it, from whichever goroutine that is: a document
// pays only for the definitions its fields reach.
type compiler struct {
	defs map[string]*definition // read-only once compile returns

	mu       sync.Mutex
	patterns map[string]*pattern
}

// definition is one $defs entry: its line of JSON until first use, then its node.
type definition struct {
	c    *compiler
	name string
	raw  []byte
	once sync.Once
	node *node
	err  error
}

// compile reads the validation document of kind (written by go generate one
// definition to a line, see schema/internal/gen) and builds its root definition.
func compile(kind string, data []byte) (*node, error) {
	c := &compiler{defs: map[string]*definition{}, patterns: map[string]*pattern{}}
	if err := c.split(data); err != nil {
		return nil, fmt.Errorf("kinds/%s.json: %w", kind, err)
	}
	d := c.defs[kind]
	if d == nil {
		return nil, fmt.Errorf("kinds/%s.json: no definition $defs/%s", kind, kind)
	}
	root, err := d.get()
	if err != nil {
		return nil, fmt.Errorf("kinds/%s.json: %w", kind, err)
	}
	return root, nil
}

// split finds each definition's line without parsing it.
func (c *compiler) split(data []byte) error {
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	last := len(lines) - 1
	if last < 1 || !bytes.HasSuffix(lines[0], []byte(`"$defs":{`)) || string(lines[last]) != "}}" {
		return fmt.Errorf("not a validation document: want a header line ending in \"$defs\":{, one definition a line, and }}")
	}
	h, err := decodeObject(append(lines[0][:len(lines[0]):len(lines[0])], "}}"...))
	if err != nil {
		return fmt.Errorf("line 1: %w", err)
	}
	for k := range h {
		if k != "$schema" && k != "$comment" && k != "$defs" {
			return fmt.Errorf("line 1: unknown key %q", k)
		}
	}
	for i, line := range lines[1:last] {
		line = bytes.TrimSuffix(line, []byte(","))
		end := bytes.Index(line, []byte(`":`))
		var name string
		if end < 0 || json.Unmarshal(line[:end+1], &name) != nil {
			return fmt.Errorf("line %d: not a \"name\":{definition} line", i+2)
		}
		c.defs[name] = &definition{c: c, name: name, raw: line[end+2:]}
	}
	return nil
}

// get returns the definition's node, decoding and building it on first use.
func (d *definition) get() (*node, error) {
	d.once.Do(func() {
		loc := "/$defs/" + escapeToken(d.name)
		s, err := decodeObject(d.raw)
		if err != nil {
			d.err = fmt.Errorf("%s: %w", loc, err)
			return
		}
		n := &node{}
		if err := d.c.build(n, s, loc); err != nil {
			d.err = err
			return
		}
		d.node = n
	})
	return d.node, d.err
}

// decodeObject decodes a JSON object, numbers as json.Number. Plain values, not a
// struct: encoding/json's first decode of a struct type costs a fresh process more
// than decoding every definition a document reaches.
func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a JSON object")
	}
	return m, nil
}

// pattern returns the one lazily compiled regular expression of source src.
func (c *compiler) pattern(src string) *pattern {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.patterns[src]
	if p == nil {
		p = &pattern{src: src}
		c.patterns[src] = p
	}
	return p
}

// escapeToken escapes a JSON pointer reference token.
func escapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}
