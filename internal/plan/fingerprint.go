package plan

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// Fingerprint identifies the state of one live resource read while planning: whether
// it exists, its ARN and creation time, and for endpoints the fields any deployment
// changes (config, status, last modification).
type Fingerprint struct {
	Kind               manifest.Kind `json:"kind"`
	Name               string        `json:"name"`
	Exists             bool          `json:"exists"`
	ARN                string        `json:"arn,omitempty"`
	CreationTime       string        `json:"creation_time,omitempty"`
	EndpointConfigName string        `json:"endpoint_config_name,omitempty"`
	EndpointStatus     string        `json:"endpoint_status,omitempty"`
	LastModifiedTime   string        `json:"last_modified_time,omitempty"`
}

// Fingerprints are the fingerprints of a plan, sorted by kind (graph order) then name.
type Fingerprints []Fingerprint

// fingerprintOf returns the fingerprint of r (nil: absent).
func fingerprintOf(kind manifest.Kind, name string, r *live.Resource) Fingerprint {
	fp := Fingerprint{Kind: kind, Name: name}
	if r == nil {
		return fp
	}
	fp.Exists, fp.ARN = true, r.ARN
	fp.CreationTime = stamp(r.Body["CreationTime"])
	if kind == manifest.KindEndpoint {
		fp.EndpointConfigName = r.Str("EndpointConfigName")
		fp.EndpointStatus = r.Str("EndpointStatus")
		fp.LastModifiedTime = stamp(r.Body["LastModifiedTime"])
	}
	if kind == manifest.KindInferenceComponent { // any update or scaling since the plan
		fp.LastModifiedTime = stamp(r.Body["LastModifiedTime"])
	}
	return fp
}

// stamp normalises a time to RFC 3339 UTC so the SDK's and the AWS CLI's spellings
// of the same instant compare equal.
func stamp(v any) string {
	t := live.Time(v)
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func (f Fingerprints) sort() {
	rank := map[manifest.Kind]int{}
	for i, k := range manifest.Kinds {
		rank[k] = i
	}
	sort.Slice(f, func(i, j int) bool {
		if f[i].Kind != f[j].Kind {
			return rank[f[i].Kind] < rank[f[j].Kind]
		}
		return f[i].Name < f[j].Name
	})
}

// Reread reads the resources of f again through r, with at most workers reads at
// once, and returns their current fingerprints in the same order.
func (f Fingerprints) Reread(ctx context.Context, r live.Reader, workers int) (Fingerprints, error) {
	out := make(Fingerprints, len(f))
	err := parallel(ctx, len(f), workers, func(i int) error {
		res, err := r.Read(ctx, f[i].Kind, f[i].Name)
		if err != nil {
			return err
		}
		out[i] = fingerprintOf(f[i].Kind, f[i].Name, res)
		return nil
	})
	return out, err
}

// Stale compares saved fingerprints with current ones (from Reread) and describes
// every difference, e.g. "Endpoint churn-prod: EndpointStatus was InService, now
// Updating". An empty result means the plan is still current.
func (f Fingerprints) Stale(now Fingerprints) []string { return f.stale(now, nil) }

// Stale compares the plan's fingerprints with now as Fingerprints.Stale does, except for
// the resources no action of the plan names (an endpoint of another project or team, read
// only for the in-use checks of --prune): for those only what those checks depend on
// counts — that it exists, its ARN and creation time, the config an endpoint uses — so
// another team's endpoint settling from Creating to InService does not refuse the plan.
// Apply's guard checks again at each delete that nothing uses what it deletes.
func (s *Saved) Stale(now Fingerprints) []string {
	named := map[string]bool{}
	for _, a := range s.Actions {
		named[string(a.Resource)+"/"+manifest.NameKey(a.PhysicalName)] = true
	}
	return s.Fingerprints.stale(now, func(f Fingerprint) bool { return !named[string(f.Kind)+"/"+manifest.NameKey(f.Name)] })
}

// stale is Stale, with only existence, ARN, creation time and config compared for the
// fingerprints bystander reports true for.
func (f Fingerprints) stale(now Fingerprints, bystander func(Fingerprint) bool) []string {
	var out []string
	cur := map[string]Fingerprint{}
	for _, n := range now {
		cur[string(n.Kind)+"/"+n.Name] = n
	}
	for _, s := range f {
		n, ok := cur[string(s.Kind)+"/"+s.Name]
		id := fmt.Sprintf("%s %s", s.Kind, s.Name)
		switch {
		case !ok:
			out = append(out, id+": not read again")
		case s.Exists != n.Exists:
			out = append(out, fmt.Sprintf("%s: %s", id, map[bool]string{true: "was created since the plan", false: "was deleted since the plan"}[n.Exists]))
		default:
			fields := [][3]string{
				{"ARN", s.ARN, n.ARN}, {"CreationTime", s.CreationTime, n.CreationTime},
				{"EndpointConfigName", s.EndpointConfigName, n.EndpointConfigName},
			}
			if bystander == nil || !bystander(s) {
				fields = append(fields, [3]string{"EndpointStatus", s.EndpointStatus, n.EndpointStatus},
					[3]string{"LastModifiedTime", s.LastModifiedTime, n.LastModifiedTime})
			}
			for _, c := range fields {
				if c[1] != c[2] {
					out = append(out, fmt.Sprintf("%s: %s was %q, now %q", id, c[0], c[1], c[2]))
				}
			}
		}
	}
	return out
}
