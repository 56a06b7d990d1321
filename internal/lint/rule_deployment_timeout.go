package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// deploymentTimeout warns when a deployment's time limit does not exceed its own waits.
type deploymentTimeout struct{}

var deploymentTimeoutInfo = &Info{
	ID:       "deployment-timeout-below-waits",
	Severity: finding.Warning,
	Summary:  "flags a MaximumExecutionTimeoutInSeconds that does not exceed the deployment's waiting time",
	Why: "A guarded deployment waits WaitIntervalInSeconds while it bakes each step (and, for blue/green, " +
		"TerminationWaitInSeconds before removing the old fleet). The API model says the maximum execution timeout " +
		"should be larger than that total; otherwise the deployment times out and rolls back even when nothing is wrong. " +
		"Linear shifts and rolling batches wait once per step, so the real total can be higher than the sum checked here.",
	Source: "BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds (\"should be larger than the total waiting time specified in TerminationWaitInSeconds and WaitIntervalInSeconds\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_BlueGreenUpdatePolicy.html; " +
		"RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds and WaitIntervalInSeconds: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html",
	Fix:   "Raise MaximumExecutionTimeoutInSeconds above the total of the waits plus the time to provision instances, or shorten the waits.",
	Kinds: []manifest.Kind{manifest.KindEndpoint},
	Bad: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: CANARY
      CanarySize: {Type: CAPACITY_PERCENT, Value: 10}
      WaitIntervalInSeconds: 600
    TerminationWaitInSeconds: 600
    MaximumExecutionTimeoutInSeconds: 1200
`,
	Good: `kind: Endpoint
EndpointName: churn-prod
EndpointConfigName: churn-prod-v9
DeploymentConfig:
  BlueGreenUpdatePolicy:
    TrafficRoutingConfiguration:
      Type: CANARY
      CanarySize: {Type: CAPACITY_PERCENT, Value: 10}
      WaitIntervalInSeconds: 600
    TerminationWaitInSeconds: 600
    MaximumExecutionTimeoutInSeconds: 3600
`,
}

func (deploymentTimeout) Info() *Info { return deploymentTimeoutInfo }

func (deploymentTimeout) Check(p *Pass) {
	dc := manifest.Get(p.Doc.Body, "DeploymentConfig")
	if bg := manifest.Get(dc, "BlueGreenUpdatePolicy"); bg != nil {
		checkTimeout(p, bg, waitTerm{manifest.Get(manifest.Get(bg, "TrafficRoutingConfiguration"), "WaitIntervalInSeconds"), "WaitIntervalInSeconds"},
			waitTerm{manifest.Get(bg, "TerminationWaitInSeconds"), "TerminationWaitInSeconds"})
	}
	if r := manifest.Get(dc, "RollingUpdatePolicy"); r != nil {
		checkTimeout(p, r, waitTerm{manifest.Get(r, "WaitIntervalInSeconds"), "WaitIntervalInSeconds"})
	}
}

// waitTerm is one waiting time of a policy.
type waitTerm struct {
	node *yaml.Node
	name string
}

// checkTimeout reports policy's MaximumExecutionTimeoutInSeconds when it is not above the sum of waits.
// Values that are not integers are the schema's to report.
func checkTimeout(p *Pass, policy *yaml.Node, waits ...waitTerm) {
	n := manifest.Get(policy, "MaximumExecutionTimeoutInSeconds")
	limit, ok := manifest.Int(n)
	if !ok {
		return
	}
	var total int64
	var terms []string
	for _, w := range waits {
		if s, ok := manifest.Int(w.node); ok && s > 0 {
			total += s
			terms = append(terms, fmt.Sprintf("%s %d", w.name, s))
		}
	}
	if total == 0 || limit > total {
		return
	}
	p.Report(n, fmt.Sprintf("MaximumExecutionTimeoutInSeconds %d does not exceed the waits (%s = %d s); the deployment would time out and roll back",
		limit, strings.Join(terms, " + "), total),
		fmt.Sprintf("set MaximumExecutionTimeoutInSeconds above %d plus the time to provision the new instances", total))
}
