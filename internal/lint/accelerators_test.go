package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// TestHardwareTableMatchesTheSDK: every instance type of the hardware table is a value of
// the SDK's ProductionVariantInstanceType enum, every row cites a public AWS page the
// rules' Source lists, its numbers are plausible (at least one GPU, 4 vCPUs and 2 GiB of
// memory per vCPU), and every SDK instance type of a family the table lists has its row.
func TestHardwareTableMatchesTheSDK(t *testing.T) {
	var values []string
	for _, v := range types.ProductionVariantInstanceType("").Values() {
		values = append(values, string(v))
	}
	if len(instanceHardware) < 30 {
		t.Fatalf("only %d rows", len(instanceHardware))
	}
	for name, h := range instanceHardware {
		if !slices.Contains(values, name) {
			t.Errorf("%s is not a ProductionVariantInstanceType of the SDK", name)
		}
		if !strings.HasPrefix(h.Source, "https://") || !strings.Contains(hardwareSources(), h.Source) {
			t.Errorf("%s: source %q is not one of the listed https pages", name, h.Source)
		}
		if h.Accelerators < 1 || h.VCPUs < 4 || h.MemoryGiB < 2*h.VCPUs {
			t.Errorf("%s: implausible hardware %+v", name, h)
		}
	}
	families := map[string]bool{}
	for name := range instanceHardware {
		families[instanceFamily(name)] = true
	}
	for _, v := range values {
		if _, ok := instanceHardware[v]; families[instanceFamily(v)] && !ok {
			t.Errorf("%s: the table lists its family but not the type", v)
		}
	}
}
