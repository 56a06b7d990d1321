package emulator

// Application Auto Scaling, served on the same server as SageMaker: JSON 1.1 requests whose
// X-Amz-Target is AnyScaleFrontendService.<Operation>, as the SDK and the AWS CLI send them
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/Welcome.html). Only the
// sagemaker namespace's resources exist here: a target's ResourceId must name a variant of a
// live endpoint. Messages of errors whose wording AWS does not document are the emulator's.

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"

	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// aasPrefix is the X-Amz-Target prefix of Application Auto Scaling operations.
const aasPrefix = "AnyScaleFrontendService."

// codeObjectNotFound is Application Auto Scaling's not-found error
// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html#API_DeregisterScalableTarget_Errors).
const codeObjectNotFound = "ObjectNotFoundException"

// autoscalingOperations are the served Application Auto Scaling operations, by X-Amz-Target name
// without the prefix.
var autoscalingOperations = map[string]handler{
	"RegisterScalableTarget":   handleAAS((*Server).registerScalableTarget),
	"DeregisterScalableTarget": handleAAS((*Server).deregisterScalableTarget),
	"DescribeScalableTargets":  handleAAS((*Server).describeScalableTargets),
	"PutScalingPolicy":         handleAAS((*Server).putScalingPolicy),
	"DeleteScalingPolicy":      handleAAS((*Server).deleteScalingPolicy),
	"DescribeScalingPolicies":  handleAAS((*Server).describeScalingPolicies),
	"PutScheduledAction":       handleAAS((*Server).putScheduledAction),
	"DeleteScheduledAction":    handleAAS((*Server).deleteScheduledAction),
	"DescribeScheduledActions": handleAAS((*Server).describeScheduledActions),
	"TagResource":              handleAAS((*Server).tagResource),
	"UntagResource":            handleAAS((*Server).untagResource),
	"ListTagsForResource":      handleAAS((*Server).listTagsForResource),
}

// AutoscalingOperations returns the names of the Application Auto Scaling operations the
// emulator serves, sorted.
func AutoscalingOperations() []string {
	return slices.Sorted(maps.Keys(autoscalingOperations))
}

// handleAAS decodes the body into the SDK input type In and runs fn. (The emulator's
// constraints table is SageMaker's; the handlers check the members they need.)
func handleAAS[In any](fn func(*Server, *In) (any, *apiError)) handler {
	return func(s *Server, body []byte) (any, *apiError) {
		in := new(In)
		if err := decodeJSON(body, in); err != nil {
			return nil, &apiError{Status: http.StatusBadRequest, Code: codeSerialization, Message: err.Error()}
		}
		return fn(s, in)
	}
}

// autoscaling is the Application Auto Scaling state: targets by targetKey, and their
// policies and scheduled actions.
type autoscaling struct {
	Targets map[targetKey]*targetRecord
}

// targetKey identifies a scalable target; the ResourceId is kept as given.
type targetKey struct {
	Namespace, ResourceID, Dimension string
}

type targetRecord struct {
	Target    aastypes.ScalableTarget
	Tags      map[string]string
	Policies  map[string]*aastypes.ScalingPolicy
	Scheduled map[string]*aastypes.ScheduledAction
}

// loadTargets takes the scalable targets of a loaded state file into s.aas.
func (s *Server) loadTargets() {
	for _, t := range s.st.ScalableTargets {
		k := targetKey{string(t.Target.ServiceNamespace), deref(t.Target.ResourceId), string(t.Target.ScalableDimension)}
		s.autoscaling().Targets[k] = t
	}
	s.st.ScalableTargets = nil
}

// savedTargets returns the scalable targets for the state file, sorted by key.
func (s *Server) savedTargets() []*targetRecord {
	if s.aas == nil {
		return nil
	}
	keys := make([]targetKey, 0, len(s.aas.Targets))
	for k := range s.aas.Targets {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a.Namespace+"\x00"+a.ResourceID+"\x00"+a.Dimension < b.Namespace+"\x00"+b.ResourceID+"\x00"+b.Dimension
	})
	out := make([]*targetRecord, len(keys))
	for i, k := range keys {
		out[i] = s.aas.Targets[k]
	}
	return out
}

func (s *Server) autoscaling() *autoscaling {
	if s.aas == nil {
		s.aas = &autoscaling{Targets: map[targetKey]*targetRecord{}}
	}
	return s.aas
}

func keyOfTarget(ns aastypes.ServiceNamespace, id *string, dim aastypes.ScalableDimension) (targetKey, *apiError) {
	k := targetKey{string(ns), deref(id), string(dim)}
	var missing []string
	for _, f := range []struct{ name, v string }{{"serviceNamespace", k.Namespace}, {"resourceId", k.ResourceID}, {"scalableDimension", k.Dimension}} {
		if f.v == "" {
			missing = append(missing, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", f.name))
		}
	}
	switch len(missing) {
	case 0:
		return k, nil
	case 1:
		return k, validationf("1 validation error detected: %s", missing[0])
	}
	return k, validationf("%d validation errors detected: %s", len(missing), strings.Join(missing, "; "))
}

func noTarget(k targetKey) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeObjectNotFound, Message: fmt.Sprintf(
		"No scalable target registered for service namespace: %s, resource ID: %s, scalable dimension: %s", k.Namespace, k.ResourceID, k.Dimension)}
}

// id is a stable identifier for an ARN, derived from its parts.
func aasID(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// scaledVariant checks that a sagemaker ResourceId names a variant of a live endpoint.
func (s *Server) scaledVariant(k targetKey) *apiError {
	if k.Namespace != "sagemaker" {
		return validationf("Unsupported service namespace %q: this emulator serves Application Auto Scaling for sagemaker only", k.Namespace)
	}
	parts := strings.Split(k.ResourceID, "/")
	if len(parts) == 2 && parts[0] == "inference-component" {
		return s.scaledComponent(parts[1], k.Dimension) // inference_components.go
	}
	if len(parts) != 4 || parts[0] != "endpoint" || parts[2] != "variant" {
		return validationf("Unsupported resource ID %q for service namespace sagemaker: expected endpoint/<EndpointName>/variant/<VariantName>", k.ResourceID)
	}
	e := s.st.Endpoints[key(parts[1])]
	if e == nil {
		return validationf("The endpoint %s does not exist.", parts[1])
	}
	for _, v := range e.Variants {
		if deref(v.VariantName) == parts[3] {
			return nil
		}
	}
	return validationf("The variant %s does not exist on endpoint %s.", parts[3], parts[1])
}

func (s *Server) registerScalableTarget(in *aas.RegisterScalableTargetInput) (any, *apiError) {
	k, err := keyOfTarget(in.ServiceNamespace, in.ResourceId, in.ScalableDimension)
	if err != nil {
		return nil, err
	}
	if err := s.scaledVariant(k); err != nil {
		return nil, err
	}
	a := s.autoscaling()
	t := a.Targets[k]
	if t == nil {
		// RegisterScalableTarget: Min and Max are required for a new target
		// (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
		if in.MinCapacity == nil || in.MaxCapacity == nil {
			return nil, validationf("MinCapacity and MaxCapacity are required when registering a new scalable target")
		}
		arn := fmt.Sprintf("arn:aws:application-autoscaling:%s:%s:scalable-target/%s", s.opts.Region, s.opts.Account, aasID(k.Namespace, k.ResourceID, k.Dimension)[:20])
		t = &targetRecord{Tags: map[string]string{}, Policies: map[string]*aastypes.ScalingPolicy{}, Scheduled: map[string]*aastypes.ScheduledAction{}}
		t.Target = aastypes.ScalableTarget{ServiceNamespace: in.ServiceNamespace, ResourceId: in.ResourceId, ScalableDimension: in.ScalableDimension,
			CreationTime: ptr(s.clock.Now()), ScalableTargetARN: ptr(arn), SuspendedState: &aastypes.SuspendedState{DynamicScalingInSuspended: ptr(false), DynamicScalingOutSuspended: ptr(false), ScheduledScalingSuspended: ptr(false)},
			RoleARN: ptr(fmt.Sprintf("arn:aws:iam::%s:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint", s.opts.Account))}
		maps.Copy(t.Tags, in.Tags)
		a.Targets[k] = t
	} else if len(in.Tags) > 0 {
		// The real message (https://github.com/hashicorp/terraform-provider-aws/issues/31839).
		return nil, validationf("The scalable target that you tried to tag already exists. To update tags on an existing scalable target, use the TagResource API.")
	}
	if in.MinCapacity != nil {
		t.Target.MinCapacity = in.MinCapacity
	}
	if in.MaxCapacity != nil {
		t.Target.MaxCapacity = in.MaxCapacity
	}
	if deref(t.Target.MinCapacity) > deref(t.Target.MaxCapacity) {
		return nil, validationf("Minimum capacity cannot be greater than maximum capacity")
	}
	if in.RoleARN != nil {
		t.Target.RoleARN = in.RoleARN
	}
	if in.SuspendedState != nil {
		t.Target.SuspendedState = in.SuspendedState
	}
	return &aas.RegisterScalableTargetOutput{ScalableTargetARN: t.Target.ScalableTargetARN}, nil
}

func (s *Server) deregisterScalableTarget(in *aas.DeregisterScalableTargetInput) (any, *apiError) {
	k, err := keyOfTarget(in.ServiceNamespace, in.ResourceId, in.ScalableDimension)
	if err != nil {
		return nil, err
	}
	a := s.autoscaling()
	if a.Targets[k] == nil {
		return nil, noTarget(k)
	}
	// "Deregistering a scalable target deletes the scaling policies and the scheduled actions
	// that are associated with it" (API_DeregisterScalableTarget.html).
	delete(a.Targets, k)
	return &aas.DeregisterScalableTargetOutput{}, nil
}

// matches reports whether target k passes a Describe* filter.
func matches(k targetKey, ns aastypes.ServiceNamespace, ids []string, id *string, dim aastypes.ScalableDimension) bool {
	return k.Namespace == string(ns) && (len(ids) == 0 || slices.Contains(ids, k.ResourceID)) &&
		(id == nil || *id == k.ResourceID) && (dim == "" || string(dim) == k.Dimension)
}

// sortedTargets returns the targets in a stable order.
func (a *autoscaling) sortedTargets() []targetKey {
	return slices.SortedFunc(maps.Keys(a.Targets), func(x, y targetKey) int {
		return strings.Compare(x.ResourceID+"\x00"+x.Dimension, y.ResourceID+"\x00"+y.Dimension)
	})
}

func (s *Server) describeScalableTargets(in *aas.DescribeScalableTargetsInput) (any, *apiError) {
	if in.ServiceNamespace == "" {
		return nil, validationf("1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null")
	}
	a := s.autoscaling()
	out := &aas.DescribeScalableTargetsOutput{ScalableTargets: []aastypes.ScalableTarget{}}
	for _, k := range a.sortedTargets() {
		if matches(k, in.ServiceNamespace, in.ResourceIds, nil, in.ScalableDimension) {
			out.ScalableTargets = append(out.ScalableTargets, a.Targets[k].Target)
		}
	}
	return out, nil
}

func (s *Server) putScalingPolicy(in *aas.PutScalingPolicyInput) (any, *apiError) {
	k, err := keyOfTarget(in.ServiceNamespace, in.ResourceId, in.ScalableDimension)
	if err != nil {
		return nil, err
	}
	if deref(in.PolicyName) == "" {
		return nil, validationf("1 validation error detected: Value null at 'policyName' failed to satisfy constraint: Member must not be null")
	}
	t := s.autoscaling().Targets[k]
	if t == nil {
		return nil, noTarget(k)
	}
	typ := in.PolicyType
	if typ == "" {
		typ = aastypes.PolicyTypeStepScaling // the API's default (API_PutScalingPolicy.html)
	}
	name := deref(in.PolicyName)
	arn := fmt.Sprintf("arn:aws:autoscaling:%s:%s:scalingPolicy:%s:resource/%s/%s:policyName/%s", s.opts.Region, s.opts.Account, aasID(k.Namespace, k.ResourceID, k.Dimension, name), k.Namespace, k.ResourceID, name)
	p := &aastypes.ScalingPolicy{PolicyName: in.PolicyName, PolicyARN: ptr(arn), PolicyType: typ, ServiceNamespace: in.ServiceNamespace, ResourceId: in.ResourceId,
		ScalableDimension: in.ScalableDimension, CreationTime: ptr(s.clock.Now()), Alarms: []aastypes.Alarm{},
		TargetTrackingScalingPolicyConfiguration: in.TargetTrackingScalingPolicyConfiguration,
		StepScalingPolicyConfiguration:           in.StepScalingPolicyConfiguration,
		PredictiveScalingPolicyConfiguration:     in.PredictiveScalingPolicyConfiguration}
	if old := t.Policies[name]; old != nil {
		p.CreationTime = old.CreationTime
	}
	t.Policies[name] = p
	return &aas.PutScalingPolicyOutput{PolicyARN: p.PolicyARN, Alarms: []aastypes.Alarm{}}, nil
}

func (s *Server) deleteScalingPolicy(in *aas.DeleteScalingPolicyInput) (any, *apiError) {
	k, err := keyOfTarget(in.ServiceNamespace, in.ResourceId, in.ScalableDimension)
	if err != nil {
		return nil, err
	}
	t := s.autoscaling().Targets[k]
	if t == nil || t.Policies[deref(in.PolicyName)] == nil {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeObjectNotFound, Message: fmt.Sprintf(
			"No scaling policy found for service namespace: %s, resource ID: %s, scalable dimension: %s, policy name: %s", k.Namespace, k.ResourceID, k.Dimension, deref(in.PolicyName))}
	}
	delete(t.Policies, deref(in.PolicyName))
	return &aas.DeleteScalingPolicyOutput{}, nil
}

func (s *Server) describeScalingPolicies(in *aas.DescribeScalingPoliciesInput) (any, *apiError) {
	if in.ServiceNamespace == "" {
		return nil, validationf("1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null")
	}
	a := s.autoscaling()
	out := &aas.DescribeScalingPoliciesOutput{ScalingPolicies: []aastypes.ScalingPolicy{}}
	for _, k := range a.sortedTargets() {
		if !matches(k, in.ServiceNamespace, nil, in.ResourceId, in.ScalableDimension) {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(a.Targets[k].Policies)) {
			if len(in.PolicyNames) == 0 || slices.Contains(in.PolicyNames, name) {
				out.ScalingPolicies = append(out.ScalingPolicies, *a.Targets[k].Policies[name])
			}
		}
	}
	return out, nil
}

func (s *Server) putScheduledAction(in *aas.PutScheduledActionInput) (any, *apiError) {
	k, err := keyOfTarget(in.ServiceNamespace, in.ResourceId, in.ScalableDimension)
	if err != nil {
		return nil, err
	}
	if deref(in.ScheduledActionName) == "" {
		return nil, validationf("1 validation error detected: Value null at 'scheduledActionName' failed to satisfy constraint: Member must not be null")
	}
	t := s.autoscaling().Targets[k]
	if t == nil {
		return nil, noTarget(k)
	}
	name := deref(in.ScheduledActionName)
	old := t.Scheduled[name]
	if old == nil && in.Schedule == nil {
		return nil, validationf("Schedule is required when creating a scheduled action")
	}
	arn := fmt.Sprintf("arn:aws:autoscaling:%s:%s:scheduledAction:%s:resource/%s/%s:scheduledActionName/%s", s.opts.Region, s.opts.Account, aasID(k.Namespace, k.ResourceID, k.Dimension, name), k.Namespace, k.ResourceID, name)
	a := &aastypes.ScheduledAction{ScheduledActionName: in.ScheduledActionName, ScheduledActionARN: ptr(arn), ServiceNamespace: in.ServiceNamespace,
		ResourceId: in.ResourceId, ScalableDimension: in.ScalableDimension, Schedule: in.Schedule, Timezone: in.Timezone,
		StartTime: in.StartTime, EndTime: in.EndTime, ScalableTargetAction: in.ScalableTargetAction, CreationTime: ptr(s.clock.Now())}
	if old != nil {
		a.CreationTime = old.CreationTime
		if a.Schedule == nil {
			a.Schedule = old.Schedule
		}
	}
	t.Scheduled[name] = a
	return &aas.PutScheduledActionOutput{}, nil
}

func (s *Server) deleteScheduledAction(in *aas.DeleteScheduledActionInput) (any, *apiError) {
	k, err := keyOfTarget(in.ServiceNamespace, in.ResourceId, in.ScalableDimension)
	if err != nil {
		return nil, err
	}
	t := s.autoscaling().Targets[k]
	if t == nil || t.Scheduled[deref(in.ScheduledActionName)] == nil {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeObjectNotFound, Message: fmt.Sprintf(
			"No scheduled action found for service namespace: %s, resource ID: %s, scalable dimension: %s, scheduled action name: %s", k.Namespace, k.ResourceID, k.Dimension, deref(in.ScheduledActionName))}
	}
	delete(t.Scheduled, deref(in.ScheduledActionName))
	return &aas.DeleteScheduledActionOutput{}, nil
}

func (s *Server) describeScheduledActions(in *aas.DescribeScheduledActionsInput) (any, *apiError) {
	if in.ServiceNamespace == "" {
		return nil, validationf("1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null")
	}
	a := s.autoscaling()
	out := &aas.DescribeScheduledActionsOutput{ScheduledActions: []aastypes.ScheduledAction{}}
	for _, k := range a.sortedTargets() {
		if !matches(k, in.ServiceNamespace, nil, in.ResourceId, in.ScalableDimension) {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(a.Targets[k].Scheduled)) {
			if len(in.ScheduledActionNames) == 0 || slices.Contains(in.ScheduledActionNames, name) {
				out.ScheduledActions = append(out.ScheduledActions, *a.Targets[k].Scheduled[name])
			}
		}
	}
	return out, nil
}

// targetByARN finds a scalable target by its ARN (only targets take tags).
func (s *Server) targetByARN(arn string) (*targetRecord, *apiError) {
	for _, t := range s.autoscaling().Targets {
		if deref(t.Target.ScalableTargetARN) == arn {
			return t, nil
		}
	}
	return nil, &apiError{Status: http.StatusBadRequest, Code: "ResourceNotFoundException", Message: fmt.Sprintf("No scalable target found for ARN %s", arn)}
}

func (s *Server) tagResource(in *aas.TagResourceInput) (any, *apiError) {
	t, err := s.targetByARN(deref(in.ResourceARN))
	if err != nil {
		return nil, err
	}
	maps.Copy(t.Tags, in.Tags)
	return &aas.TagResourceOutput{}, nil
}

func (s *Server) untagResource(in *aas.UntagResourceInput) (any, *apiError) {
	t, err := s.targetByARN(deref(in.ResourceARN))
	if err != nil {
		return nil, err
	}
	for _, k := range in.TagKeys {
		delete(t.Tags, k)
	}
	return &aas.UntagResourceOutput{}, nil
}

func (s *Server) listTagsForResource(in *aas.ListTagsForResourceInput) (any, *apiError) {
	t, err := s.targetByARN(deref(in.ResourceARN))
	if err != nil {
		return nil, err
	}
	return &aas.ListTagsForResourceOutput{Tags: maps.Clone(t.Tags)}, nil
}

// autoscaledVariants returns the variants of endpoint name that are scalable targets.
func (s *Server) autoscaledVariants(name string) map[string]bool {
	out := map[string]bool{}
	if s.aas == nil {
		return out
	}
	for k := range s.aas.Targets {
		parts := strings.Split(k.ResourceID, "/")
		if k.Namespace == "sagemaker" && len(parts) == 4 && parts[0] == "endpoint" && key(parts[1]) == key(name) {
			out[parts[3]] = true
		}
	}
	return out
}

// checkAutoscaledUpdate enforces SageMaker's rule for UpdateEndpoint: an update that changes
// the instance type of a variant that is a scalable target, or removes such a variant, fails
// until its policies are deleted and the target deregistered ("Update endpoints that use auto
// scaling", https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html;
// the message as reported in https://github.com/hashicorp/terraform-provider-aws/issues/14337).
// Changing only the model is allowed.
func (s *Server) checkAutoscaledUpdate(e *endpointRecord, next *sagemaker.CreateEndpointConfigInput) *apiError {
	scaled := s.autoscaledVariants(deref(e.Input.EndpointName))
	if len(scaled) == 0 || e.Deployed == nil {
		return nil
	}
	var blocked []string
	for _, cur := range e.Deployed.ProductionVariants {
		name := deref(cur.VariantName)
		if !scaled[name] {
			continue
		}
		i := slices.IndexFunc(next.ProductionVariants, func(v smtypes.ProductionVariant) bool { return deref(v.VariantName) == name })
		if i < 0 || next.ProductionVariants[i].InstanceType != cur.InstanceType {
			blocked = append(blocked, name)
		}
	}
	if len(blocked) == 0 {
		return nil
	}
	slices.Sort(blocked)
	return validationf("The variant(s) \"[%s]\" must be deregistered as scalable targets with AWS Application Auto Scaling before they can be removed or have their instance type updated.", strings.Join(blocked, ", "))
}

// dropScalingOf deregisters the targets of a deleted endpoint: "If any are [targets] and you
// have permission to deregister the variant, Application Auto Scaling deregisters" them
// (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html).
func (s *Server) dropScalingOf(name string) {
	if s.aas == nil {
		return
	}
	for k := range s.aas.Targets {
		parts := strings.Split(k.ResourceID, "/")
		if len(parts) == 4 && parts[0] == "endpoint" && key(parts[1]) == key(name) {
			delete(s.aas.Targets, k)
		}
	}
}
