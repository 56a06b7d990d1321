package emulator

// SageMaker inference components: CreateInferenceComponent and its Describe, List, Update,
// UpdateRuntimeConfig and Delete, with the Creating → InService, Updating and Deleting
// lifecycle of the endpoints, on the same clock
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateInferenceComponent.html).
// A component is placed on a variant of an InService endpoint whose deployed config was made
// for components (an ExecutionRoleArn, a variant without ModelName); SageMaker's message
// when it was not is quoted from public reports (servicerules.MsgICNotSupported). An
// EndpointFault whose Endpoint names a component fails that component's create (FailCreate)
// or update (FailUpdate). Components are not part of the --state file.

import (
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// kindComponent is the inference component's word in ARNs and messages.
const kindComponent = "inference-component"

// componentReasons are the emulator's FailureReasons of a failed component (AWS documents none).
var componentReasons = map[EndpointOutcome]string{
	FailCreate: "The inference component's container did not pass the ping health check. Please check CloudWatch logs for this inference component.",
	FailUpdate: "Failed to update inference component: the new copies did not pass the ping health check; the previous specification was kept.",
}

// componentRecord is one inference component.
type componentRecord struct {
	Input    *sagemaker.CreateInferenceComponentInput
	Arn      string
	Endpoint string // the endpoint's name as the endpoint spells it
	EndpArn  string
	Variant  string
	Created  time.Time
	Modified time.Time
	Tags     []types.Tag
	Status   types.InferenceComponentStatus
	Failure  *string
	// Spec and Specs are the specification in service; Copies the copy count in service.
	Spec       *types.InferenceComponentSpecification
	Specs      []types.InferenceComponentSpecification
	Copies     int32
	Desired    int32
	LastDeploy *types.InferenceComponentDeploymentConfig
	Pending    *componentChange
}

// componentChange is a component operation in flight; it completes when the clock reaches Due.
type componentChange struct {
	Kind    string // "create", "update", "runtime" or "delete"
	Due     time.Time
	Outcome EndpointOutcome
	Reason  string
	Spec    *types.InferenceComponentSpecification
	Specs   []types.InferenceComponentSpecification
	Copies  int32
	Deploy  *types.InferenceComponentDeploymentConfig
}

// components returns the component table, made on first use.
func (s *Server) components() map[string]*componentRecord {
	if s.ics == nil {
		s.ics = map[string]*componentRecord{}
	}
	return s.ics
}

// component finds a component by name.
func (s *Server) component(name string) (*componentRecord, *apiError) {
	c, ok := s.components()[key(name)]
	if !ok {
		return nil, notFound(kindComponent, s.arn(kindComponent, name))
	}
	return c, nil
}

// hostFor checks that endpoint name can host a component on variant and returns it.
func (s *Server) hostFor(name, variant string) (*endpointRecord, string, *apiError) {
	e, err := s.endpoint(name)
	if err != nil {
		return nil, "", err
	}
	if e.Status != types.EndpointStatusInService {
		return nil, "", validationf("Cannot create inference component on endpoint %q in status %s: the endpoint must be InService.", e.Arn, e.Status)
	}
	cfg := e.Deployed
	if cfg == nil || deref(cfg.ExecutionRoleArn) == "" {
		return nil, "", validationf("%s", servicerules.MsgICNotSupported)
	}
	var names []string
	for _, v := range cfg.ProductionVariants {
		names = append(names, deref(v.VariantName))
		if variant == "" && len(cfg.ProductionVariants) == 1 || sameName(deref(v.VariantName), variant) {
			if deref(v.ModelName) != "" {
				return nil, "", validationf("%s", servicerules.MsgICNotSupported)
			}
			return e, deref(v.VariantName), nil
		}
	}
	return nil, "", validationf("The variant %q is not present in endpoint %q; its variants are: %s.", variant, e.Arn, strings.Join(names, ", "))
}

func (s *Server) createInferenceComponent(in *sagemaker.CreateInferenceComponentInput) (any, *apiError) {
	name := deref(in.InferenceComponentName)
	arn := s.arn(kindComponent, name)
	if _, ok := s.components()[key(name)]; ok {
		return nil, alreadyExists(kindComponent, arn)
	}
	if in.Specification == nil && len(in.Specifications) == 0 {
		return nil, validationf("Either Specification or Specifications must be provided.")
	}
	e, variant, err := s.hostFor(deref(in.EndpointName), deref(in.VariantName))
	if err != nil {
		return nil, err
	}
	if base := baseOf(in.Specification); base != "" {
		if _, err := s.component(base); err != nil {
			return nil, err
		}
	} else if in.RuntimeConfig == nil {
		return nil, validationf("RuntimeConfig is required for an inference component that is not an adapter (no BaseInferenceComponentName).")
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	outcome, reason := s.componentOutcome(name, false)
	copies := copyCount(in.RuntimeConfig)
	s.components()[key(name)] = &componentRecord{
		Input: in, Arn: arn, Endpoint: deref(e.Input.EndpointName), EndpArn: e.Arn, Variant: variant,
		Created: now, Modified: now, Tags: in.Tags, Status: types.InferenceComponentStatusCreating, Desired: copies,
		Pending: &componentChange{Kind: "create", Due: now.Add(s.opts.CreateDuration), Outcome: outcome, Reason: reason,
			Spec: in.Specification, Specs: in.Specifications, Copies: copies},
	}
	return &sagemaker.CreateInferenceComponentOutput{InferenceComponentArn: &arn}, nil
}

// componentOutcome consumes the first endpoint fault naming component name.
func (s *Server) componentOutcome(name string, update bool) (EndpointOutcome, string) {
	if !slices.ContainsFunc(s.endpointFaults, func(f *EndpointFault) bool { return sameName(f.Endpoint, name) }) {
		return "", ""
	}
	outcome, reason := s.endpointOutcome(name, update)
	if outcome != "" && reason == defaultReasons[outcome] {
		reason = componentReasons[outcome]
	}
	return outcome, reason
}

func baseOf(spec *types.InferenceComponentSpecification) string {
	if spec == nil {
		return ""
	}
	return deref(spec.BaseInferenceComponentName)
}

func copyCount(rc *types.InferenceComponentRuntimeConfig) int32 {
	if rc == nil {
		return 0
	}
	return deref(rc.CopyCount)
}

func (s *Server) describeInferenceComponent(in *sagemaker.DescribeInferenceComponentInput) (any, *apiError) {
	c, err := s.component(deref(in.InferenceComponentName))
	if err != nil {
		return nil, err
	}
	out := &sagemaker.DescribeInferenceComponentOutput{
		InferenceComponentName: c.Input.InferenceComponentName, InferenceComponentArn: ptr(c.Arn),
		EndpointName: ptr(c.Endpoint), EndpointArn: ptr(c.EndpArn), VariantName: ptr(c.Variant),
		InferenceComponentStatus: c.Status, FailureReason: c.Failure, CreationTime: timePtr(c.Created),
		LastModifiedTime: timePtr(c.Modified), LastDeploymentConfig: c.LastDeploy,
		RuntimeConfig: &types.InferenceComponentRuntimeConfigSummary{CurrentCopyCount: ptr(c.Copies), DesiredCopyCount: ptr(c.Desired)},
	}
	spec, specs := c.Spec, c.Specs
	if c.Status == types.InferenceComponentStatusCreating && c.Pending != nil {
		spec, specs = c.Pending.Spec, c.Pending.Specs
	}
	if spec != nil {
		out.Specification = specSummary(spec)
	}
	for i := range specs {
		out.Specifications = append(out.Specifications, *specSummary(&specs[i]))
	}
	return out, nil
}

// specSummary is a specification as DescribeInferenceComponent shows it: the container's
// image resolved, as SageMaker reports the image it deployed.
func specSummary(sp *types.InferenceComponentSpecification) *types.InferenceComponentSpecificationSummary {
	out := &types.InferenceComponentSpecificationSummary{
		BaseInferenceComponentName: sp.BaseInferenceComponentName, ComputeResourceRequirements: sp.ComputeResourceRequirements,
		InstanceType: sp.InstanceType, ModelName: sp.ModelName, SchedulingConfig: sp.SchedulingConfig, StartupParameters: sp.StartupParameters,
	}
	if c := sp.Container; c != nil {
		out.Container = &types.InferenceComponentContainerSpecificationSummary{ArtifactUrl: c.ArtifactUrl, ContainerMetricsConfig: c.ContainerMetricsConfig, Environment: c.Environment}
		if c.Image != nil {
			out.Container.DeployedImage = &types.DeployedImage{SpecifiedImage: c.Image, ResolvedImage: c.Image}
		}
	}
	if d := sp.DataCacheConfig; d != nil {
		out.DataCacheConfig = &types.InferenceComponentDataCacheConfigSummary{EnableCaching: d.EnableCaching}
	}
	return out
}

// changeable refuses a change to a component that is not InService, as endpoints do.
func changeable(c *componentRecord, verb string) *apiError {
	if c.Status == types.InferenceComponentStatusInService {
		return nil
	}
	return validationf("Cannot %s inference component %q in status %s.", verb, c.Arn, c.Status)
}

func (s *Server) updateInferenceComponent(in *sagemaker.UpdateInferenceComponentInput) (any, *apiError) {
	c, err := s.component(deref(in.InferenceComponentName))
	if err != nil {
		return nil, err
	}
	if err := changeable(c, "update"); err != nil {
		return nil, err
	}
	if in.Specification == nil && in.Specifications == nil && in.RuntimeConfig == nil {
		return nil, validationf("At least one of Specification, Specifications or RuntimeConfig must be provided.")
	}
	ch := &componentChange{Kind: "update", Spec: c.Spec, Specs: c.Specs, Copies: c.Desired, Deploy: in.DeploymentConfig}
	if in.Specification != nil || in.Specifications != nil {
		ch.Spec, ch.Specs = in.Specification, in.Specifications
	}
	if in.RuntimeConfig != nil {
		ch.Copies = copyCount(in.RuntimeConfig)
	}
	now := s.clock.Now()
	ch.Due = now.Add(s.opts.UpdateDuration)
	ch.Outcome, ch.Reason = s.componentOutcome(deref(c.Input.InferenceComponentName), true)
	c.Status, c.Modified, c.Desired, c.Pending = types.InferenceComponentStatusUpdating, now, ch.Copies, ch
	return &sagemaker.UpdateInferenceComponentOutput{InferenceComponentArn: ptr(c.Arn)}, nil
}

func (s *Server) updateInferenceComponentRuntimeConfig(in *sagemaker.UpdateInferenceComponentRuntimeConfigInput) (any, *apiError) {
	c, err := s.component(deref(in.InferenceComponentName))
	if err != nil {
		return nil, err
	}
	if err := changeable(c, "update"); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	copies := copyCount(in.DesiredRuntimeConfig)
	c.Status, c.Modified, c.Desired = types.InferenceComponentStatusUpdating, now, copies
	c.Pending = &componentChange{Kind: "runtime", Due: now.Add(s.opts.UpdateDuration), Spec: c.Spec, Specs: c.Specs, Copies: copies}
	return &sagemaker.UpdateInferenceComponentRuntimeConfigOutput{InferenceComponentArn: ptr(c.Arn)}, nil
}

func (s *Server) deleteInferenceComponent(in *sagemaker.DeleteInferenceComponentInput) (any, *apiError) {
	c, err := s.component(deref(in.InferenceComponentName))
	if err != nil {
		return nil, err
	}
	if c.Status != types.InferenceComponentStatusFailed {
		if err := changeable(c, "delete"); err != nil {
			return nil, err
		}
	}
	now := s.clock.Now()
	c.Status, c.Modified = types.InferenceComponentStatusDeleting, now
	c.Pending = &componentChange{Kind: "delete", Due: now.Add(s.opts.DeleteDuration)}
	return &sagemaker.DeleteInferenceComponentOutput{}, nil
}

func (s *Server) listInferenceComponents(in *sagemaker.ListInferenceComponentsInput) (any, *apiError) {
	q := listQuery{
		nameContains: in.NameContains, createdAfter: in.CreationTimeAfter, createdBefore: in.CreationTimeBefore,
		modifiedAfter: in.LastModifiedTimeAfter, modifiedBefore: in.LastModifiedTimeBefore, status: string(in.StatusEquals),
		sortBy: string(in.SortBy), sortOrder: string(in.SortOrder), maxResults: in.MaxResults, nextToken: in.NextToken,
	}
	var rows []row
	for _, c := range s.components() {
		if in.EndpointNameEquals != nil && !sameName(c.Endpoint, *in.EndpointNameEquals) ||
			in.VariantNameEquals != nil && !sameName(c.Variant, *in.VariantNameEquals) {
			continue
		}
		rows = append(rows, row{name: deref(c.Input.InferenceComponentName), created: c.Created, modified: c.Modified, status: string(c.Status), item: c})
	}
	page, next, err := q.run(rows)
	if err != nil {
		return nil, err
	}
	out := &sagemaker.ListInferenceComponentsOutput{InferenceComponents: []types.InferenceComponentSummary{}, NextToken: next}
	for _, r := range page {
		c := r.item.(*componentRecord)
		out.InferenceComponents = append(out.InferenceComponents, types.InferenceComponentSummary{
			InferenceComponentName: c.Input.InferenceComponentName, InferenceComponentArn: ptr(c.Arn), EndpointName: ptr(c.Endpoint),
			EndpointArn: ptr(c.EndpArn), VariantName: ptr(c.Variant), CreationTime: timePtr(c.Created),
			LastModifiedTime: timePtr(c.Modified), InferenceComponentStatus: c.Status,
		})
	}
	return out, nil
}

// settleComponents completes every component change whose time has come.
func (s *Server) settleComponents(now time.Time) {
	for k, c := range s.ics {
		p := c.Pending
		if p == nil || now.Before(p.Due) {
			continue
		}
		c.Pending, c.Modified = nil, p.Due
		switch {
		case p.Kind == "delete":
			delete(s.ics, k)
		case p.Outcome == FailCreate:
			c.Status, c.Failure = types.InferenceComponentStatusFailed, ptr(p.Reason)
		case p.Outcome == FailUpdate:
			// The rolling update rolled back: in service on the old specification.
			c.Status, c.Failure, c.Desired = types.InferenceComponentStatusInService, ptr(p.Reason), c.Copies
		default:
			c.Status, c.Failure = types.InferenceComponentStatusInService, nil
			c.Spec, c.Specs, c.Copies, c.Desired = p.Spec, p.Specs, p.Copies, p.Copies
			if p.Kind == "update" {
				c.LastDeploy = p.Deploy
			}
		}
	}
}

// componentTags returns the tags of the component an ARN's name part names.
func (s *Server) componentTags(name, arn string) (*[]types.Tag, *apiError) {
	if c, err := s.component(name); err == nil {
		return &c.Tags, nil
	}
	return nil, notFound(kindComponent, arn)
}

// dimCopyCount is the scalable dimension of a component's copy count
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
const dimCopyCount = "sagemaker:inference-component:DesiredCopyCount"

// scaledComponent checks that a target's ResourceId inference-component/<name> names a
// component that exists, on the copy-count dimension (the messages are the emulator's).
func (s *Server) scaledComponent(name, dimension string) *apiError {
	if _, ok := s.components()[key(name)]; !ok {
		return validationf("The inference component %s does not exist.", name)
	}
	if dimension != dimCopyCount {
		return validationf("Unsupported scalable dimension %q for inference component %s: expected %s.", dimension, name, dimCopyCount)
	}
	return nil
}
