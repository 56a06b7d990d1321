package emulator

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func (s *Server) createEndpoint(in *sagemaker.CreateEndpointInput) (any, *apiError) {
	name := deref(in.EndpointName)
	arn := s.arn("endpoint", name)
	if _, ok := s.st.Endpoints[key(name)]; ok {
		return nil, alreadyExists("endpoint", arn)
	}
	cfg, err := s.config(deref(in.EndpointConfigName))
	if err != nil {
		return nil, err
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	outcome, reason := s.endpointOutcome(name, false)
	full := variantSummaries(cfg.Input.ProductionVariants, nil, nil)
	s.st.Endpoints[key(name)] = &endpointRecord{
		Input: in, Arn: arn, Created: now, Modified: now, Tags: in.Tags, Vis: s.newVisibility("CreateEndpoint"),
		Status: types.EndpointStatusCreating, Config: deref(cfg.Input.EndpointConfigName), Deployed: cfg.Input,
		Variants: desiredOnly(full),
		Pending: &transition{
			Kind: "create", Due: now.Add(s.opts.CreateDuration), Outcome: outcome, Reason: reason,
			Config: deref(cfg.Input.EndpointConfigName), Deployed: cfg.Input, Variants: full,
			Shadow: variantSummaries(cfg.Input.ShadowProductionVariants, nil, nil), Deploy: in.DeploymentConfig,
		},
	}
	return &sagemaker.CreateEndpointOutput{EndpointArn: &arn}, nil
}

// endpoint finds an endpoint as an eventually consistent read sees it.
func (s *Server) endpoint(name string) (*endpointRecord, *apiError) {
	e, ok := s.st.Endpoints[key(name)]
	if !ok || !s.seen(&e.Vis, true) {
		return nil, notFound("endpoint", s.arn("endpoint", name))
	}
	return e, nil
}

// mutable refuses a change to an endpoint that is not InService, as the service does.
func mutable(e *endpointRecord, verb string) *apiError {
	switch e.Status {
	case types.EndpointStatusInService:
		return nil
	case types.EndpointStatusFailed:
		return validationf("Cannot %s endpoint %q in status Failed: DeleteEndpoint is the only operation a failed endpoint accepts.", verb, e.Arn)
	}
	if verb == "update" {
		return validationf("%s %q (status %s).", msgInProgress, e.Arn, e.Status)
	}
	return validationf("Cannot %s in-progress endpoint %q (status %s).", verb, e.Arn, e.Status)
}

func (s *Server) describeEndpoint(in *sagemaker.DescribeEndpointInput) (any, *apiError) {
	e, err := s.endpoint(deref(in.EndpointName))
	if err != nil {
		return nil, err
	}
	out := &sagemaker.DescribeEndpointOutput{
		EndpointName: e.Input.EndpointName, EndpointArn: ptr(e.Arn), EndpointConfigName: ptr(e.Config),
		EndpointStatus: e.Status, FailureReason: e.Failure, CreationTime: timePtr(e.Created),
		LastModifiedTime: timePtr(e.Modified), ProductionVariants: e.Variants, ShadowProductionVariants: e.Shadow,
		LastDeploymentConfig: e.LastDeploymentConfig,
	}
	if d := e.Deployed; d != nil {
		out.AsyncInferenceConfig, out.ExplainerConfig, out.MetricsConfig = d.AsyncInferenceConfig, d.ExplainerConfig, d.MetricsConfig
		if dc := d.DataCaptureConfig; dc != nil {
			status := types.CaptureStatusStarted
			if dc.EnableCapture != nil && !*dc.EnableCapture {
				status = types.CaptureStatusStopped
			}
			out.DataCaptureConfig = &types.DataCaptureConfigSummary{
				EnableCapture: ptr(status == types.CaptureStatusStarted), CaptureStatus: status,
				CurrentSamplingPercentage: dc.InitialSamplingPercentage, DestinationS3Uri: dc.DestinationS3Uri, KmsKeyId: dc.KmsKeyId,
			}
		}
	}
	return out, nil
}

func (s *Server) updateEndpoint(in *sagemaker.UpdateEndpointInput) (any, *apiError) {
	e, err := s.endpoint(deref(in.EndpointName))
	if err != nil {
		return nil, err
	}
	if err := mutable(e, "update"); err != nil {
		return nil, err
	}
	cfg, err := s.config(deref(in.EndpointConfigName))
	if err != nil {
		return nil, err
	}
	if err := s.checkAutoscaledUpdate(e, cfg.Input); err != nil {
		return nil, err
	}
	var retain []types.ProductionVariantSummary
	if deref(in.RetainAllVariantProperties) {
		retain = e.Variants
	}
	deploy := in.DeploymentConfig
	if deref(in.RetainDeploymentConfig) && deploy == nil {
		deploy = e.LastDeploymentConfig
	}
	now := s.clock.Now()
	outcome, reason := s.endpointOutcome(deref(e.Input.EndpointName), true)
	e.Status, e.Modified = types.EndpointStatusUpdating, now
	e.Pending = &transition{
		Kind: "update", Due: now.Add(s.opts.UpdateDuration), Outcome: outcome, Reason: reason,
		Config: deref(cfg.Input.EndpointConfigName), Deployed: cfg.Input,
		Variants: variantSummaries(cfg.Input.ProductionVariants, retain, in.ExcludeRetainedVariantProperties),
		Shadow:   variantSummaries(cfg.Input.ShadowProductionVariants, retain, in.ExcludeRetainedVariantProperties),
		Deploy:   deploy,
	}
	return &sagemaker.UpdateEndpointOutput{EndpointArn: ptr(e.Arn)}, nil
}

func (s *Server) updateWeights(in *sagemaker.UpdateEndpointWeightsAndCapacitiesInput) (any, *apiError) {
	e, err := s.endpoint(deref(in.EndpointName))
	if err != nil {
		return nil, err
	}
	if err := mutable(e, "update"); err != nil {
		return nil, err
	}
	desired := slices.Clone(e.Variants)
	for _, d := range in.DesiredWeightsAndCapacities {
		i := slices.IndexFunc(desired, func(v types.ProductionVariantSummary) bool {
			return sameName(deref(v.VariantName), deref(d.VariantName))
		})
		if i < 0 {
			var names []string
			for _, v := range e.Variants {
				names = append(names, deref(v.VariantName))
			}
			return nil, validationf("The variant %q is not present in endpoint %q; its variants are: %s.", deref(d.VariantName), e.Arn, strings.Join(names, ", "))
		}
		v := &desired[i]
		if d.DesiredWeight != nil {
			v.DesiredWeight = d.DesiredWeight
		}
		if d.DesiredInstanceCount != nil {
			v.DesiredInstanceCount = d.DesiredInstanceCount
		}
		if u := d.ServerlessUpdateConfig; u != nil && v.DesiredServerlessConfig != nil {
			sc := *v.DesiredServerlessConfig
			if u.MaxConcurrency != nil {
				sc.MaxConcurrency = u.MaxConcurrency
			}
			if u.ProvisionedConcurrency != nil {
				sc.ProvisionedConcurrency = u.ProvisionedConcurrency
			}
			v.DesiredServerlessConfig = &sc
		}
	}
	final := slices.Clone(desired)
	for i := range final {
		final[i].CurrentWeight, final[i].CurrentInstanceCount = final[i].DesiredWeight, final[i].DesiredInstanceCount
		final[i].CurrentServerlessConfig = final[i].DesiredServerlessConfig
	}
	now := s.clock.Now()
	e.Status, e.Modified, e.Variants = types.EndpointStatusUpdating, now, desired
	e.Pending = &transition{Kind: "weights", Due: now.Add(s.opts.UpdateDuration), Variants: final}
	return &sagemaker.UpdateEndpointWeightsAndCapacitiesOutput{EndpointArn: ptr(e.Arn)}, nil
}

func (s *Server) deleteEndpoint(in *sagemaker.DeleteEndpointInput) (any, *apiError) {
	e, err := s.endpoint(deref(in.EndpointName))
	if err != nil {
		return nil, err
	}
	if e.Status != types.EndpointStatusFailed && e.Status != types.EndpointStatusOutOfService {
		if err := mutable(e, "delete"); err != nil {
			return nil, err
		}
	}
	s.dropScalingOf(deref(in.EndpointName))
	now := s.clock.Now()
	e.Status, e.Modified = types.EndpointStatusDeleting, now
	e.Pending = &transition{Kind: "delete", Due: now.Add(s.opts.DeleteDuration)}
	return &sagemaker.DeleteEndpointOutput{}, nil
}

func (s *Server) listEndpoints(in *sagemaker.ListEndpointsInput) (any, *apiError) {
	q := listQuery{
		nameContains: in.NameContains, createdAfter: in.CreationTimeAfter, createdBefore: in.CreationTimeBefore,
		modifiedAfter: in.LastModifiedTimeAfter, modifiedBefore: in.LastModifiedTimeBefore, status: string(in.StatusEquals),
		sortBy: string(in.SortBy), sortOrder: string(in.SortOrder), maxResults: in.MaxResults, nextToken: in.NextToken,
	}
	var rows []row
	for _, e := range s.st.Endpoints {
		if s.seen(&e.Vis, false) {
			rows = append(rows, row{name: deref(e.Input.EndpointName), created: e.Created, modified: e.Modified, status: string(e.Status), item: e})
		}
	}
	page, next, err := q.run(rows)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListEndpointsOutput{Endpoints: []types.EndpointSummary{}, NextToken: next}
	for _, r := range page {
		e := r.item.(*endpointRecord)
		out.Endpoints = append(out.Endpoints, types.EndpointSummary{
			EndpointName: e.Input.EndpointName, EndpointArn: ptr(e.Arn), CreationTime: timePtr(e.Created),
			LastModifiedTime: timePtr(e.Modified), EndpointStatus: e.Status,
		})
	}
	return out, nil
}
