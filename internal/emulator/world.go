package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// World is the rest of the account the emulator answers read-only questions about, so
// sagectl's preflight (docs/preflight.md) and the AWS CLI can ask: IAM roles, ECR images, S3
// objects, KMS keys, CloudWatch alarms, SNS topics, VPC subnets and security groups, Service
// Quotas, and what InvokeEndpoint answers. It is saved in the state file.
//
// A service left nil was not seeded and answers that everything exists (every role trusts
// SageMaker, every image and object is there), so a plan against a bare emulator passes its
// preflight; a seeded one answers from what it holds, and a missing entry is missing.
type World struct {
	// Roles maps a role name to its trust policy (JSON); "" trusts sagemaker.amazonaws.com.
	Roles map[string]string `json:",omitempty"`
	// Images maps an ECR repository to its tags and digests (sha256:...).
	Images map[string][]string `json:",omitempty"`
	// Objects maps a bucket to its object keys.
	Objects map[string][]string `json:",omitempty"`
	// BucketRegions maps a bucket to its region, when not the emulator's.
	BucketRegions map[string]string `json:",omitempty"`
	// Keys maps a KMS key ID or alias (alias/NAME) to the key.
	Keys map[string]Key `json:",omitempty"`
	// Alarms, Topics (ARNs), Subnets and SecurityGroups exist.
	Alarms         []string `json:",omitempty"`
	Topics         []string `json:",omitempty"`
	Subnets        []string `json:",omitempty"`
	SecurityGroups []string `json:",omitempty"`
	// Quotas maps an instance type to the account's applied quota "<type> for endpoint usage";
	// types without one have the default, DefaultEndpointQuota.
	Quotas map[string]float64 `json:",omitempty"`
	// Invocations maps an endpoint name to what InvokeEndpoint answers; without an entry it
	// echoes the request body.
	Invocations map[string]Invocation `json:",omitempty"`
}

// DefaultEndpointQuota is the emulator's default "<type> for endpoint usage" quota (AWS's
// defaults vary per type and account).
const DefaultEndpointQuota = 20

// Key is a KMS key: its state, spec and usage; empty fields are Enabled, SYMMETRIC_DEFAULT and
// ENCRYPT_DECRYPT.
type Key struct {
	State string `json:",omitempty"`
	Spec  string `json:",omitempty"`
	Usage string `json:",omitempty"`
}

// Invocation is what InvokeEndpoint answers for one endpoint: Status 200 (default) answers
// Body with ContentType; another status is a ModelError carrying it, as a container that
// answered it.
type Invocation struct {
	Status      int    `json:",omitempty"`
	ContentType string `json:",omitempty"`
	Body        string `json:",omitempty"`
}

// Seed merges w into the emulator's world: maps entry by entry, lists appended.
func (s *Server) Seed(w World) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur := s.world()
	cur.Roles = mergeMap(cur.Roles, w.Roles)
	cur.Images = mergeMap(cur.Images, w.Images)
	cur.Objects = mergeMap(cur.Objects, w.Objects)
	cur.BucketRegions = mergeMap(cur.BucketRegions, w.BucketRegions)
	cur.Keys = mergeMap(cur.Keys, w.Keys)
	cur.Quotas = mergeMap(cur.Quotas, w.Quotas)
	cur.Invocations = mergeMap(cur.Invocations, w.Invocations)
	for _, l := range []struct{ dst, src *[]string }{{&cur.Alarms, &w.Alarms}, {&cur.Topics, &w.Topics}, {&cur.Subnets, &w.Subnets}, {&cur.SecurityGroups, &w.SecurityGroups}} {
		if *l.src != nil {
			*l.dst = append(*l.dst, *l.src...)
		}
	}
}

func mergeMap[V any](dst, src map[string]V) map[string]V {
	if src == nil {
		return dst
	}
	if dst == nil {
		dst = map[string]V{}
	}
	for k, v := range src {
		dst[k] = v
	}
	return dst
}

// world returns the state's world, made on first use; under s.mu.
func (s *Server) world() *World {
	if s.st.World == nil {
		s.st.World = &World{}
	}
	return s.st.World
}

// has reports whether a seeded list holds v; an unseeded (nil) list holds everything.
func has(list []string, v string) bool {
	return list == nil || slices.Contains(list, v)
}

// ParseQuota reads a --quota value, TYPE=N: the applied quota of instance type TYPE.
func ParseQuota(v string) (string, float64, error) {
	t, n, ok := strings.Cut(v, "=")
	var q float64
	if _, err := fmt.Sscanf(n, "%g", &q); !ok || err != nil || q < 0 || !strings.HasPrefix(t, "ml.") {
		return "", 0, fmt.Errorf("--quota %q: want INSTANCE_TYPE=COUNT, e.g. ml.m5.large=4", v)
	}
	return t, q, nil
}

// awsService serves one AWS service besides SageMaker: it reports whether r is its request.
type awsService func(s *Server, w http.ResponseWriter, r *http.Request, reqID string) bool

// awsServices are tried in order before the SageMaker API (server.go).
var awsServices = []awsService{serveRuntime, serveCloudWatch, serveJSONServices, serveS3, serveQueryServices}

// serveAWS answers r when it is a request of another AWS service the emulator serves.
func (s *Server) serveAWS(w http.ResponseWriter, r *http.Request, reqID string) bool {
	for _, svc := range awsServices {
		if svc(s, w, r, reqID) {
			return true
		}
	}
	return false
}

// signingService is the service of r's SigV4 credential scope
// (Credential=AKID/DATE/REGION/SERVICE/aws4_request), "" when unsigned
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
func signingService(r *http.Request) string { return credentialScope(r, 3) }

// signingRegion is the region of r's SigV4 credential scope, "" when unsigned.
func signingRegion(r *http.Request) string { return credentialScope(r, 2) }

// credentialScope is part i of r's credential scope, "" when unsigned.
func credentialScope(r *http.Request, i int) string {
	_, cred, ok := strings.Cut(r.Header.Get("Authorization"), "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(cred, "/")
	if len(parts) != 5 {
		return ""
	}
	return parts[i]
}

// begin counts op and applies its faults; it returns the fault's error, if any, after any
// injected latency.
func (s *Server) begin(op string) *apiError {
	s.mu.Lock()
	s.calls[op]++
	delay, ferr := s.requestFaults(op)
	s.mu.Unlock()
	if delay > 0 {
		s.clock.Sleep(delay)
	}
	return ferr
}
