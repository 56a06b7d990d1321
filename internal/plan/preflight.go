package plan

import "github.com/sagectl/sagectl/internal/finding"

// Preflight is what the read-only checks of package preflight found before apply
// (docs/preflight.md): whether they ran, their findings at the manifests' positions and the
// capacity the deployment needs per instance type. It is shown with the plan and is not part
// of a saved plan.
type Preflight struct {
	// Ran is false when the checks were not run; NotRun then says why (--no-preflight,
	// --live-dir).
	Ran    bool   `json:"ran"`
	NotRun string `json:"not_run,omitempty"`
	// Findings are the failed checks (rule ids preflight-*), sorted.
	Findings []PreflightFinding `json:"findings"`
	// Capacity is the peak instance count per instance type the deployment needs, with the
	// account's quota.
	Capacity []Capacity `json:"capacity,omitempty"`
}

// PreflightFinding is a finding with its severity spelt out, as JSON shows it.
type PreflightFinding struct {
	finding.Finding
	Level string `json:"severity"`
}

// Capacity is the peak count of one instance type the deployment needs, and the account's
// quota "<type> for endpoint usage" (QuotaSource "applied" or "default"; "" and Quota 0 when
// it could not be read).
type Capacity struct {
	InstanceType string  `json:"instance_type"`
	Peak         int64   `json:"peak"`
	Quota        float64 `json:"quota,omitempty"`
	QuotaSource  string  `json:"quota_source,omitempty"`
	// Why says how the peak was counted ("endpoint e: 2 new + 2 old (blue/green)").
	Why []string `json:"why,omitempty"`
}

// Errors counts the error findings: each blocks apply.
func (p *Preflight) Errors() int {
	if p == nil {
		return 0
	}
	n := 0
	for _, f := range p.Findings {
		if f.Severity == finding.Error {
			n++
		}
	}
	return n
}
