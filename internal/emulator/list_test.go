package emulator_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func TestListPaginationAndSort(t *testing.T) {
	e := newEnv(t)
	for i := range 12 {
		e.model(t, fmt.Sprintf("m%02d", i))
		e.clock.Advance(time.Second)
	}
	// Default: newest first, 10 per page.
	p1 := must[*sagemaker.ListModelsOutput](t)(e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{}))
	if len(p1.Models) != 10 || aws.ToString(p1.Models[0].ModelName) != "m11" || p1.NextToken == nil {
		t.Fatalf("first page: %d models, first %q, token %v", len(p1.Models), aws.ToString(p1.Models[0].ModelName), p1.NextToken)
	}
	p2 := must[*sagemaker.ListModelsOutput](t)(e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{NextToken: p1.NextToken}))
	if len(p2.Models) != 2 || aws.ToString(p2.Models[1].ModelName) != "m00" || p2.NextToken != nil {
		t.Fatalf("second page: %d models, token %v", len(p2.Models), p2.NextToken)
	}
	// The SDK paginator walks every page.
	var names []string
	pg := sagemaker.NewListModelsPaginator(e.client, &sagemaker.ListModelsInput{MaxResults: aws.Int32(5), SortBy: types.ModelSortKeyName, SortOrder: types.OrderKeyAscending})
	for pg.HasMorePages() {
		page := must[*sagemaker.ListModelsOutput](t)(pg.NextPage(e.ctx))
		for _, m := range page.Models {
			names = append(names, aws.ToString(m.ModelName))
		}
	}
	if len(names) != 12 || !slices.IsSorted(names) {
		t.Errorf("paginated by name: %v", names)
	}
	if e.srv.Calls("ListModels") != 5 {
		t.Errorf("ListModels calls = %d, want 2 + 3 pages", e.srv.Calls("ListModels"))
	}
	_, err := e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{NextToken: aws.String("garbage")})
	apiErr(t, err, "ValidationException", `Invalid pagination token "garbage"`)

	after := must[*sagemaker.ListModelsOutput](t)(e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{
		CreationTimeAfter: aws.Time(epoch.Add(9 * time.Second)), CreationTimeBefore: aws.Time(epoch.Add(11 * time.Second))}))
	if len(after.Models) != 1 || aws.ToString(after.Models[0].ModelName) != "m10" {
		t.Errorf("created strictly between 9s and 11s: %v", after.Models)
	}
	some := must[*sagemaker.ListModelsOutput](t)(e.client.ListModels(e.ctx, &sagemaker.ListModelsInput{NameContains: aws.String("M1")}))
	if len(some.Models) != 2 {
		t.Errorf("NameContains M1 (case-insensitive): %d models, want m10 and m11", len(some.Models))
	}
}

func TestListEndpointsFilters(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	e.config(t, "cfg-one", "m")
	e.config(t, "cfg-two", "m")
	for _, n := range []string{"alpha", "beta", "gamma"} {
		must[*sagemaker.CreateEndpointOutput](t)(e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String(n), EndpointConfigName: aws.String("cfg-one")}))
	}
	e.clock.Advance(time.Minute + 10*time.Second)
	must[*sagemaker.UpdateEndpointOutput](t)(e.client.UpdateEndpoint(e.ctx, &sagemaker.UpdateEndpointInput{EndpointName: aws.String("beta"), EndpointConfigName: aws.String("cfg-two")}))
	list := func(in *sagemaker.ListEndpointsInput) []string {
		t.Helper()
		out := must[*sagemaker.ListEndpointsOutput](t)(e.client.ListEndpoints(e.ctx, in))
		var names []string
		for _, s := range out.Endpoints {
			names = append(names, aws.ToString(s.EndpointName)+"="+string(s.EndpointStatus))
		}
		return names
	}
	if got := list(&sagemaker.ListEndpointsInput{StatusEquals: types.EndpointStatusUpdating}); !slices.Equal(got, []string{"beta=Updating"}) {
		t.Errorf("StatusEquals Updating: %v", got)
	}
	if got := list(&sagemaker.ListEndpointsInput{SortBy: types.EndpointSortKeyName, SortOrder: types.OrderKeyDescending}); !slices.Equal(got, []string{"gamma=InService", "beta=Updating", "alpha=InService"}) {
		t.Errorf("by name descending: %v", got)
	}
	if got := list(&sagemaker.ListEndpointsInput{SortBy: types.EndpointSortKeyStatus, SortOrder: types.OrderKeyAscending}); !slices.Equal(got, []string{"alpha=InService", "gamma=InService", "beta=Updating"}) {
		t.Errorf("by status: %v", got)
	}
	// Creation completed at 60s; beta's update started at 70s.
	if got := list(&sagemaker.ListEndpointsInput{LastModifiedTimeAfter: aws.Time(epoch.Add(65 * time.Second))}); !slices.Equal(got, []string{"beta=Updating"}) {
		t.Errorf("modified after 65s: %v", got)
	}
	if got := list(&sagemaker.ListEndpointsInput{LastModifiedTimeBefore: aws.Time(epoch.Add(65 * time.Second)), SortBy: types.EndpointSortKeyName}); !slices.Equal(got, []string{"gamma=InService", "alpha=InService"}) {
		t.Errorf("modified before 65s: %v", got)
	}
	if got := list(&sagemaker.ListEndpointsInput{NameContains: aws.String("mm")}); !slices.Equal(got, []string{"gamma=InService"}) {
		t.Errorf("NameContains mm: %v", got)
	}
	configs := must[*sagemaker.ListEndpointConfigsOutput](t)(e.client.ListEndpointConfigs(e.ctx, &sagemaker.ListEndpointConfigsInput{NameContains: aws.String("two")}))
	if len(configs.EndpointConfigs) != 1 || aws.ToString(configs.EndpointConfigs[0].EndpointConfigArn) != "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/cfg-two" {
		t.Errorf("configs containing two: %#v", configs.EndpointConfigs)
	}
	pg := sagemaker.NewListEndpointConfigsPaginator(e.client, &sagemaker.ListEndpointConfigsInput{MaxResults: aws.Int32(1)})
	pages := 0
	for pg.HasMorePages() {
		must[*sagemaker.ListEndpointConfigsOutput](t)(pg.NextPage(e.ctx))
		pages++
	}
	if pages != 2 {
		t.Errorf("config pages of 1: %d, want 2", pages)
	}
}
