// Package live reads the live side of a plan: SageMaker's Describe* and ListTags answers,
// either from the API (API) or from JSON files saved from the AWS CLI (Dir). Both give
// the same Resource, so the planner does not know where the state came from.
package live

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/sagectl/sagectl/internal/manifest"
)

// Resource is one live SageMaker resource as Describe* returns it, with its tags, or
// one Application Auto Scaling scalable target or scaling policy as
// DescribeScalableTargets or DescribeScalingPolicies lists it.
type Resource struct {
	// Kind is Model, EndpointConfig, Endpoint, ScalableTarget or ScalingPolicy.
	Kind manifest.Kind
	// Name is the resource's physical name; a target's ResourceId; a policy's PolicyKey.
	Name string
	// ARN is the resource's ARN (ModelArn, EndpointConfigArn, EndpointArn,
	// ScalableTargetARN or PolicyARN).
	ARN string
	// Body is the Describe* output as JSON values (map[string]any, []any,
	// json.Number, string, bool), field names as the API spells them.
	Body map[string]any
	// Tags are the resource's tags (ListTags).
	Tags map[string]string
	// TagsUnknown is true when the tags were not read: a --live-dir resource with no
	// list-tags output and no Tags in its describe output. Tags is then empty, and says
	// nothing: the planner plans no tag change for it.
	TagsUnknown bool
}

// Str returns the string field key of the body, or "".
func (r *Resource) Str(key string) string {
	s, _ := r.Body[key].(string)
	return s
}

// Reader reads live resources. Read returns nil and no error when the resource does
// not exist. Implementations are safe for concurrent use.
type Reader interface {
	// Read describes the resource kind/name and lists its tags.
	Read(ctx context.Context, kind manifest.Kind, name string) (*Resource, error)
	// List returns the names of every live resource of kind, sorted.
	List(ctx context.Context, kind manifest.Kind) ([]string, error)
}

// arnField returns the Describe output field holding the ARN of kind k.
func arnField(k manifest.Kind) string {
	switch k {
	case manifest.KindScalableTarget:
		return "ScalableTargetARN"
	case manifest.KindScalingPolicy:
		return "PolicyARN"
	case manifest.KindScheduledAction:
		return "ScheduledActionARN"
	}
	return strings.TrimSuffix(k.NameField(), "Name") + "Arn"
}

// newResource builds a Resource from a Describe output decoded as JSON values.
func newResource(k manifest.Kind, body map[string]any) *Resource {
	delete(body, "ResultMetadata")
	r := &Resource{Kind: k, Body: body, Tags: map[string]string{}}
	r.Name = r.Str(k.NameField())
	if r.Name != "" {
		r.Name = ChildKey(k, r.Str("ResourceId"), r.Name)
	}
	r.ARN = r.Str(arnField(k))
	return r
}

// decodeJSON decodes data into generic values, numbers as json.Number.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// Time parses a time field as the SDK (RFC 3339) or the AWS CLI (ISO 8601 with
// microseconds, or epoch seconds) writes it. It returns the zero time when absent or
// unreadable.
func Time(v any) time.Time {
	switch t := v.(type) {
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999-07:00", "2006-01-02T15:04:05.999999"} {
			if p, err := time.Parse(layout, t); err == nil {
				return p.UTC()
			}
		}
	case json.Number:
		if f, err := t.Float64(); err == nil {
			sec := int64(f)
			return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC()
		}
	}
	return time.Time{}
}
