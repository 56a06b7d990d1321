package apply

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// ManagedByTag is the ownership tag: sagectl deletes or changes only resources that carry it.
const ManagedByTag = "sagectl:managed-by"

// Guard deletes endpoint configs, models and endpoints only when sagectl owns them and no
// endpoint uses them, re-checking both right before each delete.
type Guard struct {
	API API
	// Keep are endpoint configs kept as rollback targets: never deleted, and their models
	// count as in use.
	Keep map[string]bool
}

// DeleteConfig deletes endpoint config name. A config already gone counts as deleted.
func (g *Guard) DeleteConfig(ctx context.Context, name string) error {
	if g.Keep[name] {
		return nil
	}
	out, err := g.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: &name})
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("endpoint config %q: reading it before deleting: %w", name, err)
	}
	if err := g.owned(ctx, "endpoint config", name, out.EndpointConfigArn, "deleted"); err != nil {
		return err
	}
	refs, err := g.references(ctx)
	if err != nil {
		return fmt.Errorf("endpoint config %q: %w", name, err)
	}
	if users := refs[name]; len(users) > 0 {
		return &Error{Resource: "endpoint config", Name: name, Kind: KindInUse,
			Reason: fmt.Sprintf("not deleted: still used by %s; point those endpoints at another config first", strings.Join(users, ", "))}
	}
	_, err = g.API.DeleteEndpointConfig(ctx, &sagemaker.DeleteEndpointConfigInput{EndpointConfigName: &name})
	if err != nil && !IsNotFound(err) {
		return fmt.Errorf("endpoint config %q: deleting: %w", name, err)
	}
	return nil
}

// DeleteModel deletes model name when no endpoint's current or in-flight config, and no kept
// config, references it. A model already gone counts as deleted.
func (g *Guard) DeleteModel(ctx context.Context, name string) error {
	out, err := g.API.DescribeModel(ctx, &sagemaker.DescribeModelInput{ModelName: &name})
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("model %q: reading it before deleting: %w", name, err)
	}
	if err := g.owned(ctx, "model", name, out.ModelArn, "deleted"); err != nil {
		return err
	}
	refs, err := g.references(ctx)
	if err != nil {
		return fmt.Errorf("model %q: %w", name, err)
	}
	for k := range g.Keep {
		refs[k] = append(refs[k], "the kept rollback target")
	}
	var users []string
	for _, cfg := range sortedKeys(refs) {
		d, err := g.API.DescribeEndpointConfig(ctx, &sagemaker.DescribeEndpointConfigInput{EndpointConfigName: aws.String(cfg)})
		if IsNotFound(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("model %q: reading endpoint config %q that an endpoint uses: %w", name, cfg, err)
		}
		if usesModel(d, name) {
			users = append(users, fmt.Sprintf("endpoint config %q (used by %s)", cfg, strings.Join(refs[cfg], ", ")))
		}
	}
	if len(users) > 0 {
		return &Error{Resource: "model", Name: name, Kind: KindInUse,
			Reason: fmt.Sprintf("not deleted: still used by %s", strings.Join(users, "; "))}
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
	if err := g.owned(ctx, "endpoint", name, out.EndpointArn, "deleted"); err != nil {
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

// owned returns a KindNotOwned *Error (saying the resource was not verb) unless the resource at arn carries ManagedByTag.
func (g *Guard) owned(ctx context.Context, what, name string, arn *string, verb string) error {
	tags, err := Tags(ctx, g.API, aws.ToString(arn))
	if err != nil {
		return fmt.Errorf("%s %q: reading its tags: %w", what, name, err)
	}
	if _, ok := tags[ManagedByTag]; !ok {
		return &Error{Resource: what, Name: name, Kind: KindNotOwned,
			Reason: fmt.Sprintf("not %s: it has no %s tag, so sagectl did not create it; leave it out of the manifests, or import it", verb, ManagedByTag)}
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
// deployment, to those endpoints ("name (Status)").
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
			if c := aws.ToString(d.EndpointConfigName); c != "" {
				refs[c] = append(refs[c], user)
			}
			if pd := d.PendingDeploymentSummary; pd != nil && aws.ToString(pd.EndpointConfigName) != "" {
				refs[*pd.EndpointConfigName] = append(refs[*pd.EndpointConfigName], user)
			}
		}
	}
	return refs, nil
}

func usesModel(d *sagemaker.DescribeEndpointConfigOutput, model string) bool {
	for _, v := range append(append([]types.ProductionVariant{}, d.ProductionVariants...), d.ShadowProductionVariants...) {
		if aws.ToString(v.ModelName) == model {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
