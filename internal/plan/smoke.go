package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
	"github.com/sagectl/sagectl/internal/readfile"
)

// OpSmokeTest is the operation name of a smoke test in an action's calls. It is no AWS
// operation but sagectl's own step: SageMaker Runtime's InvokeEndpoint, retried, with the
// answer checked against Expect (docs/smoke-tests.md).
const OpSmokeTest = "SmokeTest"

// MaxSmokeBody is the largest request body InvokeEndpoint takes, 6 MiB (the Body member of
// InvokeEndpointInput in the SageMaker Runtime API model,
// https://github.com/boto/botocore/blob/1.43.11/botocore/data/sagemaker-runtime/2017-05-13/service-2.json).
const MaxSmokeBody = 6 << 20

// The defaults of a smoke test's Attempts and IntervalSeconds.
const (
	DefaultSmokeAttempts = 3
	DefaultSmokeInterval = 10
)

// SmokeTest is one smoke test as apply runs it: the request, with the endpoint's physical
// name and the body read from BodyFile, what the answer must be, and the config to switch
// the endpoint back to when the answer is wrong.
type SmokeTest struct {
	// SmokeTestName names the test; Source is where its manifest is ("tests.yaml:3").
	SmokeTestName string `json:"SmokeTestName"`
	Source        string `json:"Source"`
	// EndpointName and the optional targets are InvokeEndpoint's members.
	EndpointName           string `json:"EndpointName"`
	TargetVariant          string `json:"TargetVariant,omitempty"`
	TargetModel            string `json:"TargetModel,omitempty"`
	InferenceComponentName string `json:"InferenceComponentName,omitempty"`
	ContentType            string `json:"ContentType,omitempty"`
	Accept                 string `json:"Accept,omitempty"`
	// Body is the request body (base64 in JSON: it may be any bytes).
	Body []byte `json:"Body"`
	// Expect is what the answer must be.
	Expect SmokeExpect `json:"Expect"`
	// Attempts and IntervalSeconds bound the retries.
	Attempts        int `json:"Attempts"`
	IntervalSeconds int `json:"IntervalSeconds"`
	// RollbackTo is the config the endpoint ran before this plan's UpdateEndpoint: apply
	// switches back to it when the test fails. Empty for a new endpoint.
	RollbackTo string `json:"RollbackTo,omitempty"`
}

// SmokeExpect is what a smoke test's answer must be: Status (200 unless set), and when
// set, a substring of the body, and a JSON path that exists (with the value Equals).
type SmokeExpect struct {
	Status   int     `json:"Status"`
	Contains string  `json:"Contains,omitempty"`
	JSONPath string  `json:"JSONPath,omitempty"`
	Equals   *string `json:"Equals,omitempty"`
}

// attachSmokeTests appends each smoke test to the calls of the action that creates or
// swaps the config of its endpoint, so apply invokes the endpoint inside that step: after
// the endpoint is InService and before any step that depends on it (the superseded config's
// delete) runs. Endpoints the plan does not create or swap are not tested; a test of an
// endpoint no manifest of the plan defines is left out (lint's smoke-test-endpoint rule
// reports it; a --target selection may leave its endpoint out).
func (p *planner) attachSmokeTests(tests []*manifest.Document) error {
	for _, d := range tests {
		name, _ := manifest.Str(manifest.Get(d.Body, "EndpointName"))
		res := p.byName[manifest.KindEndpoint][manifest.NameKey(name)]
		if res == nil {
			continue
		}
		for i := range p.actions {
			a := &p.actions[i]
			if a.Resource != manifest.KindEndpoint || a.PhysicalName != res.physical || a.Blocked != "" ||
				(a.Kind != Create && a.Kind != SwapConfig) {
				continue
			}
			st, err := p.smokeTest(d, res)
			if err != nil {
				return err
			}
			data, err := json.Marshal(st)
			if err != nil {
				return err
			}
			a.Calls = append(a.Calls, Call{Operation: OpSmokeTest, Input: data, request: st})
		}
	}
	return nil
}

// SmokeTests returns the smoke tests of set whose EndpointName is endpoint (compared
// case-insensitively), as apply runs them but with no config to switch back to: what
// sagectl rollback checks after switching the endpoint. Endpoint and inference component
// names are not hashed under any naming policy, so the manifests' names are SageMaker's.
func SmokeTests(set *manifest.Set, endpoint string) ([]*SmokeTest, error) {
	p := &planner{byName: map[manifest.Kind]map[string]*resource{}, live: map[key]*live.Resource{}}
	var out []*SmokeTest
	for _, d := range set.ByKind(manifest.KindSmokeTest) {
		if name, _ := manifest.Str(manifest.Get(d.Body, "EndpointName")); !manifest.SameName(name, endpoint) {
			continue
		}
		st, err := p.smokeTest(d, &resource{physical: endpoint})
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// smokeTest builds the test of document d, whose endpoint is res.
func (p *planner) smokeTest(d *manifest.Document, res *resource) (*SmokeTest, error) {
	str := func(k string) string { s, _ := manifest.Str(manifest.Get(d.Body, k)); return s }
	num := func(n *yaml.Node, def int) int {
		if v, ok := manifest.Int(n); ok {
			return int(v)
		}
		return def
	}
	st := &SmokeTest{SmokeTestName: d.Name(), Source: fmt.Sprintf("%s:%d", d.File.Path, d.Body.Line), EndpointName: res.physical,
		TargetVariant: str("TargetVariant"), TargetModel: str("TargetModel"), ContentType: str("ContentType"), Accept: str("Accept"),
		Attempts:        num(manifest.Get(d.Body, "Attempts"), DefaultSmokeAttempts),
		IntervalSeconds: num(manifest.Get(d.Body, "IntervalSeconds"), DefaultSmokeInterval)}
	if ic := str("InferenceComponentName"); ic != "" {
		st.InferenceComponentName = ic
		if r := p.byName[manifest.KindInferenceComponent][manifest.NameKey(ic)]; r != nil {
			st.InferenceComponentName = r.physical
		}
	}
	if l := p.live[keyOf(manifest.KindEndpoint, res.physical)]; l != nil {
		st.RollbackTo = l.Str("EndpointConfigName")
	}
	body, err := smokeBody(d, str("Body"), str("BodyFile"))
	if err != nil {
		return nil, err
	}
	st.Body = body
	e := manifest.Get(d.Body, "Expect")
	st.Expect = SmokeExpect{Status: num(manifest.Get(e, "Status"), 200)}
	if s, ok := manifest.Str(manifest.Get(e, "Contains")); ok {
		st.Expect.Contains = s
	}
	if s, ok := manifest.Str(manifest.Get(e, "JSONPath")); ok {
		st.Expect.JSONPath = s
	}
	if n := manifest.Get(e, "Equals"); !manifest.IsNull(n) {
		v := n.Value
		st.Expect.Equals = &v
	}
	return st, nil
}

// smokeBody is the request body of test d: Body, or the bytes of BodyFile, a path relative
// to the manifest's directory, at most MaxSmokeBody bytes.
func smokeBody(d *manifest.Document, body, file string) ([]byte, error) {
	if file == "" {
		return []byte(body), nil
	}
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(d.File.Path), file)
	}
	where := fmt.Sprintf("%s:%d", d.File.Path, manifest.Get(d.Body, "BodyFile").Line)
	f, err := readfile.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: smoke test %s: BodyFile %s: %w (the path is relative to the manifest's directory)", where, d.Name(), file, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSmokeBody+1))
	if err != nil {
		return nil, fmt.Errorf("%s: smoke test %s: BodyFile %s: %w", where, d.Name(), file, err)
	}
	if len(data) > MaxSmokeBody {
		return nil, fmt.Errorf("%s: smoke test %s: BodyFile %s is larger than InvokeEndpoint's 6 MiB: send a smaller request", where, d.Name(), file)
	}
	return data, nil
}
