package preflight

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// running adds to f a live endpoint on its own config, running n instances of type t in
// variant "main", with status s.
func running(f *fakeAWS, endpoint string, t smtypes.ProductionVariantInstanceType, n int32, s smtypes.EndpointStatus) {
	if f.endpoints == nil {
		f.endpoints = map[string]*sagemaker.DescribeEndpointOutput{}
		f.configs = map[string]*sagemaker.DescribeEndpointConfigOutput{}
	}
	f.endpoints[endpoint] = &sagemaker.DescribeEndpointOutput{EndpointName: aws.String(endpoint), EndpointConfigName: aws.String(endpoint + "-config"), EndpointStatus: s,
		ProductionVariants: []smtypes.ProductionVariantSummary{{VariantName: aws.String("main"), CurrentInstanceCount: aws.Int32(n)}}}
	f.configs[endpoint+"-config"] = &sagemaker.DescribeEndpointConfigOutput{ProductionVariants: []smtypes.ProductionVariant{
		{VariantName: aws.String("main"), InstanceType: t, InitialInstanceCount: aws.Int32(1)}}}
}

func TestOtherEndpointsCountAgainstTheQuota(t *testing.T) {
	f := healthy()
	running(f, "a", smtypes.ProductionVariantInstanceTypeMlM5Large, 3, smtypes.EndpointStatusInService)
	running(f, "b", smtypes.ProductionVariantInstanceTypeMlC5Xlarge, 7, smtypes.EndpointStatusInService) // another type: not named
	pf := check(t, base, f)
	want(t, pf, "preflight-instance-quota", 17, 19, "needs 5 ml.m5.large at its peak (endpoint e: 2 new; 3 running on the account's other endpoints (a: 3))")
	if len(pf.Capacity) != 1 || pf.Capacity[0].Peak != 5 {
		t.Errorf("capacity = %+v, want only ml.m5.large with a peak of 5", pf.Capacity)
	}
}

func TestFailedAndVanishedEndpointsRunNothing(t *testing.T) {
	f := healthy()
	running(f, "broken", smtypes.ProductionVariantInstanceTypeMlM5Large, 9, smtypes.EndpointStatusFailed)
	running(f, "gone", smtypes.ProductionVariantInstanceTypeMlM5Large, 9, smtypes.EndpointStatusInService)
	running(f, "small", smtypes.ProductionVariantInstanceTypeMlM5Large, 1, smtypes.EndpointStatusInService)
	// "gone" is listed but deleted before it is described.
	fake := &vanishing{fakeAWS: f, gone: "gone"}
	pf := Run(t.Context(), fake.clients(), input(t, base, &live.Dir{}))
	if len(pf.Findings) != 0 || len(pf.Capacity) != 1 || pf.Capacity[0].Peak != 3 {
		t.Fatalf("want a peak of 3 (2 new + 1 on small), no findings; got %+v %v", pf.Capacity, pf.Findings)
	}
	if got := pf.Capacity[0].Why[1]; got != "1 running on the account's other endpoints (small: 1)" {
		t.Errorf("why = %q", got)
	}
}

// vanishing is an account where endpoint gone is listed but no longer described.
type vanishing struct {
	*fakeAWS
	gone string
}

func (v *vanishing) DescribeEndpoint(ctx context.Context, in *sagemaker.DescribeEndpointInput, o ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error) {
	if *in.EndpointName == v.gone {
		return nil, apiErr("ValidationException")
	}
	return v.fakeAWS.DescribeEndpoint(ctx, in, o...)
}

func (v *vanishing) clients() Clients {
	c := v.fakeAWS.clients()
	c.SageMaker = v
	return c
}

func TestUnlistableEndpointsAreAWarningNamingThePermission(t *testing.T) {
	f := healthy()
	f.errs = map[string]error{"ListEndpoints": apiErr("AccessDeniedException")}
	pf := check(t, base, f)
	got := want(t, pf, "preflight-not-checked", 17, 19, "sagemaker:ListEndpoints")
	if !strings.Contains(got.Message, "the account's other endpoints") {
		t.Errorf("message %q does not say what went unchecked", got.Message)
	}
	if len(pf.Capacity) != 1 || pf.Capacity[0].Peak != 2 {
		t.Errorf("capacity = %+v, want the plan's own 2", pf.Capacity)
	}
}

func TestUndescribableOtherEndpointIsAWarningNamingIt(t *testing.T) {
	f := healthy()
	running(f, "a", smtypes.ProductionVariantInstanceTypeMlM5Large, 3, smtypes.EndpointStatusInService)
	delete(f.configs, "a-config") // the config a runs was deleted: its instances' type is unknown
	pf := check(t, base, f)
	want(t, pf, "preflight-not-checked", 17, 19, "the instances 1 of the account's other endpoints run (a)")
}

// TestResizeCountsTheRaisedVariant: weights-only raises variant current from 2 to 3
// ml.m5.xlarge in place (UpdateEndpointWeightsAndCapacities); challenger keeps its 1.
func TestResizeCountsTheRaisedVariant(t *testing.T) {
	yaml, err := os.ReadFile("../../testdata/plan/weights-only/manifests/churn.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := live.OpenDir("../../testdata/plan/weights-only/live")
	if err != nil {
		t.Fatal(err)
	}
	f := healthy()
	f.endpoints = map[string]*sagemaker.DescribeEndpointOutput{"churn-prod": {EndpointName: aws.String("churn-prod"), EndpointConfigName: aws.String("churn-prod"), EndpointStatus: smtypes.EndpointStatusInService,
		ProductionVariants: []smtypes.ProductionVariantSummary{
			{VariantName: aws.String("current"), CurrentInstanceCount: aws.Int32(2)},
			{VariantName: aws.String("challenger"), CurrentInstanceCount: aws.Int32(1)}}}}
	f.configs = map[string]*sagemaker.DescribeEndpointConfigOutput{"churn-prod": {ProductionVariants: []smtypes.ProductionVariant{
		{VariantName: aws.String("current"), InstanceType: smtypes.ProductionVariantInstanceTypeMlM5Xlarge, InitialInstanceCount: aws.Int32(2)},
		{VariantName: aws.String("challenger"), InstanceType: smtypes.ProductionVariantInstanceTypeMlM5Xlarge, InitialInstanceCount: aws.Int32(1)}}}}
	f.defaults = map[string]float64{"ml.m5.xlarge for endpoint usage": 3}
	pf := checkAgainst(t, string(yaml), f, r)
	var quota []plan.PreflightFinding
	for _, fd := range pf.Findings {
		if fd.Rule == "preflight-instance-quota" {
			quota = append(quota, fd)
		}
	}
	if len(quota) != 1 {
		t.Fatalf("want one quota finding, got %v", pf.Findings)
	}
	const msg = "needs 4 ml.m5.xlarge at its peak (endpoint churn-prod: 4 after resizing (current 2 → 3))"
	if q := quota[0]; q.Line != 40 || q.Col != 27 || !strings.Contains(q.Message, msg) {
		t.Fatalf("got %s, want m.yaml:40:27 containing %q", q.Finding, msg)
	}
	if f.calls["ListEndpoints"] != 1 {
		t.Errorf("ListEndpoints called %d times, want 1", f.calls["ListEndpoints"])
	}
}

// TestSavedPlanFindingsAreAtTheCallsLines: a saved plan has no manifests; its findings point
// at the inputs of its calls in the plan file.
func TestSavedPlanFindingsAreAtTheCallsLines(t *testing.T) {
	p, _ := planOf(t, strings.Replace(base, "role/sm", "role/gone", 1), &live.Dir{})
	var buf bytes.Buffer
	if err := p.Saved().Bind(plan.Target{Account: "123456789012", Region: "us-east-1"}, "test").Write(&buf); err != nil {
		t.Fatal(err)
	}
	s, err := plan.ParseSaved("plan.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	calls, err := FromSaved(s, manifest.NewFile("plan.json", s.Source()))
	if err != nil {
		t.Fatal(err)
	}
	pf := Run(t.Context(), healthy().clients(), Input{Calls: calls, Region: "us-east-1", Account: "123456789012"})
	var line, col int
	for i, l := range strings.Split(buf.String(), "\n") {
		if k := strings.Index(l, `"ExecutionRoleArn": `); k >= 0 {
			line, col = i+1, k+len(`"ExecutionRoleArn": `)+1
		}
	}
	if len(pf.Findings) != 1 || pf.Findings[0].File != "plan.json" || pf.Findings[0].Line != line || pf.Findings[0].Col != col {
		t.Fatalf("want one finding at plan.json:%d:%d, got %v", line, col, pf.Findings)
	}

	if _, err := FromSaved(s, manifest.NewFile("other.json", []byte(`{"actions": []}`))); err == nil || !strings.Contains(err.Error(), "other.json: action 1 has no input") {
		t.Errorf("positions from a file that is not the plan: err = %v", err)
	}
}

// TestVariantsOfOneTypeAreOneFleet: two variants of one instance type are one line of the
// capacity, with how the instances split between them.
func TestVariantsOfOneTypeAreOneFleet(t *testing.T) {
	twoVariants := base[:strings.Index(base, "---\nkind: Endpoint\n")] + `  - VariantName: extra
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 3
` + base[strings.Index(base, "---\nkind: Endpoint\n"):]
	pf := check(t, twoVariants, healthy())
	want(t, pf, "preflight-instance-quota", 17, 19, "needs 5 ml.m5.large at its peak (endpoint e: 5 new (main 2, extra 3))")
}
