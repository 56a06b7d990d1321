package plan

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/plan/live"
)

// replaceFailed plans a Failed endpoint's recovery. DescribeEndpoint documents that
// "DeleteEndpoint is the only operation that can be performed on a failed endpoint"
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html#sagemaker-DescribeEndpoint-response-EndpointStatus),
// so a Failed endpoint is never converged: it is replaced, DeleteEndpoint then CreateEndpoint
// with the manifest's config (and its weights), whatever else changed. Only sagectl's own
// endpoint is deleted: another one is blocked, with what to do. a arrives with its
// resource, names and Before set.
func (p *planner) replaceFailed(res *resource, l *live.Resource, a Action, target string, newCfg map[string]any, want map[string]variantState) Action {
	reason := l.Str("FailureReason")
	if reason == "" {
		reason = "no FailureReason given"
	}
	a.Kind = Replace
	a.Reason = fmt.Sprintf("endpoint is Failed (%s), and a Failed endpoint accepts only DeleteEndpoint: it is deleted and created again with %s", reason, target)
	a.Changes = append(a.Changes, Change{Path: "EndpointStatus", Before: "Failed", After: "InService"})
	if current := l.Str("EndpointConfigName"); current != target {
		a.Changes = append(a.Changes, Change{Path: "EndpointConfigName", Before: current, After: target})
	}
	in := p.createInput(res)
	if dc, ok := res.extra["DeploymentConfig"]; ok {
		in["DeploymentConfig"] = dc
	}
	a.Calls = append(a.Calls, p.mustCall("DeleteEndpoint", map[string]any{"EndpointName": res.physical}), p.mustCall("CreateEndpoint", in))
	ws, wc := weightChanges(want, initialWeights(newCfg), nil)
	if len(wc) > 0 {
		a.Calls = append(a.Calls, p.weightCalls(res, wc)...)
		a.Reason += "; then its weights are set as the manifests ask"
		a.Weights = ws
	}
	if why := NotOurs(l.Tags, p.opt.Project); why != "" {
		a.Blocked = fmt.Sprintf("endpoint %s is Failed (%s) and sagectl will not delete it: %s; or delete it yourself once you have read its FailureReason (aws sagemaker delete-endpoint --endpoint-name %s), then plan again",
			l.Name, reason, why, l.Name)
	}
	return a
}
