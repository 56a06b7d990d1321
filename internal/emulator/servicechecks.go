package emulator

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// serviceChecks applies what SageMaker rejects server-side beyond the API model's traits,
// to a request whose traits validate has already checked: the lint rules of severity
// error whose sources say the service rejects the request, for the operations the
// emulator serves. The facts they share with lint are internal/servicerules'. It returns
// the first violation, as a ValidationException.
func serviceChecks(in any) *apiError {
	switch in := in.(type) {
	case *sagemaker.CreateModelInput:
		return checkModel(in)
	case *sagemaker.CreateEndpointConfigInput:
		return checkEndpointConfig(in)
	case *sagemaker.CreateEndpointInput:
		return checkDeploymentConfig(in.DeploymentConfig)
	case *sagemaker.UpdateEndpointInput:
		return checkDeploymentConfig(in.DeploymentConfig)
	case *sagemaker.UpdateEndpointWeightsAndCapacitiesInput:
		for i, w := range in.DesiredWeightsAndCapacities {
			if c := w.ServerlessUpdateConfig; c != nil {
				if err := checkProvisioned(c.ProvisionedConcurrency, c.MaxConcurrency, fmt.Sprintf("desiredWeightsAndCapacities.%d.member.serverlessUpdateConfig", i+1)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkModel: not both PrimaryContainer and Containers (lint: model-container-form; that
// neither is set createModel reports, after the name conflict), and at most one container
// in MultiModel mode (model-multi-model-pipeline).
func checkModel(in *sagemaker.CreateModelInput) *apiError {
	if in.PrimaryContainer != nil && len(in.Containers) > 0 {
		return validationf("Either PrimaryContainer or Containers must be specified for model %q, not both.", deref(in.ModelName))
	}
	multi := 0
	for _, c := range in.Containers {
		if c.Mode == types.ContainerModeMultiModel {
			multi++
		}
	}
	if multi > 1 {
		return validationf("%s", servicerules.MsgMultiModelPipeline)
	}
	return nil
}

// checkEndpointConfig applies the endpoint-config rules: the exclusions (checkExclusions),
// KMS key formats (lint: kms-key-format), the weights (weights-all-zero), serverless
// concurrency (serverless-provisioned-le-max), serverless or instance-based (variant-kind)
// and managed instance scaling only for inference components (managed-scaling-ic-only).
// The serverless memory step is the shared table's, checked with the traits.
func checkEndpointConfig(in *sagemaker.CreateEndpointConfigInput) *apiError {
	keys := []kmsRef{{in.KmsKeyId, "kmsKeyId"}}
	if in.DataCaptureConfig != nil {
		keys = append(keys, kmsRef{in.DataCaptureConfig.KmsKeyId, "dataCaptureConfig.kmsKeyId"})
	}
	if in.AsyncInferenceConfig != nil && in.AsyncInferenceConfig.OutputConfig != nil {
		keys = append(keys, kmsRef{in.AsyncInferenceConfig.OutputConfig.KmsKeyId, "asyncInferenceConfig.outputConfig.kmsKeyId"})
	}
	for _, list := range []struct {
		wire     string
		variants []types.ProductionVariant
	}{{"productionVariants", in.ProductionVariants}, {"shadowProductionVariants", in.ShadowProductionVariants}} {
		for i, v := range list.variants {
			wire := fmt.Sprintf("%s.%d.member", list.wire, i+1)
			if v.CoreDumpConfig != nil {
				keys = append(keys, kmsRef{v.CoreDumpConfig.KmsKeyId, wire + ".coreDumpConfig.kmsKeyId"})
			}
			if err := checkVariant(v, wire); err != nil {
				return err
			}
		}
	}
	if err := checkExclusions(in); err != nil {
		return err
	}
	for _, k := range keys {
		if k.value != nil && !servicerules.ValidKMSKey(*k.value) {
			return validationf("Invalid KMS key '%s' at '%s': expected %s.", *k.value, k.wire, servicerules.KMSFormats)
		}
	}
	if len(in.ProductionVariants) > 0 {
		var sum float64
		for _, v := range in.ProductionVariants {
			if v.InitialVariantWeight == nil {
				sum++ // the default weight is 1.0
			} else {
				sum += float64(*v.InitialVariantWeight)
			}
		}
		if sum <= 0 {
			return validationf("The sum of the InitialVariantWeight of all production variants is 0: at least one production variant must have a weight above 0.")
		}
	}
	return nil
}

// checkExclusions applies the features serverless variants, shadow variants and the
// cross-Region traffic cap cannot be combined with (lint: serverless-exclusions, the
// part a config shows; shadow-exclusions; cross-region-exclusions).
func checkExclusions(in *sagemaker.CreateEndpointConfigInput) *apiError {
	serverless := false
	for _, v := range slices.Concat(in.ProductionVariants, in.ShadowProductionVariants) {
		serverless = serverless || v.ServerlessConfig != nil
	}
	if serverless && len(in.ProductionVariants) > 1 {
		return validationf("A serverless endpoint configuration supports one production variant, not %d.", len(in.ProductionVariants))
	}
	if serverless && in.DataCaptureConfig != nil {
		return validationf("DataCaptureConfig is not supported for serverless endpoints.")
	}
	if in.CrossRegionTrafficConfig != nil && (serverless || in.AsyncInferenceConfig != nil) {
		return validationf("CrossRegionTrafficConfig cannot be specified with serverless variants or with AsyncInferenceConfig.")
	}
	if len(in.ShadowProductionVariants) == 0 {
		return nil
	}
	if serverless || in.AsyncInferenceConfig != nil {
		return validationf("ShadowProductionVariants are not supported with serverless variants or with AsyncInferenceConfig.")
	}
	for _, v := range slices.Concat(in.ProductionVariants, in.ShadowProductionVariants) {
		if strings.HasPrefix(string(v.InstanceType), "ml.inf1.") || v.AcceleratorType != "" {
			return validationf("ShadowProductionVariants are not supported with Inf1 instances or Elastic Inference (variant %q).", deref(v.VariantName))
		}
	}
	return nil
}

// kmsRef is one KmsKeyId of a request and its member path.
type kmsRef struct {
	value *string
	wire  string
}

// checkVariant checks one production or shadow variant at wire.
func checkVariant(v types.ProductionVariant, wire string) *apiError {
	if s := v.ServerlessConfig; s != nil {
		for _, f := range []struct {
			set  bool
			name string
		}{{v.InstanceType != "", "InstanceType"}, {len(v.InstancePools) > 0, "InstancePools"},
			{v.InitialInstanceCount != nil, "InitialInstanceCount"}, {v.VolumeSizeInGB != nil, "VolumeSizeInGB"},
			{v.AcceleratorType != "", "AcceleratorType"}} {
			if f.set {
				return validationf("The production variant at '%s' sets both ServerlessConfig and %s: a serverless variant has no instance settings.", wire, f.name)
			}
		}
		if err := checkProvisioned(s.ProvisionedConcurrency, s.MaxConcurrency, wire+".serverlessConfig"); err != nil {
			return err
		}
	} else if v.InstanceType != "" && len(v.InstancePools) > 0 {
		return validationf("The production variant at '%s' sets both InstanceType and InstancePools: specify one of them.", wire)
	}
	if v.ManagedInstanceScaling != nil && v.ModelName != nil {
		return validationf("%s", servicerules.MsgManagedScalingICOnly)
	}
	return nil
}

// checkProvisioned: ProvisionedConcurrency "Should be less than or equal to MaxConcurrency"
// (lint: serverless-provisioned-le-max).
func checkProvisioned(provisioned, maxConc *int32, wire string) *apiError {
	if provisioned != nil && maxConc != nil && *provisioned > *maxConc {
		return validationf("ProvisionedConcurrency %d at '%s.provisionedConcurrency' must be less than or equal to MaxConcurrency %d.", *provisioned, wire, *maxConc)
	}
	return nil
}

// checkDeploymentConfig: one deployment strategy, blue/green or rolling (lint:
// deployment-one-policy).
func checkDeploymentConfig(d *types.DeploymentConfig) *apiError {
	if d == nil {
		return nil
	}
	if d.BlueGreenUpdatePolicy != nil && d.RollingUpdatePolicy != nil {
		return validationf("DeploymentConfig specifies both BlueGreenUpdatePolicy and RollingUpdatePolicy: specify one of them.")
	}
	return checkCapacityPercent(d)
}

// checkCapacityPercent: a CAPACITY_PERCENT canary, linear step or rolling batch within the
// range its documentation states (lint: deployment-capacity-percent).
func checkCapacityPercent(d *types.DeploymentConfig) *apiError {
	for _, l := range servicerules.CapacityPercentLimits {
		v := reflect.ValueOf(d).Elem().FieldByName(l.Policy)
		wire := "deploymentConfig." + lowerFirst(l.Policy)
		if l.Parent != "" && !v.IsNil() {
			v, wire = v.Elem().FieldByName(l.Parent), wire+"."+lowerFirst(l.Parent)
		}
		if v.IsNil() {
			continue
		}
		size, _ := v.Elem().FieldByName(l.Field).Interface().(*types.CapacitySize)
		if size == nil || size.Type != types.CapacitySizeTypeCapacityPercent || size.Value == nil {
			continue
		}
		if pct := int64(*size.Value); pct < l.MinPct || pct > l.MaxPct {
			want := fmt.Sprintf("between %d%% and %d%%", l.MinPct, l.MaxPct)
			if l.MinPct == 0 {
				want = fmt.Sprintf("at most %d%%", l.MaxPct)
			}
			return validationf("%s at '%s.%s' is %d%% of the variant's instances: it must be %s.", l.Field, wire, lowerFirst(l.Field), pct, want)
		}
	}
	return nil
}
