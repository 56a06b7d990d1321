package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestBuildRefusesAutoscaling: until plan and apply deploy Application Auto Scaling
// resources, a plan of manifests that declare one fails at the document rather than
// deploying the endpoint without its autoscaling.
func TestBuildRefusesAutoscaling(t *testing.T) {
	src := "kind: Model\nModelName: m\n---\nkind: ScalableTarget\nServiceNamespace: sagemaker\n" +
		"ResourceId: endpoint/e/variant/v\nScalableDimension: sagemaker:variant:DesiredInstanceCount\nMinCapacity: 1\nMaxCapacity: 2\n"
	_, docs, _ := manifest.Parse("scaling.yaml", []byte(src))
	_, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, &live.Dir{}, plan.Options{})
	if err == nil || !strings.Contains(err.Error(), `scaling.yaml:4:1: ScalableTarget "endpoint/e/variant/v": sagectl lints ScalableTarget documents but cannot plan or apply them yet`) {
		t.Errorf("err = %v", err)
	}
}
