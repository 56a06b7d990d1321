package apply

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	aas "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// earlierAttempt reports whether a create failed only because an earlier attempt of the same
// create succeeded: the service says the resource already exists, and the one there carries
// sagectl's ownership tag and the spec hash this create asked for (live, from the call
// table, describes it; for an endpoint it also checks the config asked for). That happens when a 5xx
// answered a create the service had carried out and the retry found it, or when an apply was
// killed right after the call. Anything else that exists under the name is not ours to reuse.
// A re-run inside SageMaker's consistency window may be told the resource exists while
// reads still miss it: w.Existing polls the describe through that window first.
func (x *Executor) earlierAttempt(ctx context.Context, w *Waiter, err error, what, name string, tags []types.Tag, live describeARN) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) || !strings.Contains(ae.ErrorMessage(), "already existing") {
		return false
	}
	want := ""
	for _, t := range tags {
		if aws.ToString(t.Key) == plan.TagSpecHash {
			want = aws.ToString(t.Value)
		}
	}
	if want == "" {
		return false
	}
	arn, err := w.Existing(ctx, what, name, live)
	if err != nil {
		return false
	}
	got, err := Tags(context.WithoutCancel(ctx), x.API, aws.ToString(arn))
	return err == nil && plan.OwnerOf(got, x.Guard.Project) == plan.OwnerUs && got[plan.TagSpecHash] == want
}

// adoptable checks an AddTags that adopts a resource (adopts): the plan that asks for it was
// reviewed, but it may only make the resource this project's. It refuses tags naming another
// project or another owner than sagectl, and a resource another project owns already.
func (x *Executor) adoptable(ctx context.Context, in *sagemaker.AddTagsInput) error {
	arn := aws.ToString(in.ResourceArn)
	for _, t := range in.Tags {
		k, v := aws.ToString(t.Key), aws.ToString(t.Value)
		if (k == plan.TagProject && v != x.Guard.Project) || (k == ManagedByTag && v != ManagedByValue) {
			return &Error{Resource: "resource", Name: arn, Kind: KindNotOwned,
				Reason: fmt.Sprintf("not adopted: the plan tags it %s=%s, but this plan's project is %q; plan again with the project's .sagectl.yaml", k, v, x.Guard.Project)}
		}
	}
	tags, err := Tags(ctx, x.API, arn)
	if err != nil {
		return fmt.Errorf("resource %q: reading its tags before adopting it: %w", arn, err)
	}
	if plan.OwnerOf(tags, x.Guard.Project) == plan.OwnerOther {
		return &Error{Resource: "resource", Name: arn, Kind: KindNotOwned, Reason: "not adopted: " + plan.NotOurs(tags, x.Guard.Project)}
	}
	return nil
}

// describeARN describes the resource a create named: its ARN; an error for which
// IsNotFound holds while it is not readable yet, errNotAsked when it is not what the create
// asked for.
type describeARN func(ctx context.Context) (*string, error)

// created turns the error of a create into nil when earlierAttempt explains it, and says
// what stands under the name otherwise.
func (x *Executor) created(ctx context.Context, w *Waiter, op string, err error, what, name string, tags []types.Tag, live describeARN) error {
	if err == nil || x.earlierAttempt(ctx, w, err, what, name, tags, live) {
		return nil
	}
	if ae := (smithy.APIError)(nil); errors.As(err, &ae) && strings.Contains(ae.ErrorMessage(), "already existing") {
		return fmt.Errorf("%s %s: %w: a %s %q exists that is not this plan's earlier create (not readable within %s, or without sagectl's tags and this spec-hash): run sagectl plan to see it",
			op, name, err, what, name, w.VisibleTimeout)
	}
	return fmt.Errorf("%s %s: %w", op, name, err)
}

// AdoptTarget is a live resource that sagectl import --adopt makes the project's.
type AdoptTarget struct {
	// Kind and Name identify the resource in messages; ARN is what is tagged.
	Kind manifest.Kind
	Name string
	ARN  string
}

// Adopt gives every target the ownership tags of project ("" means none): TagManagedBy,
// TagLogicalID (its name, which is also its imported manifest's) and plan.TagProject, each
// only where missing. It reads every target's tags first and tags nothing when any
// belongs to another project or carries TagManagedBy with another value: adoption may
// only claim what no one else has. It returns one line per target saying what it did.
// Scalable targets are tagged through scaling (Application Auto Scaling's
// ListTagsForResource and TagResource), the other kinds through api.
func Adopt(ctx context.Context, api API, scaling AutoscalingAPI, project string, targets []AdoptTarget) ([]string, error) {
	tg := adoptTagger{api: api, scaling: scaling}
	adds := make([]map[string]string, len(targets))
	var refused []string
	for i, t := range targets {
		tags, err := tg.tags(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("%s %s: reading its tags before adopting it: %w", t.Kind, t.Name, err)
		}
		if v, ok := tags[ManagedByTag]; ok && v != ManagedByValue {
			refused = append(refused, fmt.Sprintf("%s %s: its %s tag is %q, not %q: someone else manages it", t.Kind, t.Name, ManagedByTag, v, ManagedByValue))
			continue
		}
		if plan.OwnerOf(tags, project) == plan.OwnerOther {
			refused = append(refused, fmt.Sprintf("%s %s: %s", t.Kind, t.Name, plan.NotOurs(tags, project)))
			continue
		}
		want := map[string]string{ManagedByTag: ManagedByValue, TagLogicalID: t.Name}
		if project != "" {
			want[plan.TagProject] = project
		}
		adds[i] = map[string]string{}
		for k, v := range want {
			if _, has := tags[k]; !has {
				adds[i][k] = v
			}
		}
	}
	if len(refused) > 0 {
		return nil, fmt.Errorf("nothing adopted: %s; leave those out of the import", strings.Join(refused, "; "))
	}
	var out []string
	for i, t := range targets {
		if len(adds[i]) == 0 {
			out = append(out, fmt.Sprintf("%s %s: already managed by sagectl%s, nothing to adopt", t.Kind, t.Name, inProject(" in", project)))
			continue
		}
		var shown []string
		for _, k := range slices.Sorted(maps.Keys(adds[i])) {
			shown = append(shown, k+"="+adds[i][k])
		}
		if err := tg.add(ctx, t, adds[i]); err != nil {
			return out, fmt.Errorf("%s %s: adding the ownership tags: %w (the lines above were adopted; import --adopt again to finish)", t.Kind, t.Name, err)
		}
		out = append(out, fmt.Sprintf("%s %s: adopted%s (tagged %s)", t.Kind, t.Name, inProject(" into", project), strings.Join(shown, ", ")))
	}
	return out, nil
}

// adoptTagger reads and adds the tags of an adopted resource through the API of its kind.
type adoptTagger struct {
	api     API
	scaling AutoscalingAPI
}

func (g adoptTagger) tags(ctx context.Context, t AdoptTarget) (map[string]string, error) {
	if t.Kind != manifest.KindScalableTarget {
		return Tags(ctx, g.api, t.ARN)
	}
	if g.scaling == nil {
		return nil, errors.New("no Application Auto Scaling client")
	}
	out, err := g.scaling.ListTagsForResource(ctx, &aas.ListTagsForResourceInput{ResourceARN: aws.String(t.ARN)})
	if err != nil {
		return nil, err
	}
	return out.Tags, nil
}

func (g adoptTagger) add(ctx context.Context, t AdoptTarget, tags map[string]string) error {
	if t.Kind == manifest.KindScalableTarget {
		_, err := g.scaling.TagResource(ctx, &aas.TagResourceInput{ResourceARN: aws.String(t.ARN), Tags: tags})
		return err
	}
	var list []types.Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		list = append(list, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	_, err := g.api.AddTags(ctx, &sagemaker.AddTagsInput{ResourceArn: aws.String(t.ARN), Tags: list})
	return err
}

func inProject(prep, project string) string {
	if project == "" {
		return ""
	}
	return prep + " project " + project
}
