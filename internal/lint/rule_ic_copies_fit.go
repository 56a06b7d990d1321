package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// icCopiesFit reports the components of a variant whose copies need more accelerators
// than the instances its scaling allows have.
type icCopiesFit struct{}

var icCopiesFitInfo = &Info{
	ID:       "inference-component-copies-fit",
	Severity: finding.Warning,
	Summary:  "flags InferenceComponents whose copies together need more GPUs than the variant's instances can have (MaxInstanceCount of managed scaling, else InitialInstanceCount)",
	Why: "The copies of all components on a variant share its instances: each copy takes its NumberOfAcceleratorDevicesRequired " +
		"on one of them. With managed instance scaling the variant grows to at most MaxInstanceCount instances; without it, it " +
		"keeps InitialInstanceCount. A component whose copy count is a scalable target may reach the target's MaxCapacity, " +
		"which counts instead of CopyCount when it is larger. Copies beyond what those instances hold cannot be placed (inferred " +
		"from how copies are placed; the documentation states the scaling bounds, not the failure).",
	Source: "ProductionVariantManagedInstanceScaling MaxInstanceCount: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantManagedInstanceScaling.html; " +
		"InferenceComponentRuntimeConfig CopyCount: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentRuntimeConfig.html; " +
		"RegisterScalableTarget MaxCapacity and the inference component's copy count dimension: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html; " +
		hardwareSources(),
	Fix:   "Lower CopyCount or the accelerators per copy, or raise MaxInstanceCount (InitialInstanceCount without managed scaling).",
	Kinds: icKinds,
	Bad:   icExample("main", 2, 16384, 5),
	Good:  icExample("main", 2, 16384, 4),
}

func (icCopiesFit) Info() *Info { return icCopiesFitInfo }

func (icCopiesFit) Check(p *Pass) {
	h := resolveHosting(p)
	if h.Variant == nil {
		return
	}
	typ, _ := manifest.Str(manifest.Get(h.Variant, "InstanceType"))
	hw, known := instanceHardware[typ]
	instances, bound, ok := maxInstances(h.Variant)
	if !known || !ok {
		return
	}
	total, parts := 0.0, []string(nil)
	for _, d := range p.docsOf(manifest.KindInferenceComponent) {
		if !sameHosting(d, p.Doc) {
			continue
		}
		devices, copies := componentDevices(d)
		copies = max(copies, scaledCopies(p, d))
		if devices*copies == 0 {
			continue
		}
		total += devices * copies
		name, _ := manifest.Str(manifest.Get(d.Body, "InferenceComponentName"))
		parts = append(parts, fmt.Sprintf("%s %g x %g", name, copies, devices))
	}
	have := float64(instances * hw.Accelerators)
	if total <= have {
		return
	}
	at := manifest.Get(manifest.Mapping(manifest.Get(p.Doc.Body, "RuntimeConfig")), "CopyCount")
	p.Report(at, fmt.Sprintf("the copies on variant %s of Endpoint %q need %g accelerator devices (copies x devices: %s), more than the %d %s instances its %s allows have (%g)",
		h.Name, h.Endpoint.Name, total, strings.Join(parts, ", "), instances, typ, bound, have),
		fmt.Sprintf("lower the copy counts to fit %g devices, or raise %s", have, bound))
}

// maxInstances returns how many instances the variant may have: MaxInstanceCount when
// managed instance scaling is enabled, else InitialInstanceCount, and which it is.
func maxInstances(v *yaml.Node) (int, string, bool) {
	if m := manifest.Mapping(manifest.Get(v, "ManagedInstanceScaling")); m != nil {
		if s, _ := manifest.Str(manifest.Get(m, "Status")); s == managedScalingEnabled {
			n, ok := manifest.Int(manifest.Get(m, "MaxInstanceCount"))
			return int(n), "MaxInstanceCount", ok && n > 0
		}
	}
	n, ok := manifest.Int(manifest.Get(v, "InitialInstanceCount"))
	return int(n), "InitialInstanceCount", ok && n > 0
}

// sameHosting reports whether two component documents name the same endpoint and variant.
func sameHosting(a, b *manifest.Document) bool {
	for _, f := range []string{"EndpointName", "VariantName"} {
		x, _ := manifest.Str(manifest.Get(a.Body, f))
		y, _ := manifest.Str(manifest.Get(b.Body, f))
		if !manifest.SameName(x, y) {
			return false
		}
	}
	return true
}

// componentDevices returns a component's accelerators per copy (of its Specification)
// and its copy count, zero when either is not a number.
func componentDevices(d *manifest.Document) (devices, copies float64) {
	spec := manifest.Mapping(manifest.Get(d.Body, "Specification"))
	devices, _ = manifest.Float(manifest.Get(manifest.Mapping(manifest.Get(spec, "ComputeResourceRequirements")), "NumberOfAcceleratorDevicesRequired"))
	copies, _ = manifest.Float(manifest.Get(manifest.Mapping(manifest.Get(d.Body, "RuntimeConfig")), "CopyCount"))
	return devices, copies
}

// scaledCopies returns the MaxCapacity of the scalable target of component d's copy count
// (ResourceId inference-component/<name>) in set, or 0 when there is none.
func scaledCopies(p *Pass, d *manifest.Document) float64 {
	name, _ := manifest.Str(manifest.Get(d.Body, "InferenceComponentName"))
	most := 0.0
	for _, t := range p.docsOf(manifest.KindScalableTarget) {
		id, _ := manifest.Str(manifest.Get(t.Body, "ResourceId"))
		dim, _ := manifest.Str(manifest.Get(t.Body, "ScalableDimension"))
		res, ok := parseResourceID(id)
		if !ok || dim != dimCopyCount || !manifest.SameName(res.Component, name) {
			continue
		}
		if n, ok := manifest.Float(manifest.Get(t.Body, "MaxCapacity")); ok {
			most = max(most, n)
		}
	}
	return most
}
