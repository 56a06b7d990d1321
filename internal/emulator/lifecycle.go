package emulator

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// settle completes, under s.mu, every endpoint transition whose time has come. Transitions are
// evaluated lazily on each request, so a fake clock needs no background goroutine.
func (s *Server) settle() {
	now := s.clock.Now()
	s.settleComponents(now)
	for k, e := range s.st.Endpoints {
		p := e.Pending
		if p == nil || now.Before(p.Due) {
			continue
		}
		e.Pending, e.Modified = nil, p.Due
		switch {
		case p.Kind == "delete":
			delete(s.st.Endpoints, k)
		case p.Outcome == FailCreate || p.Outcome == FailUpdate:
			e.Status, e.Failure = types.EndpointStatusFailed, ptr(p.Reason)
		case p.Outcome == RollbackUpdate:
			// The silent rollback: back in service on the old config, with a FailureReason.
			e.Status, e.Failure = types.EndpointStatusInService, ptr(p.Reason)
		case p.Kind == "weights":
			e.Status, e.Variants = types.EndpointStatusInService, p.Variants
		default: // create or update succeeded: the endpoint moves to the new config only now.
			e.Status, e.Failure = types.EndpointStatusInService, nil
			e.Config, e.Deployed, e.Variants, e.Shadow = p.Config, p.Deployed, p.Variants, p.Shadow
			e.LastDeploymentConfig = p.Deploy
		}
	}
}

// variantSummaries is what DescribeEndpoint shows for a config's variants once deployed. With
// retain (RetainAllVariantProperties), a variant of the same name keeps its desired weight and
// instance count, unless exclude names that property.
func variantSummaries(pvs []types.ProductionVariant, retain []types.ProductionVariantSummary, exclude []types.VariantProperty) []types.ProductionVariantSummary {
	if pvs == nil {
		return nil
	}
	excluded := func(p types.VariantPropertyType) bool {
		return slices.ContainsFunc(exclude, func(v types.VariantProperty) bool { return v.VariantPropertyType == p })
	}
	out := make([]types.ProductionVariantSummary, 0, len(pvs))
	for _, pv := range pvs {
		weight := pv.InitialVariantWeight
		if weight == nil {
			weight = ptr(float32(1)) // the documented default
		}
		count := pv.InitialInstanceCount
		if i := slices.IndexFunc(retain, func(r types.ProductionVariantSummary) bool {
			return sameName(deref(r.VariantName), deref(pv.VariantName))
		}); i >= 0 {
			if !excluded(types.VariantPropertyTypeDesiredWeight) {
				weight = retain[i].DesiredWeight
			}
			if !excluded(types.VariantPropertyTypeDesiredInstanceCount) {
				count = retain[i].DesiredInstanceCount
			}
		}
		out = append(out, types.ProductionVariantSummary{
			VariantName: pv.VariantName, CurrentWeight: weight, DesiredWeight: weight,
			CurrentInstanceCount: count, DesiredInstanceCount: count,
			CurrentServerlessConfig: pv.ServerlessConfig, DesiredServerlessConfig: pv.ServerlessConfig,
			ManagedInstanceScaling: pv.ManagedInstanceScaling, RoutingConfig: pv.RoutingConfig,
		})
	}
	return out
}

// desiredOnly is a variant list as a Creating endpoint shows it: nothing is current yet.
func desiredOnly(vs []types.ProductionVariantSummary) []types.ProductionVariantSummary {
	out := slices.Clone(vs)
	for i := range out {
		out[i].CurrentWeight, out[i].CurrentInstanceCount, out[i].CurrentServerlessConfig = nil, nil, nil
	}
	return out
}
