package preflight

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/manifest"
)

// resize counts the instances an UpdateEndpointWeightsAndCapacities needs: each variant goes
// to its desired count in place, with no second fleet, so a variant's peak is the larger of
// what it runs and what it is asked for
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpointWeightsAndCapacities.html).
// After a swap in the same plan, what the variants run is the new config's fleet. A resize
// that raises no count adds nothing: the endpoint's instances are then counted among the
// account's other endpoints.
func (r *run) resize(doc *manifest.Document, in *sagemaker.UpdateEndpointWeightsAndCapacitiesInput) {
	if r.c.Quotas == nil {
		return
	}
	endpoint := aws.ToString(in.EndpointName)
	desired := map[string]int64{}
	for _, d := range in.DesiredWeightsAndCapacities {
		if d.DesiredInstanceCount != nil {
			desired[aws.ToString(d.VariantName)] = int64(*d.DesiredInstanceCount)
		}
	}
	key := manifest.NameKey(endpoint)
	var vs []variant
	var err error
	if config := r.deployed[key]; config != "" {
		vs, err = r.variants(config)
	} else {
		vs, err = r.liveVariants(endpoint)
	}
	if err != nil {
		r.report(doc, "/EndpointName", notChecked("the instances endpoint "+endpoint+" runs", "sagemaker:DescribeEndpoint", err))
		return
	}
	peak, raised, at := map[string]int64{}, map[string][]string{}, map[string]string{}
	for _, v := range vs {
		n := v.count
		if d, asked := desired[v.name]; asked && d > n {
			raised[v.instanceType] = append(raised[v.instanceType], fmt.Sprintf("%s %d → %d", v.name, n, d))
			n = d
			if at[v.instanceType] == "" {
				at[v.instanceType] = desiredCountAt(doc, v.name)
			}
		}
		peak[v.instanceType] += n
	}
	if len(raised) == 0 {
		return
	}
	if _, deployed := r.deployed[key]; !deployed {
		r.deployed[key] = "" // resized in place: no new config
	}
	for _, t := range slices.Sorted(maps.Keys(peak)) {
		why := fmt.Sprintf("endpoint %s: %d after resizing (%s)", endpoint, peak[t], strings.Join(raised[t], ", "))
		if len(raised[t]) == 0 {
			why = fmt.Sprintf("endpoint %s: %d running", endpoint, peak[t])
		}
		ptr := at[t]
		if ptr == "" {
			ptr = "/EndpointName"
		}
		r.merge(fleet{key, t, peak[t], why, doc, ptr})
	}
}

// desiredCountAt is the pointer of variant's DesiredInstanceCount in the Endpoint manifest
// doc, or "/DesiredWeightsAndCapacities" when no entry names the variant.
func desiredCountAt(doc *manifest.Document, variant string) string {
	if doc == nil {
		return ""
	}
	for i := 0; ; i++ {
		n, found := manifest.At(doc.Body, pointer("DesiredWeightsAndCapacities", i, "VariantName"))
		if !found {
			return "/DesiredWeightsAndCapacities"
		}
		if n != nil && n.Value == variant {
			return pointer("DesiredWeightsAndCapacities", i, "DesiredInstanceCount")
		}
	}
}

// merge adds f, or raises the fleet the same endpoint already needs of f's type to f's count
// when that is more: an endpoint's steps follow each other, so its peak is their largest.
func (r *run) merge(f fleet) {
	for i, g := range r.fleets {
		if g.endpoint != f.endpoint || g.instanceType != f.instanceType {
			continue
		}
		if f.count > g.count {
			r.fleets[i].count = f.count
			r.fleets[i].why = g.why + ", then " + strings.TrimPrefix(f.why, "endpoint ")
		}
		return
	}
	r.fleets = append(r.fleets, f)
}

// maxNamed is how many of the other endpoints a capacity line names.
const maxNamed = 5

// others adds, for each instance type the plan needs, the instances the account's other
// endpoints run of it: the quota "<type> for endpoint usage" counts every endpoint of the
// account and region (https://docs.aws.amazon.com/sagemaker/latest/dg/regions-quotas.html).
// Other endpoints are those the plan does not deploy, whoever owns them; a Failed endpoint
// runs no instance. They are read a bounded number at a time (Input.Concurrency).
func (r *run) others() {
	if r.c.SageMaker == nil {
		return
	}
	at := r.fleets[0]
	names, err := r.otherEndpoints()
	if err != nil {
		r.report(at.doc, at.ptr, notChecked("the instances the account's other endpoints run", "sagemaker:ListEndpoints", err))
		return
	}
	fleets, failed, err := r.readFleets(names)
	if err != nil {
		r.report(at.doc, at.ptr, notChecked(fmt.Sprintf("the instances %d of the account's other endpoints run (%s)", len(failed), strings.Join(failed, ", ")), "sagemaker:DescribeEndpoint and sagemaker:DescribeEndpointConfig", err))
	}
	needed := map[string]bool{}
	for _, f := range r.fleets {
		needed[f.instanceType] = true
	}
	for _, t := range slices.Sorted(maps.Keys(needed)) {
		var total int64
		var named []string
		for i, fl := range fleets {
			if n := fl[t]; n > 0 {
				total += n
				named = append(named, fmt.Sprintf("%s: %d", names[i], n))
			}
		}
		if total == 0 {
			continue
		}
		if len(named) > maxNamed {
			named = append(named[:maxNamed], fmt.Sprintf("%d more", len(named)-maxNamed))
		}
		r.fleets = append(r.fleets, fleet{"", t, total, fmt.Sprintf("%d running on the account's other endpoints (%s)", total, strings.Join(named, ", ")), nil, ""})
	}
}

// otherEndpoints lists the account's endpoints the plan does not deploy and that are not
// Failed, sorted by name.
func (r *run) otherEndpoints() ([]string, error) {
	var out []string
	p := sagemaker.NewListEndpointsPaginator(r.c.SageMaker, &sagemaker.ListEndpointsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(r.ctx)
		if err != nil {
			return nil, err
		}
		for _, e := range page.Endpoints {
			name := aws.ToString(e.EndpointName)
			if _, ours := r.deployed[manifest.NameKey(name)]; ours || e.EndpointStatus == smtypes.EndpointStatusFailed {
				continue
			}
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// readFleets reads what each endpoint runs, per instance type, at most Input.Concurrency at
// a time. An endpoint deleted since the list runs nothing; the endpoints whose read failed
// otherwise are returned with the first failure, and their entries are nil.
func (r *run) readFleets(names []string) ([]map[string]int64, []string, error) {
	out := make([]map[string]int64, len(names))
	errs := make([]error, len(names))
	fanout.Limit(len(names), r.workers(), func(i int) {
		out[i], errs[i] = r.liveFleet(names[i])
		if code(errs[i]) == "ValidationException" && !errors.As(errs[i], new(*configError)) { // gone since ListEndpoints
			out[i], errs[i] = map[string]int64{}, nil
		}
	})
	var failed []string
	var first error
	for i, err := range errs {
		if err != nil && first == nil {
			first = err
		}
		if err != nil {
			failed = append(failed, names[i])
		}
	}
	return out, failed, first
}
