// Package apply executes a saved sagectl plan against SageMaker: ordered, retried, verified
// deployments that wait for endpoints, refuse stale plans and never delete what sagectl does
// not own.
package apply
