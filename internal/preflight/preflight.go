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
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
)

// Clients are the read-only AWS clients the checks call; a nil client skips its checks
// (they are reported as not checked).
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

// Input is what to check: the plan, the manifests it was made from (for positions), and
// where it runs.
type Input struct {
	Plan    *plan.Plan
	Set     *manifest.Set
	Region  string
	Account string
}

// Run checks the plan's creates and changes and returns the findings and the capacity.
func Run(ctx context.Context, c Clients, in Input) *plan.Preflight {
	r := &run{ctx: ctx, c: c, in: in, cache: map[string]result{}}
	for _, a := range in.Plan.Actions {
		if a.Kind == plan.NoOp || a.Kind == plan.Delete {
			continue
		}
		doc := in.Set.Names(a.Resource)[a.Name]
		for _, call := range a.Calls {
			r.call(doc, call)
		}
	}
	r.capacity()
	finding.Sort(r.findings)
	out := &plan.Preflight{Ran: true, Findings: []plan.PreflightFinding{}, Capacity: r.needs}
	for _, f := range r.findings {
		out.Findings = append(out.Findings, plan.PreflightFinding{Finding: f, Level: f.Severity.String()})
	}
	return out
}

// run is one preflight: the results of checks already made (a role named by ten models is
// read once) and the findings so far.
type run struct {
	ctx      context.Context
	c        Clients
	in       Input
	cache    map[string]result
	findings []finding.Finding
	needs    []plan.Capacity
	fleets   []fleet
}

// result is the outcome of one check: a problem (nil: fine), which rule and severity.
type result struct {
	rule    string
	sev     finding.Severity
	msg     string
	hint    string
	checked bool
}

// ok is the result of a check that passed.
var ok = result{checked: true}

// once runs check under key unless it ran already, and reports its result at pointer of doc.
func (r *run) once(doc *manifest.Document, pointer, key string, check func() result) {
	res, seen := r.cache[key]
	if !seen {
		res = check()
		r.cache[key] = res
	}
	if res.msg != "" {
		r.report(doc, pointer, res)
	}
}

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
	return result{rule: rule, sev: finding.Error, msg: fmt.Sprintf(format, args...), hint: hint, checked: true}
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
