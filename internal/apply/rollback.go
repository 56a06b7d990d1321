package apply

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// Rollback is switching an endpoint back to its previous owned config: the newest config of
// the same logical config (tag sagectl:logical-id), this project's, created before the one the
// endpoint runs: what apply --keep-last kept.
type Rollback struct {
	Endpoint string
	// From is the config the endpoint runs; To the config it is switched back to.
	From, To string
	before   *sagemaker.DescribeEndpointOutput
}

// FindRollback reads endpoint and chooses its rollback target. It refuses an endpoint that is
// not InService or not this project's, a config without a logical id, and an endpoint with no
// earlier config kept.
func (x *Executor) FindRollback(ctx context.Context, endpoint string) (*Rollback, error) {
	ep, err := x.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: &endpoint})
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", endpoint, err)
	}
	if ep.EndpointStatus != types.EndpointStatusInService {
		return nil, &Error{Resource: "endpoint", Name: endpoint, Status: string(ep.EndpointStatus), Kind: KindNotDeployed,
			Reason: fmt.Sprintf("not rolled back: it is %s, not InService; wait for it to settle and try again", ep.EndpointStatus)}
	}
	if _, err := x.Guard.owned(ctx, "endpoint", endpoint, ep.EndpointArn, "rolled back"); err != nil {
		return nil, err
	}
	from := aws.ToString(ep.EndpointConfigName)
	cur, err := x.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &from})
	if err != nil {
		return nil, fmt.Errorf("endpoint config %q the endpoint runs: %w", from, err)
	}
	tags, err := x.Guard.owned(ctx, "endpoint config", from, cur.EndpointConfigArn, "rolled back from")
	if err != nil {
		return nil, err
	}
	id := tags[TagLogicalID]
	if id == "" {
		return nil, &Error{Resource: "endpoint", Name: endpoint, Kind: KindNotOwned,
			Reason: fmt.Sprintf("not rolled back: its config %q has no %s tag, so sagectl cannot tell which configs are its earlier versions", from, TagLogicalID)}
	}
	to, err := x.previous(ctx, from, id, aws.ToTime(cur.CreationTime))
	if err != nil {
		return nil, err
	}
	if to == "" {
		return nil, &Error{Resource: "endpoint", Name: endpoint, Kind: KindNotDeployed,
			Reason: fmt.Sprintf("not rolled back: no earlier config of %q is left (apply --keep-last N keeps that many superseded configs as rollback targets)", id)}
	}
	return &Rollback{Endpoint: endpoint, From: from, To: to, before: ep}, nil
}

// previous returns the newest owned config of logical config id created before created, other
// than from; "" when there is none.
func (x *Executor) previous(ctx context.Context, from, id string, created time.Time) (string, error) {
	p := sagemaker.NewListEndpointConfigsPaginator(x.API, &sagemaker.ListEndpointConfigsInput{
		SortBy: types.EndpointConfigSortKeyCreationTime, SortOrder: types.OrderKeyDescending})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", fmt.Errorf("listing endpoint configs for a rollback target: %w", err)
		}
		for _, c := range page.EndpointConfigs {
			name := aws.ToString(c.EndpointConfigName)
			if manifest.SameName(name, from) || aws.ToTime(c.CreationTime).After(created) {
				continue
			}
			tags, err := Tags(ctx, x.API, aws.ToString(c.EndpointConfigArn))
			if err != nil {
				return "", fmt.Errorf("endpoint config %q: reading its tags: %w", name, err)
			}
			if manifest.SameName(tags[TagLogicalID], id) && plan.OwnerOf(tags, x.Guard.Project) == plan.OwnerUs {
				return name, nil
			}
		}
	}
	return "", nil
}

// RunRollback switches the endpoint to r.To, waits for InService and verifies the endpoint
// serves r.To (a rollback that SageMaker itself rolled back is an *Error saying so).
func (x *Executor) RunRollback(ctx context.Context, r *Rollback) error {
	if _, err := x.API.UpdateEndpoint(ctx, &sagemaker.UpdateEndpointInput{EndpointName: &r.Endpoint, EndpointConfigName: &r.To}); err != nil {
		return fmt.Errorf("endpoint %q: UpdateEndpoint to %q: %w", r.Endpoint, r.To, err)
	}
	after, err := x.Waiter.EndpointAfter(ctx, r.Endpoint, r.before)
	if err != nil {
		return err
	}
	return VerifySwap(r.before, after, r.To)
}
