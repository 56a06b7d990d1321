package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// icFitsInstance reports an InferenceComponent copy that needs more accelerators, memory
// or CPU cores than one instance of its variant's type has.
type icFitsInstance struct{}

var icFitsInstanceInfo = &Info{
	ID:       "inference-component-fits-instance",
	Severity: finding.Error,
	Summary:  "flags an InferenceComponent whose copy needs more GPUs, memory or CPU cores than one instance of the variant's type has",
	Why: "SageMaker places each copy of a component on one instance, with the accelerators, memory and CPU cores its " +
		"ComputeResourceRequirements ask for. A copy that needs more than one instance of the variant's type has can never be " +
		"placed: the component does not reach InService. The instance types' GPUs, vCPUs and memory are those AWS states for " +
		"the EC2 types of the same name; types not in sagectl's table are not checked.",
	Source: "InferenceComponentComputeResourceRequirements: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentComputeResourceRequirements.html; " +
		hardwareSources(),
	Fix:   "Lower NumberOfAcceleratorDevicesRequired, MinMemoryRequiredInMb or NumberOfCpuCoresRequired, or host the component on a larger instance type.",
	Kinds: icKinds,
	Bad:   icExample("main", 8, 16384, 1),
	Good:  icExample("main", 4, 16384, 1),
}

func (icFitsInstance) Info() *Info { return icFitsInstanceInfo }

func (icFitsInstance) Check(p *Pass) {
	h := resolveHosting(p)
	for _, spec := range specifications(p.Doc.Body) {
		typ, hw, ok := specHardware(spec, h)
		if !ok {
			continue
		}
		req := manifest.Mapping(manifest.Get(spec, "ComputeResourceRequirements"))
		for _, c := range []struct {
			field, unit string
			have        float64
		}{
			{"NumberOfAcceleratorDevicesRequired", "accelerator devices", float64(hw.Accelerators)},
			{"MinMemoryRequiredInMb", "MiB of memory", float64(hw.MemoryGiB * 1024)},
			{"NumberOfCpuCoresRequired", "vCPUs", float64(hw.VCPUs)},
		} {
			n := manifest.Get(req, c.field)
			need, ok := manifest.Float(n)
			if !ok || need <= c.have {
				continue
			}
			p.Report(n, fmt.Sprintf("%s %s: one copy needs more than the %s %s of one %s instance, so no copy can be placed",
				c.field, n.Value, formatNum(c.have), c.unit, typ),
				fmt.Sprintf("ask for at most %s, or host the component on a larger instance type", formatNum(c.have)))
		}
	}
}

// specHardware returns the instance type a specification's copies run on (its own
// InstanceType, else the variant's) and its hardware, when the table knows it.
func specHardware(spec *yaml.Node, h hostingVariant) (string, hardware, bool) {
	typ, ok := manifest.Str(manifest.Get(spec, "InstanceType"))
	if !ok && h.Variant != nil {
		typ, ok = manifest.Str(manifest.Get(h.Variant, "InstanceType"))
	}
	hw, known := instanceHardware[typ]
	return typ, hw, ok && known
}

// formatNum writes a count without a fraction when it has none.
func formatNum(f float64) string {
	return fmt.Sprintf("%g", f)
}
