// Package plan computes what sagectl apply must do to bring live SageMaker resources to
// the state the manifests describe: a semantic diff per resource, an action per
// resource that uses the cheapest correct API call, ordered by the resource graph
// (Model → EndpointConfig → Endpoint for creates, the reverse for deletes), and a
// fingerprint of every live resource read so apply can refuse a stale plan.
//
// The model knows nothing of text, colour or JSON rendering: see plan/render.
package plan

import (
	"github.com/sagectl/sagectl/internal/manifest"
)

// FormatVersion is the version of the saved plan format (docs/plan.md). Load refuses
// any other version.
const FormatVersion = 1

// Plan is the result of planning: the actions, the desired documents they came from,
// and the fingerprints of the live resources read.
type Plan struct {
	// FormatVersion is FormatVersion when the plan was written.
	FormatVersion int `json:"format_version"`
	// Naming is the naming policy the plan was made with.
	Naming Naming `json:"naming"`
	// Prune is true when owned resources absent from the manifests are deleted.
	Prune bool `json:"prune"`
	// Project is the project the plan was made for (Options.Project); absent: none.
	Project string `json:"project,omitempty"`
	// Environment is the environment (--env) the plan was made for; absent: none.
	Environment string `json:"environment,omitempty"`
	// Summary counts the actions.
	Summary Summary `json:"summary"`
	// Actions are the actions in the order apply runs them, no-ops included.
	Actions []Action `json:"actions"`
	// Documents are the desired resources, with their physical names.
	Documents []Document `json:"documents"`
	// Fingerprints identify the live state the plan was made against.
	Fingerprints Fingerprints `json:"fingerprints"`
	// Unmanaged lists, with Prune, the live resources no manifest names that are not this
	// project's (OwnerOf): untagged, another project's (Owner says which) or legacy ones.
	// Prune leaves them alone.
	Unmanaged []Resource `json:"unmanaged,omitempty"`
}

// Resource names a resource.
type Resource struct {
	Kind manifest.Kind `json:"kind"`
	Name string        `json:"name"`
	// Owner, for a resource sagectl created that is not this project's, says whose it is
	// ("project billing") or that it predates projects; absent for untagged resources.
	Owner string `json:"owner,omitempty"`
}

// Summary counts a plan's actions by what they do to the resource.
type Summary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Replace int `json:"replace"`
	Delete  int `json:"delete"`
	NoOp    int `json:"no_op"`
	// Blocked counts the actions apply will refuse (see Action.Blocked).
	Blocked int `json:"blocked"`
}

// HasChanges reports whether applying the plan would call any mutating API.
func (p *Plan) HasChanges() bool {
	s := p.Summary
	return s.Create+s.Update+s.Replace+s.Delete > 0
}

// ActionKind says which API path an action takes.
type ActionKind string

// The action kinds, from cheapest to most disruptive.
const (
	// NoOp: the live resource matches the manifest.
	NoOp ActionKind = "no-op"
	// Tag: only tags differ: AddTags and/or DeleteTags.
	Tag ActionKind = "tag"
	// ShiftWeights: an endpoint's weights or instance counts differ:
	// UpdateEndpointWeightsAndCapacities, no new config, no new fleet.
	ShiftWeights ActionKind = "shift-weights"
	// SwapConfig: an endpoint moves to another endpoint config: UpdateEndpoint
	// (a new fleet, blue/green or rolling).
	SwapConfig ActionKind = "swap-config"
	// Create: the resource does not exist: Create*.
	Create ActionKind = "create"
	// Replace: an immutable resource changed under the same name: Delete* then Create*.
	Replace ActionKind = "replace"
	// Delete: an owned resource no manifest names (--prune), or a config superseded
	// under hashed naming: Delete*.
	Delete ActionKind = "delete"
	// Update: a scalable target or scaling policy changed: RegisterScalableTarget or
	// PutScalingPolicy updates it in place.
	Update ActionKind = "update"
)

// Effect returns what the kind does to the resource: "create", "update", "replace",
// "delete" or "no-op", the words of the summary.
func (k ActionKind) Effect() string {
	switch k {
	case Tag, ShiftWeights, SwapConfig:
		return "update"
	}
	return string(k)
}

// Action is what apply does to one resource.
type Action struct {
	// Kind is the API path taken.
	Kind ActionKind `json:"action_kind"`
	// Resource is the resource kind: Model, EndpointConfig, Endpoint, ScalableTarget or
	// ScalingPolicy.
	Resource manifest.Kind `json:"resource_kind"`
	// Name is the manifest (logical) name; for resources no manifest names, the
	// physical name.
	Name string `json:"name"`
	// PhysicalName is the name in SageMaker (differs from Name under hashed naming).
	PhysicalName string `json:"physical_name"`
	// Reason says in words why the action is needed.
	Reason string `json:"action_reason"`
	// Blocked, when set, says why apply will refuse this action and how to proceed.
	Blocked string `json:"blocked,omitempty"`
	// Changes are the fields that change.
	Changes []Change `json:"changes,omitempty"`
	// Weights are an endpoint's variant weights before and after, when they change.
	Weights []Weight `json:"weights,omitempty"`
	// Before is the live resource as far as the manifest describes it (nil if absent).
	Before any `json:"before"`
	// After is the desired resource (nil for deletes).
	After any `json:"after"`
	// Calls are the API calls apply makes, in order, with their full inputs.
	Calls []Call `json:"api_calls"`
}

// Change is one field that changes. Path uses dots for members and [name] for list
// elements matched by VariantName ([index] otherwise).
type Change struct {
	Path   string `json:"path"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// Weight is one variant's traffic weight and instance count, before and after, with
// the share of traffic the weight gives. Counts are nil when not set (serverless).
type Weight struct {
	Variant     string  `json:"variant"`
	Before      float64 `json:"before"`
	After       float64 `json:"after"`
	ShareBefore float64 `json:"share_before"`
	ShareAfter  float64 `json:"share_after"`
	CountBefore *int64  `json:"count_before,omitempty"`
	CountAfter  *int64  `json:"count_after,omitempty"`
}

// Document is one desired resource as planned.
type Document struct {
	Kind         manifest.Kind `json:"kind"`
	Name         string        `json:"name"`
	PhysicalName string        `json:"physical_name"`
	// File is the manifest file (and 0-based document index) it came from.
	File  string `json:"file"`
	Index int    `json:"index"`
	// SpecHash is the content hash of the resource (tag sagectl:spec-hash).
	SpecHash string `json:"spec_hash"`
	// Body is the manifest's fields, references resolved to physical names.
	Body map[string]any `json:"body"`
}
