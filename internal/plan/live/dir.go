package live

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/readfile"
)

// maxDirFile bounds the size of one snapshot file.
const maxDirFile = 16 << 20

// Dir is a Reader over a directory of JSON files saved from the AWS CLI
// (`aws sagemaker describe-model`, `describe-endpoint-config`, `describe-endpoint`,
// `describe-inference-component`, `list-tags`) and `aws application-autoscaling`
// (`describe-scalable-targets`, `describe-scaling-policies`, `describe-scheduled-actions`,
// `list-tags-for-resource`). Each file's kind is recognised from its content, whatever its name:
//
//   - a describe output: by its ARN field (ModelArn, EndpointConfigArn, EndpointArn,
//     InferenceComponentArn, ScalableTargetARN, PolicyARN, ScheduledActionARN) or, without
//     one, by its fields (InferenceComponentStatus; EndpointStatus; ProductionVariants;
//     PrimaryContainer or Containers; ResourceId with ScalableDimension and MinCapacity;
//     PolicyName with PolicyType; ScheduledActionName with Schedule);
//   - a describe-scalable-targets, describe-scaling-policies or describe-scheduled-actions
//     output ({"ScalableTargets": [...]}, {"ScalingPolicies": [...]},
//     {"ScheduledActions": [...]}): each element as above;
//   - a list-tags output {"Tags": [...]} (or list-tags-for-resource's {"Tags": {...}})
//     belongs to a resource when it also holds "ResourceArn" (or "ResourceARN", the ARN
//     of the resource), or when the Tags sit inside the describe output itself (a file
//     per resource holding both). A resource with neither has unknown tags
//     (Resource.TagsUnknown), not an empty tag set. Scaling policies and scheduled actions
//     have no tags.
//
// A file may hold several JSON values one after the other, or a JSON array of them.
// Files whose content is none of these are errors that name the file.
type Dir struct {
	byKind map[manifest.Kind]map[string]*Resource
}

// OpenDir reads every *.json file under dir (recursively, hidden folders skipped).
func OpenDir(dir string) (*Dir, error) {
	d := &Dir{byKind: map[manifest.Kind]map[string]*Resource{}}
	for _, k := range manifest.Kinds {
		d.byKind[k] = map[string]*Resource{}
	}
	type tagSet struct {
		arn, file string
		tags      map[string]string
	}
	var tags []tagSet
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if path != dir && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(path), ".json") {
			return nil
		}
		vals, err := readValues(path)
		if err != nil {
			return err
		}
		vals = expandLists(vals)
		for i, v := range vals {
			m, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("%s: value %d is not a JSON object: expected the output of aws sagemaker describe-* or list-tags, or aws application-autoscaling describe-scalable-targets, describe-scaling-policies, describe-scheduled-actions or list-tags-for-resource", path, i+1)
			}
			k, ok := recognise(m)
			if !ok {
				if ts, ok := m["Tags"]; ok {
					arn, _ := m["ResourceArn"].(string)
					if arn == "" {
						arn, _ = m["ResourceARN"].(string)
					}
					if arn == "" {
						return fmt.Errorf("%s: list-tags output without \"ResourceArn\": add \"ResourceArn\": \"<arn of the resource>\" to the file, or put the Tags inside the resource's describe output", path)
					}
					tags = append(tags, tagSet{arn: arn, file: path, tags: tagMap(ts)})
					continue
				}
				return fmt.Errorf("%s: not the output of aws sagemaker describe-model, describe-endpoint-config, describe-endpoint or list-tags, nor of aws application-autoscaling describe-scalable-targets, describe-scaling-policies or describe-scheduled-actions (no ModelArn, EndpointConfigArn, EndpointArn, ScalableTargets, ScalingPolicies, ScheduledActions or Tags)", path)
			}
			ts, hasTags := m["Tags"]
			delete(m, "Tags")
			r := newResource(k, m)
			if r.Name == "" {
				return fmt.Errorf("%s: %s description without %s", path, k, k.NameField())
			}
			if hasTags {
				r.Tags = tagMap(ts)
			}
			r.TagsUnknown = !hasTags && k != manifest.KindScalingPolicy && k != manifest.KindScheduledAction // until a list-tags file names its ARN
			if prev, dup := d.byKind[k][manifest.NameKey(r.Name)]; dup && prev != nil {
				return fmt.Errorf("%s: %s %q is described twice in %s (as %q; SageMaker names are case-insensitive): keep one file", path, k, r.Name, dir, prev.Name)
			}
			d.byKind[k][manifest.NameKey(r.Name)] = r
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		r := d.byARN(t.arn)
		if r == nil {
			return nil, fmt.Errorf("%s: tags for %s, but no describe output in %s has that ARN", t.file, t.arn, dir)
		}
		for k, v := range t.tags {
			r.Tags[k] = v
		}
		r.TagsUnknown = false
	}
	return d, nil
}

func (d *Dir) byARN(arn string) *Resource {
	for _, k := range manifest.Kinds {
		for _, r := range d.byKind[k] {
			if r.ARN != "" && strings.EqualFold(r.ARN, arn) {
				return r
			}
		}
	}
	return nil
}

// Read implements Reader.
func (d *Dir) Read(_ context.Context, kind manifest.Kind, name string) (*Resource, error) {
	return d.byKind[kind][manifest.NameKey(name)], nil
}

// List implements Reader.
func (d *Dir) List(_ context.Context, kind manifest.Kind) ([]string, error) {
	out := make([]string, 0, len(d.byKind[kind]))
	for _, r := range d.byKind[kind] {
		out = append(out, r.Name)
	}
	sort.Strings(out)
	return out, nil
}

// readValues reads a file of one or more JSON values (or one JSON array of them).
func readValues(path string) ([]any, error) {
	data, err := readfile.Read(path, maxDirFile)
	if err != nil {
		return nil, fmt.Errorf("--live-dir: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []any
	for {
		var v any
		err := dec.Decode(&v)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v: save the file with aws sagemaker ... --output json", path, err)
		}
		if a, ok := v.([]any); ok {
			out = append(out, a...)
		} else {
			out = append(out, v)
		}
	}
	return out, nil
}

// recognise decides which describe output m is.
func recognise(m map[string]any) (manifest.Kind, bool) {
	has := func(k string) bool { _, ok := m[k]; return ok }
	switch {
	case has("InferenceComponentArn"), has("InferenceComponentName") && has("InferenceComponentStatus"):
		// before Endpoint: a describe-inference-component output holds its EndpointArn too
		return manifest.KindInferenceComponent, true
	case has("EndpointArn"), has("EndpointName") && has("EndpointStatus"):
		return manifest.KindEndpoint, true
	case has("EndpointConfigArn"), has("EndpointConfigName") && has("ProductionVariants"):
		return manifest.KindEndpointConfig, true
	case has("ModelArn"), has("ModelName") && (has("PrimaryContainer") || has("Containers")):
		return manifest.KindModel, true
	case has("PolicyARN"), has("PolicyName") && has("PolicyType"):
		return manifest.KindScalingPolicy, true
	case has("ScheduledActionARN"), has("ScheduledActionName") && has("Schedule"):
		return manifest.KindScheduledAction, true
	case has("ScalableTargetARN"), has("ResourceId") && has("ScalableDimension") && has("MinCapacity"):
		return manifest.KindScalableTarget, true
	}
	return "", false
}

// expandLists replaces each describe-scalable-targets, describe-scaling-policies or
// describe-scheduled-actions output ({"ScalableTargets": [...]}, {"ScalingPolicies":
// [...]}, {"ScheduledActions": [...]}, NextToken aside) by its elements.
func expandLists(vals []any) []any {
	var out []any
	for _, v := range vals {
		m, _ := v.(map[string]any)
		var list []any
		found := false
		for _, f := range []string{"ScalableTargets", "ScalingPolicies", "ScheduledActions"} {
			if l, ok := m[f].([]any); ok {
				list, found = append(list, l...), true
			}
		}
		if !found {
			out = append(out, v)
			continue
		}
		out = append(out, list...)
	}
	return out
}

// tagMap reads a Tags list ([{"Key":..,"Value":..}]) or, as Application Auto Scaling
// writes them, a Tags map ({"key": "value"}) into a map; malformed entries are skipped.
func tagMap(v any) map[string]string {
	out := map[string]string{}
	if m, ok := v.(map[string]any); ok {
		for k, e := range m {
			if s, ok := e.(string); ok && k != "" {
				out[k] = s
			}
		}
		return out
	}
	list, _ := v.([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		k, _ := m["Key"].(string)
		val, _ := m["Value"].(string)
		if k != "" {
			out[k] = val
		}
	}
	return out
}
