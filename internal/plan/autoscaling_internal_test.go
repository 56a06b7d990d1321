package plan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// The live side of the autoscaling tests: model m; config c1 (variant current on
// ml.m5.large) that endpoint e uses, InService, three instances set by the autoscaler;
// the variant's target (this project's unless told) and its policy.
const (
	asModel    = `{"ModelName": "m", "ModelArn": "arn:aws:sagemaker:us-east-1:1:model/m", "PrimaryContainer": {"Image": "i"}, "ExecutionRoleArn": "r", "Tags": [{"Key": "sagectl:managed-by", "Value": "sagectl"}]}`
	asConfig   = `{"EndpointConfigName": "c1", "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:1:endpoint-config/c1", "Tags": [{"Key": "sagectl:managed-by", "Value": "sagectl"}], "ProductionVariants": [{"VariantName": "current", "ModelName": "m", "InstanceType": "ml.m5.large", "InitialInstanceCount": 1, "InitialVariantWeight": 1}]}`
	asEndpoint = `{"EndpointName": "e", "EndpointArn": "arn:aws:sagemaker:us-east-1:1:endpoint/e", "EndpointConfigName": "c1", "EndpointStatus": "InService", "Tags": [{"Key": "sagectl:managed-by", "Value": "sagectl"}],
		"ProductionVariants": [{"VariantName": "current", "CurrentWeight": 1, "DesiredWeight": 1, "CurrentInstanceCount": 3, "DesiredInstanceCount": 3}]}`
	asTarget = `{"ScalableTargets": [{"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/current", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
		"MinCapacity": 1, "MaxCapacity": 4, "ScalableTargetARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/0e1"}]}`
	asTargetTags = `{"ResourceARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/0e1", "Tags": {"sagectl:managed-by": "sagectl"}}`
	asPolicy     = `{"ScalingPolicies": [{"PolicyARN": "arn:p", "PolicyName": "invocations", "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/current",
		"ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "TargetTrackingScaling",
		"TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}}}]}`
)

// asManifests declares m, config c2 (variant current on instanceType), endpoint e on c2,
// and the variant's target (Min 1, Max max) and policy.
func asManifests(instanceType, max string) string {
	return `kind: Model
ModelName: m
PrimaryContainer: {Image: i}
ExecutionRoleArn: r
---
kind: EndpointConfig
EndpointConfigName: c2
ProductionVariants:
  - {VariantName: current, ModelName: m, InstanceType: ` + instanceType + `, InitialInstanceCount: 1, InitialVariantWeight: 1}
---
kind: Endpoint
EndpointName: e
EndpointConfigName: c2
---
kind: ScalableTarget
ServiceNamespace: sagemaker
ResourceId: endpoint/e/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
MinCapacity: 1
MaxCapacity: ` + max + `
---
kind: ScalingPolicy
PolicyName: invocations
ServiceNamespace: sagemaker
ResourceId: endpoint/e/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
PolicyType: TargetTrackingScaling
TargetTrackingScalingPolicyConfiguration:
  TargetValue: 70
  PredefinedMetricSpecification: {PredefinedMetricType: SageMakerVariantInvocationsPerInstance}
`
}

func asPlan(t *testing.T, manifests string, files map[string]string) *Plan {
	t.Helper()
	return asPlanWith(t, manifests, files, Options{})
}

func asPlanWith(t *testing.T, manifests string, files map[string]string, opt Options) *Plan {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := live.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, docs, _ := manifest.Parse("as.yaml", []byte(manifests))
	p, err := Build(context.Background(), &manifest.Set{Docs: docs}, d, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// ops returns the operations of the action on kind/name, or "absent".
func ops(p *Plan, kind manifest.Kind, name string) (ActionKind, string) {
	for _, a := range p.Actions {
		if a.Resource == kind && a.PhysicalName == name {
			var out []string
			for _, c := range a.Calls {
				out = append(out, c.Operation)
			}
			return a.Kind, strings.Join(out, " ")
		}
	}
	return "", "absent"
}

func liveFiles(extra map[string]string) map[string]string {
	files := map[string]string{"m.json": asModel, "c1.json": asConfig, "e.json": asEndpoint, "t.json": asTarget, "tt.json": asTargetTags, "p.json": asPolicy}
	for k, v := range extra {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	return files
}

const policyKey = "endpoint/e/variant/current:policyName/invocations"

// TestPlanInstanceTypeChange: an update that changes an autoscaled variant's instance
// type deletes the policy and deregisters the target before UpdateEndpoint and registers
// them again after it, in the endpoint's own action (its calls run in order, the next
// one after the swap is verified), keeping the live counts; the target and policy
// actions are then no-ops.
func TestPlanInstanceTypeChange(t *testing.T) {
	p := asPlan(t, asManifests("ml.c5.xlarge", "4"), liveFiles(nil))
	kind, calls := ops(p, manifest.KindEndpoint, "e")
	if kind != SwapConfig || !strings.HasPrefix(calls, "DeleteScalingPolicy DeregisterScalableTarget UpdateEndpoint RegisterScalableTarget PutScalingPolicy") {
		t.Fatalf("endpoint e: %s %s", kind, calls)
	}
	for _, a := range p.Actions {
		if a.Resource != manifest.KindEndpoint {
			continue
		}
		if a.Blocked != "" || !strings.Contains(a.Reason, docAutoscaledUpdate) {
			t.Errorf("endpoint e: blocked %q, reason %q", a.Blocked, a.Reason)
		}
		if in := string(a.Calls[2].Input); !strings.Contains(in, `"RetainAllVariantProperties":true`) {
			t.Errorf("UpdateEndpoint of an autoscaled endpoint does not keep the counts: %s", in)
		}
		if in := string(a.Calls[3].Input); !strings.Contains(in, `"MaxCapacity":4`) {
			t.Errorf("re-registration: %s", in)
		}
	}
	if k, c := ops(p, manifest.KindScalableTarget, "endpoint/e/variant/current"); k != NoOp || c != "" {
		t.Errorf("target: %s %q", k, c)
	}
	if k, c := ops(p, manifest.KindScalingPolicy, policyKey); k != NoOp || c != "" {
		t.Errorf("policy: %s %q", k, c)
	}
}

// TestPlanSameTypeUpdate: an update that keeps the instance type is not wrapped, but
// keeps the autoscaled counts; a changed Max is one in-place RegisterScalableTarget
// without tags (the API refuses tags on an existing target).
func TestPlanSameTypeUpdate(t *testing.T) {
	p := asPlan(t, asManifests("ml.m5.large", "6"), liveFiles(nil))
	if kind, calls := ops(p, manifest.KindEndpoint, "e"); kind != SwapConfig || strings.Contains(calls, "Register") || !strings.HasPrefix(calls, "UpdateEndpoint") {
		t.Errorf("endpoint e: %s %s", kind, calls)
	}
	if kind, calls := ops(p, manifest.KindScalableTarget, "endpoint/e/variant/current"); kind != Update || calls != "RegisterScalableTarget" {
		t.Errorf("target: %s %s", kind, calls)
	}
	for _, a := range p.Actions {
		if a.Resource == manifest.KindEndpoint && !strings.Contains(string(a.Calls[0].Input), `"RetainAllVariantProperties":true`) {
			t.Errorf("UpdateEndpoint: %s", a.Calls[0].Input)
		}
		if a.Resource == manifest.KindScalableTarget && strings.Contains(string(a.Calls[0].Input), "Tags") {
			t.Errorf("in-place RegisterScalableTarget with tags: %s", a.Calls[0].Input)
		}
	}
	if kind, calls := ops(p, manifest.KindScalingPolicy, policyKey); kind != NoOp || calls != "" {
		t.Errorf("policy: %s %q", kind, calls)
	}
}

// TestPlanTargetNotOurs: a target with no ownership tag is neither deregistered for an
// instance-type change (the endpoint's update is blocked) nor changed in place.
func TestPlanTargetNotOurs(t *testing.T) {
	untagged := map[string]string{"tt.json": `{"ResourceARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/0e1", "Tags": {}}`}
	p := asPlan(t, asManifests("ml.c5.xlarge", "6"), liveFiles(untagged))
	for _, a := range p.Actions {
		switch a.Resource {
		case manifest.KindEndpoint:
			if !strings.Contains(a.Blocked, "not this project's to deregister") {
				t.Errorf("endpoint: blocked %q", a.Blocked)
			}
		case manifest.KindScalableTarget:
			if a.Kind != Update || !strings.Contains(a.Blocked, "not changed") {
				t.Errorf("target: %s blocked %q", a.Kind, a.Blocked)
			}
		}
	}
}

// TestPlanNewAutoscaledEndpoint: nothing exists: the target is registered after the
// endpoint is created and the policy put after its target (depends.go).
func TestPlanNewAutoscaledEndpoint(t *testing.T) {
	p := asPlan(t, asManifests("ml.c5.xlarge", "4"), map[string]string{})
	if kind, calls := ops(p, manifest.KindScalableTarget, "endpoint/e/variant/current"); kind != Create || calls != "RegisterScalableTarget" {
		t.Errorf("target: %s %s", kind, calls)
	}
	if kind, calls := ops(p, manifest.KindScalingPolicy, policyKey); kind != Create || calls != "PutScalingPolicy" {
		t.Errorf("policy: %s %s", kind, calls)
	}
	deps := dependsOn(p.Actions)
	pos := map[manifest.Kind]int{}
	for i, a := range p.Actions {
		pos[a.Resource] = i + 1
	}
	has := func(i int, want int) bool {
		for _, d := range deps[i-1] {
			if d == want {
				return true
			}
		}
		return false
	}
	if !has(pos[manifest.KindScalableTarget], pos[manifest.KindEndpoint]) || !has(pos[manifest.KindScalingPolicy], pos[manifest.KindScalableTarget]) {
		t.Errorf("depends_on = %v (positions %v)", deps, pos)
	}
}

// TestPlanAutoscalerCountNotDrift: the manifest's DesiredInstanceCount for an
// autoscaled variant is not compared with the count the autoscaler set.
func TestPlanAutoscalerCountNotDrift(t *testing.T) {
	m := strings.Replace(asManifests("ml.m5.large", "4"), "EndpointConfigName: c2\n---\nkind: ScalableTarget",
		"EndpointConfigName: c1\nDesiredWeightsAndCapacities: [{VariantName: current, DesiredWeight: 1, DesiredInstanceCount: 1}]\n---\nkind: ScalableTarget", 1)
	p := asPlan(t, m, liveFiles(nil))
	if kind, calls := ops(p, manifest.KindEndpoint, "e"); kind != NoOp {
		t.Errorf("endpoint e: %s %s: the autoscaler's count (3) was taken for drift", kind, calls)
	}
}

// TestPlanBlockedSwapLeavesTargets: when the endpoint's update is blocked (here: it is
// Updating), its targets are not reported as re-registered by it: a changed Max is
// still planned on the target itself (depending on the endpoint's action: depends.go).
func TestPlanBlockedSwapLeavesTargets(t *testing.T) {
	busy := map[string]string{"e.json": strings.Replace(asEndpoint, `"InService"`, `"Updating"`, 1)}
	p := asPlan(t, asManifests("ml.c5.xlarge", "6"), liveFiles(busy))
	if kind, calls := ops(p, manifest.KindScalableTarget, "endpoint/e/variant/current"); kind != Update || calls != "RegisterScalableTarget" {
		t.Errorf("target: %s %q", kind, calls)
	}
}

// TestSavedAutoscalingPlan: the wrapped swap survives the saved plan: it validates,
// its calls decode again into the same SDK inputs in the same order, and the target's
// registration after a create depends on the endpoint's action.
func TestSavedAutoscalingPlan(t *testing.T) {
	for name, p := range map[string]*Plan{
		"swap":   asPlan(t, asManifests("ml.c5.xlarge", "4"), liveFiles(nil)),
		"create": asPlan(t, asManifests("ml.c5.xlarge", "4"), map[string]string{}),
	} {
		var buf strings.Builder
		if err := p.Saved().Bind(Target{Account: "111122223333", Region: "us-east-1"}, "dev").Write(&buf); err != nil {
			t.Fatal(err)
		}
		s, err := ParseSaved("plan.json", []byte(buf.String()))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got, want []string
		for i, a := range s.Actions {
			for j, c := range a.Calls {
				got = append(got, fmt.Sprintf("%s %T", c.Operation, c.Request()))
				want = append(want, fmt.Sprintf("%s %T", p.Actions[i].Calls[j].Operation, p.Actions[i].Calls[j].Request()))
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") || !strings.Contains(strings.Join(got, ","), "applicationautoscaling.RegisterScalableTargetInput") {
			t.Errorf("%s: calls %v, want %v", name, got, want)
		}
		ids := map[manifest.Kind]SavedAction{}
		for _, a := range s.Actions {
			ids[a.Resource] = a
		}
		if name == "create" && !slices.Contains(ids[manifest.KindScalableTarget].DependsOn, ids[manifest.KindEndpoint].ID) {
			t.Errorf("create: the target's registration does not depend on the endpoint's create: %+v", ids[manifest.KindScalableTarget])
		}
	}
}

// TestPlanScheduledAction: a scheduled action whose schedule changed is one
// PutScheduledAction after its target; the same StartTime in another RFC 3339 spelling
// is no change; an absent one is created.
func TestPlanScheduledAction(t *testing.T) {
	action := func(schedule string) string {
		return `
---
kind: ScheduledAction
ScheduledActionName: nightly
ServiceNamespace: sagemaker
ResourceId: endpoint/e/variant/current
ScalableDimension: sagemaker:variant:DesiredInstanceCount
Schedule: ` + schedule + `
StartTime: "2026-01-01T01:00:00+01:00"
ScalableTargetAction: {MinCapacity: 1, MaxCapacity: 2}
`
	}
	liveAction := `{"ScheduledActions": [{"ScheduledActionName": "nightly", "ScheduledActionARN": "arn:s", "ServiceNamespace": "sagemaker",
		"Schedule": "cron(0 22 * * ? *)", "StartTime": "2026-01-01T00:00:00Z", "ResourceId": "endpoint/e/variant/current",
		"ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "ScalableTargetAction": {"MinCapacity": 1, "MaxCapacity": 2}}]}`
	key := "endpoint/e/variant/current:scheduledActionName/nightly"
	p := asPlan(t, asManifests("ml.m5.large", "4")+action("cron(0 22 * * ? *)"), liveFiles(map[string]string{"s.json": liveAction}))
	if kind, calls := ops(p, manifest.KindScheduledAction, key); kind != NoOp {
		t.Errorf("unchanged scheduled action: %s %s", kind, calls)
	}
	p = asPlan(t, asManifests("ml.m5.large", "4")+action("cron(0 23 * * ? *)"), liveFiles(map[string]string{"s.json": liveAction}))
	if kind, calls := ops(p, manifest.KindScheduledAction, key); kind != Update || calls != "PutScheduledAction" {
		t.Errorf("changed schedule: %s %s", kind, calls)
	}
	p = asPlan(t, asManifests("ml.m5.large", "4")+action("cron(0 22 * * ? *)"), liveFiles(nil))
	if kind, calls := ops(p, manifest.KindScheduledAction, key); kind != Create || calls != "PutScheduledAction" {
		t.Errorf("absent scheduled action: %s %s", kind, calls)
	}
	p = asPlan(t, asManifests("ml.c5.xlarge", "4")+action("cron(0 22 * * ? *)"), liveFiles(map[string]string{"s.json": liveAction}))
	if _, calls := ops(p, manifest.KindEndpoint, "e"); !strings.Contains(calls, "DeleteScalingPolicy DeleteScheduledAction DeregisterScalableTarget UpdateEndpoint RegisterScalableTarget PutScalingPolicy PutScheduledAction") {
		t.Errorf("instance type change with a scheduled action: %s", calls)
	}
}

// TestPlanTargetTags: a target whose manifest tags differ from the live ones is a tag
// action of TagResource/UntagResource on its ARN (its sagectl: tags kept); a target
// not this project's is blocked.
func TestPlanTargetTags(t *testing.T) {
	m := strings.Replace(asManifests("ml.m5.large", "4"), "MaxCapacity: 4\n", "MaxCapacity: 4\nTags: {team: ml}\n", 1)
	tagged := map[string]string{"tt.json": `{"ResourceARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/0e1", "Tags": {"sagectl:managed-by": "sagectl", "owner": "bob"}}`}
	p := asPlan(t, m, liveFiles(tagged))
	kind, calls := ops(p, manifest.KindScalableTarget, "endpoint/e/variant/current")
	if kind != Tag || calls != "TagResource UntagResource" {
		t.Fatalf("target tags: %s %q", kind, calls)
	}
	for _, a := range p.Actions {
		if a.Resource == manifest.KindScalableTarget {
			if in := string(a.Calls[0].Input); !strings.Contains(in, `"team":"ml"`) || strings.Contains(in, "sagectl:") {
				t.Errorf("TagResource input %s", in)
			}
			if in := string(a.Calls[1].Input); !strings.Contains(in, `"TagKeys":["owner"]`) {
				t.Errorf("UntagResource input %s", in)
			}
		}
	}
	notOurs := map[string]string{"tt.json": `{"ResourceARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/0e1", "Tags": {"owner": "bob"}}`}
	p = asPlan(t, m, liveFiles(notOurs))
	for _, a := range p.Actions {
		if a.Resource == manifest.KindScalableTarget && (a.Kind != Tag || !strings.Contains(a.Blocked, "not changed")) {
			t.Errorf("target not ours: %s blocked %q", a.Kind, a.Blocked)
		}
	}
}

// TestPruneAutoscaling: with --prune, this project's target that no manifest declares is
// deregistered (its policy goes with it, so no DeleteScalingPolicy) before its endpoint
// is deleted; a policy no manifest declares on a declared target is deleted; an endpoint
// scaled by a target that is not this project's is not deleted.
func TestPruneAutoscaling(t *testing.T) {
	// Only the model and config are declared: endpoint e, its target and policy are pruned.
	m := strings.SplitN(asManifests("ml.m5.large", "4"), "---\nkind: Endpoint\n", 2)[0]
	m = strings.Replace(m, "EndpointConfigName: c2", "EndpointConfigName: c1", 1)
	p := asPlanWith(t, m, liveFiles(nil), Options{Prune: true})
	var order []string
	for _, a := range p.Actions {
		for _, c := range a.Calls {
			order = append(order, c.Operation)
		}
	}
	if got := strings.Join(order, " "); got != "DeregisterScalableTarget DeleteEndpoint" {
		t.Errorf("prune calls = %s", got)
	}
	deps := dependsOn(p.Actions)
	for i, a := range p.Actions {
		if a.Resource == manifest.KindEndpoint && a.Kind == Delete && len(deps[i]) == 0 {
			t.Errorf("DeleteEndpoint does not wait for the deregistration")
		}
	}

	// A declared target keeps; its undeclared policy is deleted.
	noPolicy := strings.SplitN(asManifests("ml.m5.large", "4"), "---\nkind: ScalingPolicy\n", 2)[0]
	noPolicy = strings.Replace(noPolicy, "EndpointConfigName: c2", "EndpointConfigName: c1", 2)
	p = asPlanWith(t, noPolicy, liveFiles(nil), Options{Prune: true})
	if kind, calls := ops(p, manifest.KindScalingPolicy, policyKey); kind != Delete || calls != "DeleteScalingPolicy" {
		t.Errorf("undeclared policy: %s %s", kind, calls)
	}

	// Another project's target on the endpoint: the endpoint is not deleted.
	foreign := map[string]string{"tt.json": `{"ResourceARN": "arn:aws:application-autoscaling:us-east-1:1:scalable-target/0e1", "Tags": {"sagectl:managed-by": "sagectl", "sagectl:project": "billing"}}`}
	p = asPlanWith(t, m, liveFiles(foreign), Options{Prune: true})
	for _, a := range p.Actions {
		if a.Resource == manifest.KindEndpoint && (a.Kind != Delete || !strings.Contains(a.Blocked, "not this project's")) {
			t.Errorf("endpoint with a foreign target: %s blocked %q", a.Kind, a.Blocked)
		}
		if a.Resource == manifest.KindScalableTarget && a.Kind == Delete {
			t.Errorf("another project's target is deregistered")
		}
	}
	if len(p.Unmanaged) == 0 {
		t.Error("the foreign target is not listed as unmanaged")
	}
}

// TestPlanUndeclaredAutoscaling: manifests that declare no autoscaling still plan an
// instance-type change around the live target and policy this project registered by
// hand, and register them again as they were; a change that keeps the type reads no
// target.
func TestPlanUndeclaredAutoscaling(t *testing.T) {
	bare := strings.SplitN(asManifests("ml.c5.xlarge", "4"), "---\nkind: ScalableTarget\n", 2)[0]
	p := asPlan(t, bare, liveFiles(nil))
	a := action(t, p, manifest.KindEndpoint, "e")
	var calls []string
	for _, c := range a.Calls {
		calls = append(calls, c.Operation)
	}
	if got := strings.Join(calls, " "); !strings.Contains(got, "DeleteScalingPolicy DeregisterScalableTarget UpdateEndpoint RegisterScalableTarget PutScalingPolicy") {
		t.Fatalf("calls = %s", got)
	}
	for _, c := range a.Calls {
		if c.Operation == "RegisterScalableTarget" && !strings.Contains(string(c.Input), `"MaxCapacity":4`) {
			t.Errorf("the live target is not restored as it was: %s", c.Input)
		}
	}
	same := strings.SplitN(asManifests("ml.m5.large", "4"), "---\nkind: ScalableTarget\n", 2)[0]
	p = asPlan(t, same, liveFiles(nil))
	for _, f := range p.Fingerprints {
		if f.Kind == manifest.KindScalableTarget {
			t.Errorf("a plan that changes no instance type read target %s", f.Name)
		}
	}
}

func action(t *testing.T, p *Plan, kind manifest.Kind, name string) Action {
	t.Helper()
	for _, a := range p.Actions {
		if a.Resource == kind && a.PhysicalName == name {
			return a
		}
	}
	t.Fatalf("no action on %s %s", kind, name)
	return Action{}
}
