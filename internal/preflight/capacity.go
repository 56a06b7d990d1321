package preflight

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// SageMaker is the SageMaker reads the capacity count makes of a live endpoint's fleet, of
// configs the plan does not create, and of the account's other endpoints.
type SageMaker interface {
	sagemaker.ListEndpointsAPIClient
	DescribeEndpoint(context.Context, *sagemaker.DescribeEndpointInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error)
	DescribeEndpointConfig(context.Context, *sagemaker.DescribeEndpointConfigInput, ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointConfigOutput, error)
}

// Quotas is the Service Quotas calls the capacity check makes.
type Quotas interface {
	servicequotas.ListAWSDefaultServiceQuotasAPIClient
	GetServiceQuota(context.Context, *servicequotas.GetServiceQuotaInput, ...func(*servicequotas.Options)) (*servicequotas.GetServiceQuotaOutput, error)
}

// fleet is instances of one type one endpoint needs at its peak, and where the manifests set
// them (no doc: the account's other endpoints).
type fleet struct {
	endpoint     string // manifest.NameKey of the endpoint
	instanceType string
	count        int64
	why          string
	doc          *manifest.Document
	ptr          string
}

// variant is one instance-based production variant: its type and count.
type variant struct {
	name, instanceType string
	count              int64
	doc                *manifest.Document
	ptr                string
}

// deploy counts the instances creating endpoint, or updating it to config, needs at the
// peak: a new endpoint its config's fleet; an update the new fleet while the old one still
// serves (blue/green, the default), or the old fleet plus one batch (rolling)
// (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html,
// https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html).
func (r *run) deploy(doc *manifest.Document, endpoint, config string, update bool, d *smtypes.DeploymentConfig) {
	if r.c.Quotas == nil {
		return
	}
	news, err := r.variants(config)
	if err != nil {
		r.report(doc, "/EndpointConfigName", notChecked("the instances endpoint "+endpoint+" needs", "sagemaker:DescribeEndpointConfig", err))
		return
	}
	for i := range news {
		if news[i].doc == nil { // a live config the plan does not create: where the endpoint names it
			news[i].doc, news[i].ptr = doc, "/EndpointConfigName"
		}
	}
	key := manifest.NameKey(endpoint)
	r.deployed[key] = config
	if !update {
		for _, g := range byType(news, func(v variant) int64 { return v.count }) {
			r.fleets = append(r.fleets, fleet{key, g.instanceType, g.count, fmt.Sprintf("endpoint %s: %d new%s", endpoint, g.count, g.in(" (%s)")), g.doc, g.ptr})
		}
		return
	}
	olds, err := r.liveFleet(endpoint)
	if err != nil {
		r.report(doc, "/EndpointName", notChecked("the instances endpoint "+endpoint+" runs", "sagemaker:DescribeEndpoint", err))
		return
	}
	how := "blue/green"
	add := func(v variant) int64 { return v.count }
	if d != nil && d.RollingUpdatePolicy != nil && d.RollingUpdatePolicy.MaximumBatchSize != nil {
		how = "rolling batch"
		add = func(v variant) int64 { return batch(d.RollingUpdatePolicy.MaximumBatchSize, v.count) }
	}
	for _, g := range byType(news, add) {
		old := olds[g.instanceType]
		delete(olds, g.instanceType)
		r.fleets = append(r.fleets, fleet{key, g.instanceType, old + g.count, fmt.Sprintf("endpoint %s: %d old + %d new (%s%s)", endpoint, old, g.count, how, g.in(": %s")), g.doc, g.ptr})
	}
	for _, t := range slices.Sorted(maps.Keys(olds)) { // types only the old fleet runs stay until the switch
		r.fleets = append(r.fleets, fleet{key, t, olds[t], fmt.Sprintf("endpoint %s: %d old", endpoint, olds[t]), doc, "/EndpointName"})
	}
}

// typeGroup is the variants of one instance type: the instances they add, how those split
// between them ("a 2, b 1"; "" for one variant), and where the first one is set.
type typeGroup struct {
	instanceType string
	count        int64
	split        string
	doc          *manifest.Document
	ptr          string
}

// byType groups vs by instance type in order of first appearance, adding add(v) of each.
func byType(vs []variant, add func(variant) int64) []typeGroup {
	var out []typeGroup
	parts := map[string][]string{}
	for _, v := range vs {
		i := slices.IndexFunc(out, func(g typeGroup) bool { return g.instanceType == v.instanceType })
		if i < 0 {
			out = append(out, typeGroup{instanceType: v.instanceType, doc: v.doc, ptr: v.ptr})
			i = len(out) - 1
		}
		out[i].count += add(v)
		parts[v.instanceType] = append(parts[v.instanceType], fmt.Sprintf("%s %d", v.name, add(v)))
	}
	for i, g := range out {
		if p := parts[g.instanceType]; len(p) > 1 {
			out[i].split = strings.Join(p, ", ")
		}
	}
	return out
}

// in is the split of g in format (a %s verb), or "" for one variant.
func (g typeGroup) in(format string) string {
	if g.split == "" {
		return ""
	}
	return fmt.Sprintf(format, g.split)
}

// batch is the instances one rolling batch adds for a variant of count instances.
func batch(b *smtypes.CapacitySize, count int64) int64 {
	v := int64(aws.ToInt32(b.Value))
	if b.Type == smtypes.CapacitySizeTypeCapacityPercent {
		v = int64(math.Ceil(float64(count) * float64(v) / 100))
	}
	return max(min(v, count), 1)
}

// variants returns the instance-based variants of config: from the plan's
// CreateEndpointConfig when it creates it (with the manifest position), else the live config.
func (r *run) variants(config string) ([]variant, error) {
	for _, c := range r.in.Calls {
		in, isCreate := c.Request().(*sagemaker.CreateEndpointConfigInput)
		if isCreate && strings.EqualFold(aws.ToString(in.EndpointConfigName), config) {
			return instanceVariants(in.ProductionVariants, c.Doc), nil
		}
	}
	if r.c.SageMaker == nil {
		return nil, nil
	}
	out, err := r.c.SageMaker.DescribeEndpointConfig(r.ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String(config)})
	if err != nil {
		return nil, err
	}
	return instanceVariants(out.ProductionVariants, nil), nil
}

func instanceVariants(vs []smtypes.ProductionVariant, doc *manifest.Document) []variant {
	var out []variant
	for i, v := range vs {
		if v.InstanceType == "" || v.InitialInstanceCount == nil {
			continue // serverless, or instances managed by inference components
		}
		out = append(out, variant{aws.ToString(v.VariantName), string(v.InstanceType), int64(*v.InitialInstanceCount), doc, pointer("ProductionVariants", i, "InstanceType")})
	}
	return out
}

// liveFleet returns the instances the live endpoint runs, per instance type.
func (r *run) liveFleet(endpoint string) (map[string]int64, error) {
	vs, err := r.liveVariants(endpoint)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, v := range vs {
		out[v.instanceType] += v.count
	}
	return out, nil
}

// liveVariants returns the instance-based variants the live endpoint runs, each with the
// instances it runs now (CurrentInstanceCount; its config's count while none is reported).
func (r *run) liveVariants(endpoint string) ([]variant, error) {
	if r.c.SageMaker == nil {
		return nil, nil
	}
	ep, err := r.c.SageMaker.DescribeEndpoint(r.ctx, &sagemaker.DescribeEndpointInput{EndpointName: aws.String(endpoint)})
	if err != nil {
		return nil, err
	}
	vs, err := r.variants(aws.ToString(ep.EndpointConfigName))
	if err != nil {
		return nil, &configError{aws.ToString(ep.EndpointConfigName), err}
	}
	running := map[string]int64{}
	for _, s := range ep.ProductionVariants {
		if s.CurrentInstanceCount != nil {
			running[aws.ToString(s.VariantName)] = int64(*s.CurrentInstanceCount)
		}
	}
	for i, v := range vs {
		if n, known := running[v.name]; known {
			vs[i].count = n
		}
	}
	return vs, nil
}

// configError is a failure to read the config a live endpoint runs (which may have been
// deleted while the endpoint runs it: its instances are then of unknown types).
type configError struct {
	config string
	err    error
}

func (e *configError) Error() string { return "its endpoint config " + e.config + ": " + e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

// capacity adds up the fleets per instance type and compares each peak with the quota.
func (r *run) capacity() {
	if len(r.fleets) == 0 {
		return
	}
	r.others()
	byType := map[string][]fleet{}
	for _, f := range r.fleets {
		byType[f.instanceType] = append(byType[f.instanceType], f)
	}
	quotas, err := r.quotaCodes()
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		fs := byType[t]
		need := plan.Capacity{InstanceType: t}
		for _, f := range fs {
			need.Peak += f.count
			need.Why = append(need.Why, f.why)
		}
		at := fs[0]
		name := t + " for endpoint usage"
		switch q, known := quotas[name]; {
		case err != nil:
			r.report(at.doc, at.ptr, notChecked("the quota "+name, "servicequotas:ListAWSDefaultServiceQuotas", err))
		case !known:
			r.report(at.doc, at.ptr, result{rule: "preflight-not-checked", sev: finding.Warning, msg: fmt.Sprintf("could not check the quota for %s: Service Quotas has no quota named %q", t, name)})
		default:
			need.Quota, need.QuotaSource = r.quotaValue(q, name, at)
			if need.QuotaSource != "" && float64(need.Peak) > need.Quota {
				r.report(at.doc, at.ptr, problem("preflight-instance-quota", "request a quota increase for "+name+" (Service Quotas console, or aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code "+q.code+"), or plan fewer instances",
					"the deployment needs %d %s at its peak (%s) but the account's quota %q is %g (%s)", need.Peak, t, strings.Join(need.Why, "; "), name, need.Quota, need.QuotaSource))
			}
		}
		r.needs = append(r.needs, need)
	}
}

// quota is a SageMaker quota's code and default value.
type quota struct {
	code string
	def  float64
}

// sagemakerService is SageMaker's service code in Service Quotas.
const sagemakerService = "sagemaker"

// quotaCodes lists SageMaker's quotas by name: their codes are not documented per instance
// type, so they are found by their names ("ml.m5.large for endpoint usage",
// https://docs.aws.amazon.com/sagemaker/latest/dg/regions-quotas.html).
func (r *run) quotaCodes() (map[string]quota, error) {
	out := map[string]quota{}
	p := servicequotas.NewListAWSDefaultServiceQuotasPaginator(r.c.Quotas, &servicequotas.ListAWSDefaultServiceQuotasInput{ServiceCode: aws.String(sagemakerService)})
	for p.HasMorePages() {
		page, err := p.NextPage(r.ctx)
		if err != nil {
			return nil, err
		}
		for _, q := range page.Quotas {
			out[aws.ToString(q.QuotaName)] = quota{aws.ToString(q.QuotaCode), aws.ToFloat64(q.Value)}
		}
	}
	return out, nil
}

// quotaValue is the account's applied value of q, or its default when none is applied
// (NoSuchResourceException: https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html).
func (r *run) quotaValue(q quota, name string, at fleet) (float64, string) {
	out, err := r.c.Quotas.GetServiceQuota(r.ctx, &servicequotas.GetServiceQuotaInput{ServiceCode: aws.String(sagemakerService), QuotaCode: aws.String(q.code)})
	switch {
	case code(err) == "NoSuchResourceException":
		return q.def, "default"
	case err != nil:
		r.report(at.doc, at.ptr, notChecked("the quota "+name, "servicequotas:GetServiceQuota", err))
		return 0, ""
	}
	return aws.ToFloat64(out.Quota.Value), "applied"
}
