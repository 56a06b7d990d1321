package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
)

// autoscalingMetric reports a target tracking policy's predefined metric that does not
// measure the policy's scalable dimension.
type autoscalingMetric struct{}

// metricsOf are the SageMaker predefined metrics of each dimension (the SageMaker values
// of the SDK's types.MetricType, by the resource they measure).
var metricsOf = map[string][]string{
	dimInstanceCount:         {"SageMakerVariantInvocationsPerInstance", "SageMakerVariantConcurrentRequestsPerModelHighResolution"},
	dimProvisionedConcurrent: {"SageMakerVariantProvisionedConcurrencyUtilization"},
	dimCopyCount:             {"SageMakerInferenceComponentInvocationsPerCopy", "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"},
}

var autoscalingMetricInfo = &Info{
	ID:       "autoscaling-metric-dimension",
	Severity: finding.Error,
	Summary:  "flags a PredefinedMetricType that does not measure the policy's ScalableDimension",
	Why: "A target tracking policy scales its dimension on a metric of the same resource: invocations or concurrent requests per instance " +
		"for a variant's instance count, provisioned concurrency utilization for a serverless variant, invocations or concurrent requests per copy " +
		"for an inference component. Another service's metric (ECSServiceAverageCPUUtilization) or another resource's never reaches its target.",
	Source: "PredefinedMetricSpecification PredefinedMetricType: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html; " +
		"the SDK's MetricType values: https://pkg.go.dev/github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types#MetricType; " +
		"define a scaling policy (SageMaker predefined metrics): https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html",
	Fix:   "Use a predefined metric of the dimension, or a CustomizedMetricSpecification.",
	Kinds: []manifest.Kind{manifest.KindScalingPolicy},
	Bad:   policyExample("70", "", "ECSServiceAverageCPUUtilization"),
	Good:  policyExample("70", "", "SageMakerVariantInvocationsPerInstance"),
}

func (autoscalingMetric) Info() *Info { return autoscalingMetricInfo }

func (autoscalingMetric) Check(p *Pass) {
	dim, _ := dimension(p)
	valid, ok := metricsOf[dim]
	if !ok {
		return // not a SageMaker dimension: autoscaling-dimension-matches-resource and the schema report it
	}
	n := manifest.Get(manifest.Get(manifest.Get(p.Doc.Body, "TargetTrackingScalingPolicyConfiguration"), "PredefinedMetricSpecification"), "PredefinedMetricType")
	m, ok := manifest.Str(n)
	if !ok || slices.Contains(valid, m) {
		return
	}
	p.Report(n, fmt.Sprintf("PredefinedMetricType %s does not measure ScalableDimension %s: its predefined metrics are %s", m, dim, strings.Join(valid, ", ")),
		fmt.Sprintf("set PredefinedMetricType: %s", valid[0]))
}
