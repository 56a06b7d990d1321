package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/schema"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestEditorSchemaHasNoSagectlKeywords: the x-sagectl- keywords, which validators in
// strict mode refuse, are only in sagectl's own schema.
func TestEditorSchemaHasNoSagectlKeywords(t *testing.T) {
	if !bytes.Contains(schema.JSON(), []byte(`"x-sagectl-`)) {
		t.Fatal("sagectl's own schema has no x-sagectl- keyword: this check checks nothing")
	}
	var bad []string
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if strings.HasPrefix(k, "x-") && !strings.HasSuffix(ptr, "/properties") {
					bad = append(bad, ptr+"/"+k)
				}
				walk(ptr+"/"+k, e)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s/%d", ptr, i), e)
			}
		}
	}
	var doc any
	if err := json.Unmarshal(schema.EditorJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	walk("", doc)
	if len(bad) > 0 {
		t.Errorf("editor schema has custom keywords at %v", bad)
	}
}

// editorCases are documents the editor schema must accept or refuse, beyond examples/.
var editorCases = []struct {
	name, src string
	valid     bool
}{
	{"kind-less Model (aws sagemaker create-model --cli-input-json)", `{"ModelName": "m", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/r", "PrimaryContainer": {"Image": "i"}}`, true},
	{"kind-less Model with Containers", `{"ModelName": "m", "Containers": [{"Image": "i"}]}`, true},
	{"kind-less Endpoint", `{"EndpointName": "e", "EndpointConfigName": "c"}`, true},
	{"kind-less EndpointConfig", `{"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v", "ModelName": "m", "ServerlessConfig": {"MemorySizeInMB": 3072, "MaxConcurrency": 2}}]}`, true},
	{"kind-less Model, misspelt container field", `{"ModelName": "m", "PrimaryContainer": {"Imagee": "i"}}`, false},
	{"kind-less, fields of no request", `{"Foo": "bar"}`, false},
	{"serverless memory off the 1 GB steps", `{"kind": "EndpointConfig", "EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v", "ModelName": "m", "ServerlessConfig": {"MemorySizeInMB": 3000, "MaxConcurrency": 2}}]}`, false},
	{"Model with an EndpointConfig field", `{"kind": "Model", "ModelName": "m", "PrimaryContainer": {"Image": "i"}, "ProductionVariants": []}`, false},
	{"unknown kind", `{"kind": "Bucket", "EndpointConfigName": "c", "ProductionVariants": []}`, false},
	{"routing strategy typo", `{"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v", "ModelName": "m", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1, "RoutingConfig": {"RoutingStrategy": "KV_AWAR"}}]}`, false},
	{"cross-Region cap above 100 percent", `{"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v", "ModelName": "m", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}], "CrossRegionTrafficConfig": {"MaxCrossRegionPercentPerEndpoint": 150, "MaxInvocationsPerSecondPerInstance": 10}}`, false},
	{"container metrics frequency not in the set", `{"kind": "Model", "ModelName": "m", "PrimaryContainer": {"Image": "i", "ContainerMetricsConfig": {"MetricsEndpoints": [{"MetricsEndpointPath": "/metrics", "MetricPublishFrequencyInSeconds": 45}]}}}`, false},
}

// brokenExamples are examples/broken files with a document the schema itself refuses
// (the others break lint rules only): in each, some document must fail validation.
var brokenExamples = []string{"data-capture-and-tags.yaml", "serverless.yaml", "variants.yaml"}

// cleanInstances converts every document of the clean examples (examples/*.yaml and
// *.json) and of testdata/lint/ok to one JSON file each in dir and returns their paths.
func cleanInstances(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	for _, glob := range []string{"../../examples/*.yaml", "../../examples/*.json", "../../testdata/lint/ok/*.yaml"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	out := instances(t, dir, paths...)
	if len(out) < 10 {
		t.Fatalf("only %d clean documents found", len(out))
	}
	return out
}

// instances converts every sagectl document of the files to one JSON file each in dir
// and returns their paths.
func instances(t *testing.T, dir string, paths ...string) []string {
	t.Helper()
	set, fs, err := manifest.Load(paths, manifest.Options{})
	if err != nil || len(fs) > 0 {
		t.Fatalf("loading %v: %v %v", paths, err, fs)
	}
	var out []string
	for _, d := range set.Docs {
		if d.Origin != "sagectl" {
			continue
		}
		v, err := manifest.ToValue(d.Body)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%s.%d.json", strings.ReplaceAll(strings.TrimLeft(d.File.Path, "./"), "/", "_"), d.Index))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	return out
}

// TestEditorSchemaV5 validates the clean examples and editorCases with the Go JSON
// Schema validator sagectl's tests already use, so the dispatch by fields is checked
// on machines without Node.js too.
func TestEditorSchemaV5(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource("editor.json", bytes.NewReader(schema.EditorJSON())); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("editor.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cleanInstances(t, t.TempDir()) {
		data, _ := os.ReadFile(f)
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
	}
	for _, tc := range editorCases {
		var v any
		if err := json.Unmarshal([]byte(tc.src), &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); (err == nil) != tc.valid {
			t.Errorf("%s: valid = %v, want %v (%v)", tc.name, err == nil, tc.valid, err)
		}
	}
}

// ajvModules returns the node_modules folder holding ajv, installing it with the
// project's script when node is there but ajv is not. Without node the test is skipped,
// except in CI (CI=true), where a missing tool is a failure.
func ajvModules(t *testing.T) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " (CI=true: scripts/ensure-tools.sh must install it)")
		}
		t.Skip(msg + ": skipping the ajv strict-mode check (run `make tools` to install it)")
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing("node not found")
	}
	dir, err := filepath.Abs("../../.tools/ajv/node_modules")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ajv")); err != nil {
		if out, err := exec.Command("../../scripts/ensure-ajv.sh").CombinedOutput(); err != nil {
			t.Fatalf("scripts/ensure-ajv.sh: %v\n%s", err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ajv")); err != nil {
		missing("ajv not installed in .tools/ajv (npm missing?)")
	}
	return dir
}

// TestEditorSchemaAjvStrict runs ajv (draft 2020-12, strict mode, the validator VS
// Code's YAML support builds on) over `sagectl schema`: the schema must compile, every
// clean example must validate, and the broken editorCases and brokenExamples must not.
func TestEditorSchemaAjvStrict(t *testing.T) {
	modules := ajvModules(t)
	dir := t.TempDir()
	schemaFile := filepath.Join(dir, "editor.schema.json")
	if err := os.WriteFile(schemaFile, schema.EditorJSON(), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{} // instance file -> valid
	for _, f := range cleanInstances(t, dir) {
		want[f] = true
	}
	for i, tc := range editorCases {
		f := filepath.Join(dir, fmt.Sprintf("case%02d.json", i))
		if err := os.WriteFile(f, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		want[f] = tc.valid
	}
	broken := map[string][]string{} // examples/broken file -> its documents
	for _, name := range brokenExamples {
		broken[name] = instances(t, dir, "../../examples/broken/"+name)
	}
	all := map[string]bool{}
	for f := range want {
		all[f] = true
	}
	for _, docs := range broken {
		for _, f := range docs {
			all[f] = true
		}
	}
	got := runAjv(t, modules, schemaFile, all)
	for name, docs := range broken {
		refused := false
		for _, f := range docs {
			refused = refused || strings.HasPrefix(got[f], "invalid ")
		}
		if !refused {
			t.Errorf("ajv accepts every document of examples/broken/%s", name)
		}
	}
	for f, valid := range want {
		line, ok := got[f]
		switch {
		case !ok:
			t.Errorf("%s: ajv printed nothing for it", filepath.Base(f))
		case valid && !strings.HasPrefix(line, "ok "):
			t.Errorf("ajv refuses a clean document: %s", line)
		case !valid && !strings.HasPrefix(line, "invalid "):
			t.Errorf("ajv accepts a broken document: %s", line)
		}
	}
}

// TestAjvStrictRefusesSagectlKeywords: the ajv check can fail: sagectl's own schema,
// with its x-sagectl- keywords, does not compile in strict mode.
func TestAjvStrictRefusesSagectlKeywords(t *testing.T) {
	modules := ajvModules(t)
	schemaFile := filepath.Join(t.TempDir(), "sagectl.schema.json")
	if err := os.WriteFile(schemaFile, schema.JSON(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "../../scripts/ajv/validate.mjs", schemaFile)
	cmd.Env = append(os.Environ(), "AJV_MODULES="+modules)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), `unknown keyword: "x-sagectl-`) {
		t.Errorf("ajv strict accepted sagectl's own schema: %v\n%s", err, out)
	}
}

// runAjv validates the instances with scripts/ajv/validate.mjs and returns its line
// for each instance file.
func runAjv(t *testing.T, modules, schemaFile string, instances map[string]bool) map[string]string {
	t.Helper()
	args := []string{"../../scripts/ajv/validate.mjs", schemaFile}
	for f := range instances {
		args = append(args, f)
	}
	cmd := exec.Command("node", args...)
	cmd.Env = append(os.Environ(), "AJV_MODULES="+modules)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ajv: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		_, rest, _ := strings.Cut(line, " ")
		f, _, _ := strings.Cut(rest, ": ")
		got[f] = line
	}
	return got
}
