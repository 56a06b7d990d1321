package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

func TestBuildRefuses(t *testing.T) {
	empty := scenario{dir: t.TempDir()}.snapshot(t)
	cfn, _, err := manifest.Load([]string{"../../testdata/cfn/clean.yaml"}, manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Build(context.Background(), cfn, empty, plan.Options{}); err == nil || !strings.Contains(err.Error(), "only known when CloudFormation deploys") {
		t.Errorf("CloudFormation intrinsic: err = %v", err)
	}
	_, docs, _ := manifest.Parse("dup.yaml", []byte("kind: Model\nModelName: m\n---\nkind: Model\nModelName: m\n"))
	dup := &manifest.Set{Docs: docs}
	if _, err := plan.Build(context.Background(), dup, empty, plan.Options{}); err == nil || !strings.Contains(err.Error(), `Model "m" is also defined in dup.yaml:1`) {
		t.Errorf("duplicate name: err = %v", err)
	}
	_, docs, _ = manifest.Parse("dup.yaml", []byte("kind: Model\nModelName: m\n---\nkind: Model\nModelName: M\n"))
	if _, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, empty, plan.Options{}); err == nil || !strings.Contains(err.Error(), `Model "M" is also defined in dup.yaml:1 as "m" (SageMaker names are case-insensitive)`) {
		t.Errorf("names differing by case: err = %v", err)
	}
	if _, err := plan.Build(context.Background(), dup, empty, plan.Options{Naming: "random"}); err == nil {
		t.Error("unknown naming: no error")
	}
	_, docs, _ = manifest.Parse("bad.yaml", []byte("kind: Model\nModelName: m\nExecutionRoleArn: [1]\n"))
	if _, err := plan.Build(context.Background(), &manifest.Set{Docs: docs}, empty, plan.Options{}); err == nil || !strings.Contains(err.Error(), "bad.yaml:1: Model m: CreateModel input") {
		t.Errorf("a value the SDK type cannot hold: err = %v", err)
	}
}
