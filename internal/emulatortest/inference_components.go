package emulatortest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// seedComponents creates the snapshot's inference components (their endpoints are
// InService by now) with their tags, the desired copy count and the specified image, and
// lets them settle.
func (s Seeder) seedComponents(t testing.TB, d *live.Dir) {
	t.Helper()
	var names, endpoints []string
	for _, r := range read(t, d, manifest.KindInferenceComponent) {
		in := &sagemaker.CreateInferenceComponentInput{}
		decodeInto(t, r, in)
		in.Tags = tags(r)
		if rc, ok := r.Body["RuntimeConfig"].(map[string]any); ok {
			var copies struct{ DesiredCopyCount *int32 }
			decodeValue(t, r, rc, &copies)
			in.RuntimeConfig = &types.InferenceComponentRuntimeConfig{CopyCount: copies.DesiredCopyCount}
		}
		if spec, ok := r.Body["Specification"].(map[string]any); ok && in.Specification != nil && in.Specification.Container != nil {
			var img struct {
				Container struct {
					DeployedImage struct{ SpecifiedImage *string }
				}
			}
			decodeValue(t, r, spec, &img)
			in.Specification.Container.Image = img.Container.DeployedImage.SpecifiedImage
		}
		if _, err := s.Client.CreateInferenceComponent(context.Background(), in); err != nil {
			t.Fatalf("seeding inference component %s: %v", r.Name, err)
		}
		names, endpoints = append(names, aws.ToString(in.InferenceComponentName)), append(endpoints, aws.ToString(in.EndpointName))
	}
	s.componentsInService(t, names, endpoints)
}

// componentsInService settles (Settle on the components' endpoints: a fake clock
// advances) until every named component is InService, for at most 30 s of real time.
func (s Seeder) componentsInService(t testing.TB, names, endpoints []string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for _, n := range names {
		for {
			s.Settle(t, endpoints)
			out, err := s.Client.DescribeInferenceComponent(context.Background(), &sagemaker.DescribeInferenceComponentInput{InferenceComponentName: aws.String(n)})
			if err == nil && out.InferenceComponentStatus == types.InferenceComponentStatusInService {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("seeded inference component %s not InService after 30s: %v", n, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
