package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/sagectl/sagectl/internal/manifest"
)

// Recorder is a Reader that remembers every resource it read through R, so what a plan
// read can be saved as a snapshot (WriteDir) that Dir reads back the same.
type Recorder struct {
	// R is the reader recorded.
	R  Reader
	mu sync.Mutex
	// read holds the resources read, by kind and name (nil: read and absent).
	read map[manifest.Kind]map[string]*Resource
}

// Read implements Reader.
func (r *Recorder) Read(ctx context.Context, kind manifest.Kind, name string) (*Resource, error) {
	res, err := r.R.Read(ctx, kind, name)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.read == nil {
		r.read = map[manifest.Kind]map[string]*Resource{}
	}
	if r.read[kind] == nil {
		r.read[kind] = map[string]*Resource{}
	}
	r.read[kind][name] = res
	return res, nil
}

// List implements Reader.
func (r *Recorder) List(ctx context.Context, kind manifest.Kind) ([]string, error) {
	return r.R.List(ctx, kind)
}

// Resources returns the resources read that exist, in kind then name order.
func (r *Recorder) Resources() []*Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*Resource
	for _, k := range manifest.Kinds {
		names := make([]string, 0, len(r.read[k]))
		for n, res := range r.read[k] {
			if res != nil {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, r.read[k][n])
		}
	}
	return out
}

// unsafeName matches what a file name should not hold (a scalable target's ResourceId
// has slashes).
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// WriteDir writes each resource into dir as one JSON file, its describe output with its
// tags inside ("Tags": [{"Key", "Value"}], as list-tags answers), the form OpenDir reads;
// a resource whose tags were not read gets no Tags. dir is created (mode 0700) if needed;
// a file that already exists is never overwritten: WriteDir stops with an error naming
// it. Files are mode 0600: describe outputs hold Environment values. It returns the
// paths written.
func WriteDir(dir string, rs []*Resource) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", dir, errors.Unwrap(err))
	}
	var written []string
	seen := map[string]bool{}
	for _, r := range rs {
		name := strings.ToLower(r.Kind.Words()) + "-" + unsafeName.ReplaceAllString(r.Name, "_")
		base := strings.ReplaceAll(name, " ", "-")
		file := base + ".json"
		for i := 2; seen[strings.ToLower(file)]; i++ { // names differing in case or unsafe characters
			file = fmt.Sprintf("%s-%d.json", base, i)
		}
		seen[strings.ToLower(file)] = true
		path := filepath.Join(dir, file)
		data, err := snapshotJSON(r)
		if err != nil {
			return written, fmt.Errorf("%s %s: %v", r.Kind, r.Name, err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			if errors.Is(err, os.ErrExist) {
				return written, fmt.Errorf("%s already exists: snapshot into an empty or new folder (nothing is overwritten)", path)
			}
			return written, fmt.Errorf("cannot write %s: %w", path, errors.Unwrap(err))
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, fmt.Errorf("writing %s: %w", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

// snapshotJSON is r's describe output with its tags, indented.
func snapshotJSON(r *Resource) ([]byte, error) {
	body := make(map[string]any, len(r.Body)+1)
	for k, v := range r.Body {
		body[k] = v
	}
	if !r.TagsUnknown && r.Kind != manifest.KindScalingPolicy {
		keys := make([]string, 0, len(r.Tags))
		for k := range r.Tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		tags := make([]map[string]string, 0, len(keys))
		for _, k := range keys {
			tags = append(tags, map[string]string{"Key": k, "Value": r.Tags[k]})
		}
		body["Tags"] = tags
	}
	data, err := json.MarshalIndent(body, "", "  ")
	return append(data, '\n'), err
}
