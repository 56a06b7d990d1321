package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// icLive is DescribeInferenceComponent's answer for chat: model m1 on llm/main, two
// copies desired, this project's tags, in status status.
func icLive(t *testing.T, status string) *live.Resource {
	t.Helper()
	var body map[string]any
	dec := json.NewDecoder(strings.NewReader(`{"InferenceComponentName": "chat", "InferenceComponentArn": "arn:aws:sagemaker:us-east-1:1:inference-component/chat",
		"EndpointName": "llm", "VariantName": "main", "InferenceComponentStatus": "` + status + `", "FailureReason": "ping failed",
		"Specification": {"ModelName": "m1", "Container": {"ArtifactUrl": "s3://a/", "DeployedImage": {"SpecifiedImage": "img:1", "ResolvedImage": "img@sha256:1"}},
			"ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024, "NumberOfAcceleratorDevicesRequired": 1}},
		"RuntimeConfig": {"CurrentCopyCount": 2, "DesiredCopyCount": 2}}`))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		t.Fatal(err)
	}
	return &live.Resource{Kind: manifest.KindInferenceComponent, Name: "chat", ARN: body["InferenceComponentArn"].(string), Body: body,
		Tags: map[string]string{TagManagedBy: ManagedByValue, TagLogicalID: "chat"}}
}

// planChat plans the component chat of manifest body (the fields after its name) against
// l, with the documents of extra (a scalable target) beside it.
func planChat(t *testing.T, body string, l *live.Resource, extra string) Action {
	t.Helper()
	src := "kind: InferenceComponent\nInferenceComponentName: chat\nEndpointName: llm\nVariantName: main\n" + body + extra
	_, docs, fs := manifest.Parse("ic.yaml", []byte(src))
	if len(fs) > 0 {
		t.Fatalf("parse: %v", fs)
	}
	p := &planner{live: map[key]*live.Resource{}, desired: map[manifest.Kind][]*resource{}}
	var res *resource
	for _, d := range docs {
		r, err := desiredResource(d)
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind == manifest.KindInferenceComponent {
			res = r
		} else {
			p.desired[d.Kind] = append(p.desired[d.Kind], r)
		}
	}
	if l != nil {
		p.live[keyOf(manifest.KindInferenceComponent, "chat")] = l
	}
	p.planComponent(res)
	if p.err != nil {
		t.Fatal(p.err)
	}
	if len(p.actions) != 1 {
		t.Fatalf("actions = %+v", p.actions)
	}
	return p.actions[0]
}

const (
	icSpec = "Specification:\n  ModelName: m1\n  Container: {Image: \"img:1\", ArtifactUrl: \"s3://a/\"}\n" +
		"  ComputeResourceRequirements: {MinMemoryRequiredInMb: 1024, NumberOfAcceleratorDevicesRequired: 1}\n"
	icRolling   = "DeploymentConfig:\n  RollingUpdatePolicy: {MaximumBatchSize: {Type: COPY_COUNT, Value: 1}, WaitIntervalInSeconds: 60}\n"
	icCopyScale = "---\nkind: ScalableTarget\nServiceNamespace: sagemaker\nResourceId: inference-component/chat\n" +
		"ScalableDimension: sagemaker:inference-component:DesiredCopyCount\nMinCapacity: 1\nMaxCapacity: 6\n"
)

// calls renders an action's calls as "Operation input" lines.
func calls(a Action) string {
	var out []string
	for _, c := range a.Calls {
		out = append(out, c.Operation+" "+string(c.Input))
	}
	return strings.Join(out, "\n")
}

// TestPlanComponent: each difference gets the cheapest correct call, and the copy count an
// autoscaler sets is not drift.
func TestPlanComponent(t *testing.T) {
	for _, c := range []struct {
		name, body string
		live       *live.Resource
		extra      string
		kind       ActionKind
		calls      string
		blocked    string
	}{
		{name: "absent: create", body: icSpec + "RuntimeConfig: {CopyCount: 2}\n", kind: Create,
			calls: `CreateInferenceComponent {"EndpointName":"llm","InferenceComponentName":"chat","RuntimeConfig":{"CopyCount":2},"Specification":{"ComputeResourceRequirements":{"MinMemoryRequiredInMb":1024,"NumberOfAcceleratorDevicesRequired":1},"Container":{"ArtifactUrl":"s3://a/","Image":"img:1"},"ModelName":"m1"},"VariantName":"main"}`},
		{name: "same: no call", body: icSpec + "RuntimeConfig: {CopyCount: 2}\n" + icRolling, live: icLive(t, "InService"), kind: NoOp},
		{name: "copy count: UpdateInferenceComponentRuntimeConfig only", body: icSpec + "RuntimeConfig: {CopyCount: 4}\n" + icRolling, live: icLive(t, "InService"), kind: Update,
			calls: `UpdateInferenceComponentRuntimeConfig {"DesiredRuntimeConfig":{"CopyCount":4},"InferenceComponentName":"chat"}`},
		{name: "model: UpdateInferenceComponent with the rolling policy", body: strings.Replace(icSpec, "m1", "m2", 1) + "RuntimeConfig: {CopyCount: 2}\n" + icRolling,
			live: icLive(t, "InService"), kind: Update,
			calls: `UpdateInferenceComponent {"DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"COPY_COUNT","Value":1},"WaitIntervalInSeconds":60}},"InferenceComponentName":"chat","Specification":{"ComputeResourceRequirements":{"MinMemoryRequiredInMb":1024,"NumberOfAcceleratorDevicesRequired":1},"Container":{"ArtifactUrl":"s3://a/","Image":"img:1"},"ModelName":"m2"}}`},
		{name: "model and copies: one UpdateInferenceComponent", body: strings.Replace(icSpec, "img:1", "img:2", 1) + "RuntimeConfig: {CopyCount: 3}\n",
			live: icLive(t, "InService"), kind: Update,
			calls: `UpdateInferenceComponent {"InferenceComponentName":"chat","RuntimeConfig":{"CopyCount":3},"Specification":{"ComputeResourceRequirements":{"MinMemoryRequiredInMb":1024,"NumberOfAcceleratorDevicesRequired":1},"Container":{"ArtifactUrl":"s3://a/","Image":"img:2"},"ModelName":"m1"}}`},
		{name: "autoscaled copies: not drift", body: icSpec + "RuntimeConfig: {CopyCount: 1}\n", live: icLive(t, "InService"), extra: icCopyScale, kind: NoOp},
		{name: "in progress: blocked", body: icSpec + "RuntimeConfig: {CopyCount: 4}\n", live: icLive(t, "Updating"), kind: Update,
			calls: `UpdateInferenceComponentRuntimeConfig {"DesiredRuntimeConfig":{"CopyCount":4},"InferenceComponentName":"chat"}`, blocked: "inference component is Updating"},
		{name: "failed: blocked with its reason", body: strings.Replace(icSpec, "m1", "m2", 1) + "RuntimeConfig: {CopyCount: 2}\n", live: icLive(t, "Failed"), kind: Update,
			calls:   `UpdateInferenceComponent {"InferenceComponentName":"chat","Specification":{"ComputeResourceRequirements":{"MinMemoryRequiredInMb":1024,"NumberOfAcceleratorDevicesRequired":1},"Container":{"ArtifactUrl":"s3://a/","Image":"img:1"},"ModelName":"m2"}}`,
			blocked: "inference component is Failed (ping failed)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := planChat(t, c.body, c.live, c.extra)
			if a.Kind != c.kind || calls(a) != c.calls || !strings.Contains(a.Blocked, c.blocked) || (c.blocked == "") != (a.Blocked == "") {
				t.Errorf("got %s, blocked %q, calls\n%s\nwant %s, blocked %q, calls\n%s\n(reason %s)", a.Kind, a.Blocked, calls(a), c.kind, c.blocked, c.calls, a.Reason)
			}
		})
	}
}

// TestPlanComponentMovedOrNotOurs: a component moved to another variant is deleted and
// created again; one sagectl did not create is never changed.
func TestPlanComponentMovedOrNotOurs(t *testing.T) {
	l := icLive(t, "InService")
	l.Body["VariantName"] = "other"
	a := planChat(t, icSpec+"RuntimeConfig: {CopyCount: 2}\n", l, "")
	if a.Kind != Replace || !strings.HasPrefix(calls(a), `DeleteInferenceComponent {"InferenceComponentName":"chat"}`+"\nCreateInferenceComponent ") {
		t.Errorf("moved: %s\n%s", a.Kind, calls(a))
	}
	l = icLive(t, "InService")
	l.Tags = map[string]string{}
	a = planChat(t, icSpec+"RuntimeConfig: {CopyCount: 5}\n", l, "")
	if a.Blocked == "" || !strings.Contains(a.Blocked, "InferenceComponent chat: not changed") {
		t.Errorf("not ours: blocked %q", a.Blocked)
	}
}

// TestComponentDependencies: a component's create waits for its endpoint, its model and
// an adapter's base component; a copy-count target for the component's create; a delete
// for what came before it.
func TestComponentDependencies(t *testing.T) {
	act := func(kind manifest.Kind, name string, op string, input map[string]any) Action {
		c, err := newCall(op, input)
		if err != nil {
			t.Fatal(err)
		}
		return Action{Kind: Create, Resource: kind, Name: name, PhysicalName: name, Calls: []Call{c}}
	}
	actions := []Action{
		act(manifest.KindModel, "m", "CreateModel", map[string]any{"ModelName": "m"}),
		act(manifest.KindEndpoint, "llm", "CreateEndpoint", map[string]any{"EndpointName": "llm", "EndpointConfigName": "c"}),
		act(manifest.KindInferenceComponent, "chat", "CreateInferenceComponent", map[string]any{"InferenceComponentName": "chat", "EndpointName": "LLM",
			"Specification": map[string]any{"ModelName": "m"}}),
		act(manifest.KindInferenceComponent, "sql", "CreateInferenceComponent", map[string]any{"InferenceComponentName": "sql", "EndpointName": "llm",
			"Specification": map[string]any{"BaseInferenceComponentName": "chat"}}),
		act(manifest.KindScalableTarget, "inference-component/chat", "RegisterScalableTarget", map[string]any{"ServiceNamespace": "sagemaker",
			"ResourceId": "inference-component/chat", "ScalableDimension": "sagemaker:inference-component:DesiredCopyCount"}),
		act(manifest.KindInferenceComponent, "old", "DeleteInferenceComponent", map[string]any{"InferenceComponentName": "old"}),
	}
	deps := dependsOn(actions)
	if got := fmt.Sprint(deps[2], deps[3], deps[4], deps[5]); got != "[1 2] [2 3] [3] [1 2 3 4 5]" {
		t.Errorf("dependencies = %s", got)
	}
}

// TestComponentFingerprint: a component changed since the plan (its LastModifiedTime)
// makes the plan stale.
func TestComponentFingerprint(t *testing.T) {
	before := icLive(t, "InService")
	before.Body["LastModifiedTime"] = "2026-10-01T10:20:00.000000+00:00"
	after := icLive(t, "InService")
	after.Body["LastModifiedTime"] = "2026-10-01T11:00:00.000000+00:00"
	planned := Fingerprints{fingerprintOf(manifest.KindInferenceComponent, "chat", before)}
	if got := planned.Stale(Fingerprints{fingerprintOf(manifest.KindInferenceComponent, "chat", after)}); len(got) != 1 || !strings.Contains(got[0], "LastModifiedTime") {
		t.Errorf("stale = %v", got)
	}
	if got := planned.Stale(Fingerprints{fingerprintOf(manifest.KindInferenceComponent, "chat", before)}); len(got) != 0 {
		t.Errorf("unchanged component: stale = %v", got)
	}
}

// TestPlanComponentUndeclaredCopyTarget: a live copy-count target that no manifest
// declares still owns the copy count (3 live, 1 in the manifest): no runtime-config
// update; without that target the difference is planned.
func TestPlanComponentUndeclaredCopyTarget(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "plan", "inference-components-autoscaled")
	data, err := os.ReadFile(filepath.Join(dir, "manifests", "llm.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bare := strings.SplitN(string(data), "---\nkind: ScalableTarget\n", 2)[0]
	_, docs, _ := manifest.Parse("llm.yaml", []byte(bare))
	for _, liveDir := range []string{"with-target", "without-target"} {
		src := filepath.Join(dir, "live")
		d := t.TempDir()
		entries, _ := os.ReadDir(src)
		for _, e := range entries {
			if liveDir == "without-target" && strings.HasPrefix(e.Name(), "scalable-target") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		r, err := live.OpenDir(d)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Build(context.Background(), &manifest.Set{Docs: docs}, r, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, a := range p.Actions {
			if a.Resource == manifest.KindInferenceComponent {
				got = calls(a)
			}
		}
		if want := map[string]string{"with-target": "", "without-target": "UpdateInferenceComponentRuntimeConfig"}[liveDir]; !strings.HasPrefix(got, want) || (want == "") != (got == "") {
			t.Errorf("%s: component calls %q, want %q", liveDir, got, want)
		}
	}
}
