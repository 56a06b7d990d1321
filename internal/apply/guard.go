package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// The ownership tags, as the planner writes them.
const (
	// ManagedByTag marks what sagectl created: it deletes or changes only resources with it.
	ManagedByTag = plan.TagManagedBy
	// TagLogicalID names the manifest resource a physical one was made from.
	TagLogicalID = plan.TagLogicalID
)

// Guard deletes endpoint configs, models and endpoints only when sagectl owns them and nothing
// uses them, re-checking both right before each delete.
type Guard struct {
	API API
	// KeepLast keeps that many of the newest unused configs of each logical config (tag
	// sagectl:logical-id) as rollback targets instead of deleting them.
	KeepLast int
	// Note, when set, is told about each config kept.
	Note func(line string)
	// Project is the plan's project: only resources with its ownership tags
	// (plan.OwnerOf is plan.OwnerUs) are changed or deleted. "" means no project.
	Project string
}

// DeleteConfig deletes endpoint config name unless an endpoint uses it, now or as the target
// of an in-flight update, or it is one of the KeepLast rollback targets. A config already gone
// counts as deleted.
func (g *Guard) DeleteConfig(ctx context.Context, name string) error {
	out, err := g.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("endpoint config %q: reading it before deleting: %w", name, err)
	}
	tags, err := g.owned(ctx, "endpoint config", name, out.EndpointConfigArn, "deleted")
	if err != nil {
		return err
	}
	refs, err := g.references(ctx)
	if err != nil {
		return fmt.Errorf("endpoint config %q: %w", name, err)
	}
	if users := refs[manifest.NameKey(name)]; len(users) > 0 {
		return &Error{Resource: "endpoint config", Name: name, Kind: KindInUse,
			Reason: fmt.Sprintf("not deleted: still used by %s; point those endpoints at another config first", strings.Join(users, ", "))}
	}
	if keep, err := g.rollbackTarget(ctx, name, tags[TagLogicalID], refs); err != nil || keep {
		if err == nil && g.Note != nil {
			g.Note(fmt.Sprintf("kept        endpoint config %s as a rollback target (keep-last %d)", name, g.KeepLast))
		}
		return err
	}
	_, err = g.API.DeleteEndpointConfig(ctx, &sagemaker.DeleteEndpointConfigInput{EndpointConfigName: &name})
	if err != nil && !IsNotFound(err) {
		return fmt.Errorf("endpoint config %q: deleting: %w", name, err)
	}
	return nil
}

// rollbackTarget reports whether config name is among the KeepLast newest configs of logical
// config id that no endpoint uses.
func (g *Guard) rollbackTarget(ctx context.Context, name, id string, refs map[string][]string) (bool, error) {
	if g.KeepLast <= 0 || id == "" {
		return false, nil
	}
	kept := 0
	p := sagemaker.NewListEndpointConfigsPaginator(g.API, &sagemaker.ListEndpointConfigsInput{
		SortBy: types.EndpointConfigSortKeyCreationTime, SortOrder: types.OrderKeyDescending})
	for p.HasMorePages() && kept < g.KeepLast {
		page, err := p.NextPage(ctx)
		if err != nil {
			return false, fmt.Errorf("endpoint config %q: listing configs to keep the last %d: %w", name, g.KeepLast, err)
		}
		for _, c := range page.EndpointConfigs {
			if len(refs[manifest.NameKey(aws.ToString(c.EndpointConfigName))]) > 0 {
				continue
			}
			tags, err := Tags(ctx, g.API, aws.ToString(c.EndpointConfigArn))
			if err != nil {
				return false, fmt.Errorf("endpoint config %q: reading tags of %q: %w", name, aws.ToString(c.EndpointConfigName), err)
			}
			if !manifest.SameName(tags[TagLogicalID], id) || plan.OwnerOf(tags, g.Project) != plan.OwnerUs {
				continue
			}
			if manifest.SameName(aws.ToString(c.EndpointConfigName), name) {
				return true, nil
			}
			if kept++; kept >= g.KeepLast {
				break
			}
		}
	}
	return false, nil
}

// DeleteModel deletes model name unless an endpoint config still names it (deleting it would
// break that config, and with it any endpoint or rollback that uses it). A model already gone
// counts as deleted.
func (g *Guard) DeleteModel(ctx context.Context, name string) error {
	out, err := g.API.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: &name})
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("model %q: reading it before deleting: %w", name, err)
	}
	if _, err := g.owned(ctx, "model", name, out.ModelArn, "deleted"); err != nil {
		return err
	}
	var users []string
	p := sagemaker.NewListEndpointConfigsPaginator(g.API, &sagemaker.ListEndpointConfigsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("model %q: listing endpoint configs to check none uses it: %w", name, err)
		}
		for _, c := range page.EndpointConfigs {
			d, err := g.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: c.EndpointConfigName})
			if IsNotFound(err) {
				continue
			}
			if err != nil {
				return fmt.Errorf("model %q: reading endpoint config %q to check it does not use it: %w", name, aws.ToString(c.EndpointConfigName), err)
			}
			if usesModel(d, name) {
				users = append(users, fmt.Sprintf("%q", aws.ToString(c.EndpointConfigName)))
			}
		}
	}
	if len(users) > 0 {
		return &Error{Resource: "model", Name: name, Kind: KindInUse,
			Reason: fmt.Sprintf("not deleted: endpoint config %s still names it; delete those configs first", strings.Join(users, ", "))}
	}
	components, err := g.componentsUsing(ctx, name) // inference_component.go
	if err != nil {
		return err
	}
	if len(components) > 0 {
		return &Error{Resource: "model", Name: name, Kind: KindInUse,
			Reason: fmt.Sprintf("not deleted: inference component %s still runs it; delete those components first", strings.Join(components, ", "))}
	}
	_, err = g.API.DeleteModel(ctx, &sagemaker.DeleteModelInput{ModelName: &name})
	if err != nil && !IsNotFound(err) {
		return fmt.Errorf("model %q: deleting: %w", name, err)
	}
	return nil
}

// DeleteEndpoint deletes endpoint name when sagectl owns it and it is InService or Failed
// (SageMaker rejects deleting a Creating or Updating endpoint). An endpoint already gone
// counts as deleted; the caller waits for it to disappear.
func (g *Guard) DeleteEndpoint(ctx context.Context, name string) error {
	out, err := g.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: &name})
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("endpoint %q: reading it before deleting: %w", name, err)
	}
	if _, err := g.owned(ctx, "endpoint", name, out.EndpointArn, "deleted"); err != nil {
		return err
	}
	if s := out.EndpointStatus; s != types.EndpointStatusInService && s != types.EndpointStatusFailed {
		return &Error{Resource: "endpoint", Name: name, Status: string(s), Kind: KindBusy,
			Reason: fmt.Sprintf("not deleted: it is %s (another deployment is in progress); apply again once it is InService or Failed", s)}
	}
	_, err = g.API.DeleteEndpoint(ctx, &sagemaker.DeleteEndpointInput{EndpointName: &name})
	if err != nil && !IsNotFound(err) {
		return fmt.Errorf("endpoint %q: deleting: %w", name, err)
	}
	return nil
}

// owned returns the tags of the resource at arn, or a KindNotOwned *Error (saying the resource
// was not verb, and why) when they are not the project's ownership tags (plan.OwnerOf).
func (g *Guard) owned(ctx context.Context, what, name string, arn *string, verb string) (map[string]string, error) {
	tags, err := Tags(ctx, g.API, aws.ToString(arn))
	if err != nil {
		return nil, fmt.Errorf("%s %q: reading its tags: %w", what, name, err)
	}
	if why := plan.NotOurs(tags, g.Project); why != "" {
		return nil, &Error{Resource: what, Name: name, Kind: KindNotOwned, Reason: fmt.Sprintf("not %s: %s", verb, why)}
	}
	return tags, nil
}

// bookkeeping allows the cleanup ledger's tags (plan/cleanup.go) on a resource of this
// project, and on one sagectl created before projects (OwnerLegacy), which the same plan
// adopts in a later step: the ledger records what a swap creates before anything is
// created. Any other owner is refused as for a change.
func (g *Guard) bookkeeping(ctx context.Context, arn *string) error {
	tags, err := Tags(ctx, g.API, aws.ToString(arn))
	if err != nil {
		return fmt.Errorf("resource %q: reading its tags: %w", aws.ToString(arn), err)
	}
	if o := plan.OwnerOf(tags, g.Project); o != plan.OwnerUs && o != plan.OwnerLegacy {
		return &Error{Resource: "resource", Name: aws.ToString(arn), Kind: KindNotOwned, Reason: "not changed: " + plan.NotOurs(tags, g.Project)}
	}
	return nil
}

// Tags returns every tag of the resource at arn.
func Tags(ctx context.Context, api API, arn string) (map[string]string, error) {
	tags := map[string]string{}
	p := sagemaker.NewListTagsPaginator(api, &sagemaker.ListTagsInput{ResourceArn: &arn})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range page.Tags {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return tags, nil
}

// references maps every endpoint config some endpoint uses, now or in an in-flight
// deployment, by manifest.NameKey of its name, to those endpoints ("name (Status)").
func (g *Guard) references(ctx context.Context) (map[string][]string, error) {
	refs := map[string][]string{}
	p := sagemaker.NewListEndpointsPaginator(g.API, &sagemaker.ListEndpointsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing endpoints to check nothing uses it: %w", err)
		}
		for _, s := range page.Endpoints {
			d, err := g.API.DescribeEndpoint(ctx, &sagemaker.DescribeEndpointInput{EndpointName: s.EndpointName})
			if IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("reading endpoint %q to check it does not use it: %w", aws.ToString(s.EndpointName), err)
			}
			user := fmt.Sprintf("endpoint %q (%s)", aws.ToString(d.EndpointName), d.EndpointStatus)
			if c := manifest.NameKey(aws.ToString(d.EndpointConfigName)); c != "" {
				refs[c] = append(refs[c], user)
			}
			if pd := d.PendingDeploymentSummary; pd != nil && aws.ToString(pd.EndpointConfigName) != "" {
				c := manifest.NameKey(*pd.EndpointConfigName)
				refs[c] = append(refs[c], user)
			}
		}
	}
	return refs, nil
}

func usesModel(d *sagemaker.DescribeEndpointConfigOutput, model string) bool {
	for _, v := range append(append([]types.ProductionVariant{}, d.ProductionVariants...), d.ShadowProductionVariants...) {
		if manifest.SameName(aws.ToString(v.ModelName), model) {
			return true
		}
	}
	return false
}
