// Package preflight checks, read-only and before apply, what SageMaker will need of the
// resources a plan creates or changes and only discovers once an endpoint has sat in
// Creating for many minutes: the execution role and its trust policy, the ECR images, the S3
// artifacts and output buckets, the KMS keys, the auto-rollback alarms, the SNS topics, the
// VPC subnets and security groups, and the instance quota the deployment's peak needs.
// A failed check is a finding at the manifest's position (rules in rules.go, documented in
// docs/preflight.md); an AccessDenied is a warning naming the missing permission.
package preflight

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/sagectl/sagectl/internal/fanout"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// Clients are the read-only AWS clients the checks call, concurrently; a nil client skips
// its checks.
type Clients struct {
	IAM        IAM
	ECR        func(region string) ECR
	S3         S3
	KMS        KMS
	CloudWatch CloudWatch
	SNS        SNS
	EC2        EC2
	Quotas     Quotas
	SageMaker  SageMaker
}

// Input is what to check, and where it runs.
type Input struct {
	// Calls are the calls of the plan's creates and changes, in plan order (FromPlan,
	// FromSaved).
	Calls   []Call
	Region  string
	Account string
	// Concurrency bounds the checks in flight; 0 means 8.
	Concurrency int
}

// Run checks the calls and returns the findings and the capacity. The distinct checks run
// at most Input.Concurrency at a time (default 8); the capacity count follows them.
func Run(ctx context.Context, c Clients, in Input) *plan.Preflight {
	r := &run{ctx: ctx, c: c, in: in, cache: map[string]*memo{}, deployed: map[string]string{}}
	for _, call := range in.Calls {
		r.call(call.Doc, call.Call)
	}
	r.checkAll()
	r.capacity()
	finding.Sort(r.findings)
	out := &plan.Preflight{Ran: true, Findings: []plan.PreflightFinding{}, Capacity: r.needs}
	for _, f := range r.findings {
		out.Findings = append(out.Findings, plan.PreflightFinding{Finding: f, Level: f.Severity.String()})
	}
	return out
}

// run is one preflight: the checks to make, each once however many manifests name its
// resource (a role ten models share is one GetRole), where each is reported, and the findings.
type run struct {
	ctx      context.Context
	c        Clients
	in       Input
	mu       sync.Mutex
	cache    map[string]*memo
	uses     []use
	findings []finding.Finding
	needs    []plan.Capacity
	fleets   []fleet
	deployed map[string]string // manifest.NameKey of an endpoint the plan deploys → its new config
}

// memo is one check, made once.
type memo struct {
	once  sync.Once
	check func() result
	res   result
}

// use is a place a check's result is reported.
type use struct {
	doc *manifest.Document
	ptr string
	key string
}

// result is the outcome of one check: a problem (no msg: fine), which rule and severity.
type result struct {
	rule string
	sev  finding.Severity
	msg  string
	hint string
}

// ok is the result of a check that passed.
var ok = result{}

// once registers check under key (the first registration's check is the one made) and
// reports its result at pointer of doc once the checks have run.
func (r *run) once(doc *manifest.Document, pointer, key string, check func() result) {
	r.memo(key, check)
	r.uses = append(r.uses, use{doc, pointer, key})
}

// memo returns the check registered under key, registering check when there is none.
func (r *run) memo(key string, check func() result) *memo {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := r.cache[key]
	if m == nil {
		m = &memo{check: check}
		r.cache[key] = m
	}
	return m
}

// result makes the check under key (once) and returns its result.
func (r *run) result(key string) result {
	m := r.memo(key, func() result { return ok })
	m.once.Do(func() { m.res = m.check() })
	return m.res
}

// checkAll makes every registered check, a bounded number at a time, and reports each use.
func (r *run) checkAll() {
	keys := slices.Sorted(maps.Keys(r.cache))
	fanout.Limit(len(keys), r.workers(), func(i int) { r.result(keys[i]) })
	for _, u := range r.uses {
		if res := r.result(u.key); res.msg != "" {
			r.report(u.doc, u.ptr, res)
		}
	}
}

// workers is how many reads may be in flight at once.
func (r *run) workers() int {
	if r.in.Concurrency <= 0 {
		return defaultConcurrency
	}
	return r.in.Concurrency
}

// defaultConcurrency bounds the checks in flight without Input.Concurrency.
const defaultConcurrency = 8

// report records res at the node pointer points to in doc (the document itself when the
// pointer is not found: a manifest in another dialect), or with no position without doc.
func (r *run) report(doc *manifest.Document, pointer string, res result) {
	f := finding.Finding{Rule: res.rule, Severity: res.sev, Message: res.msg, Hint: res.hint, Path: pointer}
	if doc != nil {
		f.File, f.Doc = doc.File.Path, doc.Index
		n, found := manifest.At(doc.Body, pointer)
		if !found || n == nil {
			n, f.Path = doc.Body, ""
		}
		f.Line, f.Col = n.Line, n.Column
	}
	r.findings = append(r.findings, f)
}

// problem is an error result of rule.
func problem(rule, hint, format string, args ...any) result {
	return result{rule: rule, sev: finding.Error, msg: fmt.Sprintf(format, args...), hint: hint}
}

// info is an informational result of rule (a check that does not apply).
func info(rule, format string, args ...any) result {
	return result{rule: rule, sev: finding.Info, msg: fmt.Sprintf(format, args...)}
}

// pointer joins JSON pointer tokens.
func pointer(tokens ...any) string {
	var b strings.Builder
	for _, t := range tokens {
		fmt.Fprintf(&b, "/%v", t)
	}
	return b.String()
}
