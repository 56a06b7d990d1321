package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// TestBuildRefusesInferenceComponents: until the planner plans inference components, a
// plan of manifests that declare one fails at the document rather than deploying the
// endpoint without its models.
func TestBuildRefusesInferenceComponents(t *testing.T) {
	src := "kind: Model\nModelName: m\n---\nkind: InferenceComponent\nInferenceComponentName: chat\nEndpointName: e\n" +
		"VariantName: main\nSpecification: {ModelName: m}\nRuntimeConfig: {CopyCount: 1}\n"
	_, docs, _ := manifest.Parse("llm.yaml", []byte(src))
	_, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, &live.Dir{}, plan.Options{})
	if err == nil || !strings.Contains(err.Error(), `llm.yaml:4:1: InferenceComponent "chat": sagectl lints InferenceComponent documents but cannot plan or apply them yet`) {
		t.Errorf("err = %v", err)
	}
}
