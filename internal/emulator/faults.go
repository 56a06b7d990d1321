package emulator

import (
	"net/http"
	"time"
)

// FaultKind says what a Fault does to the requests it matches.
type FaultKind string

// The request-level faults.
const (
	// Throttle answers 400 ThrottlingException "Rate exceeded".
	Throttle FaultKind = "throttle"
	// InternalError answers 500 InternalFailure.
	InternalError FaultKind = "internal-error"
	// Unavailable answers 503 ServiceUnavailable.
	Unavailable FaultKind = "unavailable"
	// Latency delays the answer by Delay on the emulator's clock.
	Latency FaultKind = "latency"
	// Denied answers 400 AccessDeniedException, which clients do not retry
	// (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
	Denied FaultKind = "denied"
)

// Fault makes matching requests fail or slow down. Faults are checked in the order they were
// injected; latencies add up, and the first error that fires answers the request.
type Fault struct {
	Kind FaultKind
	// Op is the operation it applies to, e.g. "DescribeEndpoint"; "" matches every operation.
	Op string
	// Times expires the fault after it has fired that many times; 0 means it never expires.
	Times int
	// Rate, for Throttle, lets that many calls per second (on the clock) through and throttles
	// the rest: a token bucket holding max(1, Rate) tokens. 0 throttles every matching call.
	Rate float64
	// Probability, when between 0 and 1 exclusive, fires the fault on that share of matching
	// calls, drawn from the emulator's seeded generator. 0 (or 1) fires it every time.
	Probability float64
	// Delay is the added latency of a Latency fault.
	Delay time.Duration
}

// StaleReads hides newly created resources from reads, as SageMaker's eventually consistent
// reads do: Describe*, List* and the lookups CreateEndpoint and UpdateEndpoint make of the
// endpoint config. The Create* that made the resource and later Create* of the same name see it.
type StaleReads struct {
	// Op is the create after which reads are stale: CreateModel, CreateEndpointConfig or
	// CreateEndpoint; "" means all three.
	Op string
	// Calls is how many reads (Describe or lookups) miss the new resource.
	Calls int
	// For is how long after the create (on the clock) reads miss it.
	For time.Duration
}

// EndpointOutcome is how an endpoint operation ends when an EndpointFault applies.
type EndpointOutcome string

// The endpoint faults.
const (
	// FailCreate ends CreateEndpoint in Failed with the FailureReason.
	FailCreate EndpointOutcome = "fail-create"
	// FailUpdate ends UpdateEndpoint in Failed with the FailureReason.
	FailUpdate EndpointOutcome = "fail-update"
	// RollbackUpdate is the real service's silent rollback: UpdateEndpoint answers 200, the
	// endpoint goes through Updating and returns to InService on its OLD config, with the
	// FailureReason set.
	RollbackUpdate EndpointOutcome = "rollback-update"
)

// EndpointFault makes endpoint creations or updates fail after their duration.
type EndpointFault struct {
	Outcome EndpointOutcome
	// Endpoint is the endpoint name it applies to (case-insensitive); "" means any endpoint.
	Endpoint string
	// Reason is the FailureReason; empty uses a realistic default.
	Reason string
	// Times expires the fault after it has applied that many times; 0 means it never expires.
	Times int
}

type activeFault struct {
	Fault
	fired  int
	tokens float64
	last   time.Time
}

// Inject adds a request-level fault.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &activeFault{Fault: f, tokens: max(1, f.Rate), last: s.clock.Now()})
}

// SetStaleReads makes reads miss resources created from now on; the zero value turns it off.
func (s *Server) SetStaleReads(r StaleReads) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stale = r
}

// FailEndpoint adds an endpoint fault.
func (s *Server) FailEndpoint(f EndpointFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ef := f
	s.endpointFaults = append(s.endpointFaults, &ef)
}

// ClearFaults removes every fault, stale-read setting and endpoint fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults, s.endpointFaults, s.stale = nil, nil, StaleReads{}
}

// requestFaults decides, under s.mu, the latency to add to a call of op and the error to answer.
func (s *Server) requestFaults(op string) (time.Duration, *apiError) {
	var delay time.Duration
	var answer *apiError
	kept := s.faults[:0]
	for _, f := range s.faults {
		if answer == nil && (f.Op == "" || f.Op == op) && s.fires(f) {
			f.fired++
			switch f.Kind {
			case Latency:
				delay += f.Delay
			case Throttle:
				answer = &apiError{Status: http.StatusBadRequest, Code: codeThrottling, Message: msgRateExceeded}
			case InternalError:
				answer = &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: msgInternalFailure}
			case Unavailable:
				answer = &apiError{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: msgUnavailable}
			case Denied:
				answer = &apiError{Status: http.StatusBadRequest, Code: "AccessDeniedException", Message: "User is not authorized to perform this action (emulator fault)"}
			}
		}
		if f.Times == 0 || f.fired < f.Times {
			kept = append(kept, f)
		}
	}
	s.faults = kept
	return delay, answer
}

// fires reports whether f applies to this matching call, spending a rate token if it has one.
func (s *Server) fires(f *activeFault) bool {
	if f.Probability > 0 && f.Probability < 1 && s.rng.Float64() >= f.Probability {
		return false
	}
	if f.Kind != Throttle || f.Rate <= 0 {
		return true
	}
	now := s.clock.Now()
	if now.After(f.last) {
		f.tokens = min(max(1, f.Rate), f.tokens+now.Sub(f.last).Seconds()*f.Rate)
		f.last = now
	}
	if f.tokens >= 1 {
		f.tokens--
		return false
	}
	return true
}

// endpointOutcome consumes the first endpoint fault for this create or update of name.
func (s *Server) endpointOutcome(name string, update bool) (EndpointOutcome, string) {
	for i, f := range s.endpointFaults {
		if f.Endpoint != "" && !sameName(f.Endpoint, name) {
			continue
		}
		if update != (f.Outcome == FailUpdate || f.Outcome == RollbackUpdate) {
			continue
		}
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				s.endpointFaults = append(s.endpointFaults[:i], s.endpointFaults[i+1:]...)
			}
		}
		reason := f.Reason
		if reason == "" {
			reason = defaultReasons[f.Outcome]
		}
		return f.Outcome, reason
	}
	return "", ""
}

// defaultReasons are FailureReasons the real service gives: a container that fails the ping
// health check (https://github.com/aws/sagemaker-python-sdk/issues/605) and an update rolled
// back to the previous config (https://github.com/hashicorp/terraform-provider-aws/pull/49020).
var defaultReasons = map[EndpointOutcome]string{
	FailCreate:     "The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.",
	FailUpdate:     "Failed to update endpoint: the new production variants did not pass the ping health check.",
	RollbackUpdate: "Failed to update endpoint. The endpoint was rolled back to its previous endpoint configuration.",
}
