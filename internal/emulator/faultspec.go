package emulator

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sagectl/sagectl/internal/suggest"
)

// FaultSpecHelp documents the --fault syntax that ParseFault reads.
const FaultSpecHelp = `A --fault value is KIND or KIND:key=value,key=value,... Repeat --fault for several.

  throttle         400 ThrottlingException "Rate exceeded"
                   op=OPERATION  times=N  p=PROBABILITY  rate=CALLS_PER_SECOND (throttle above it)
  error            500 InternalFailure, or 503 ServiceUnavailable with status=503
                   op=OPERATION  times=N  p=PROBABILITY  status=500|503
  latency          delay answers: ms=MILLISECONDS (required)  op=OPERATION  times=N  p=PROBABILITY
  stale            reads miss new resources: calls=N and/or ms=MILLISECONDS after the create
                   op=CreateModel|CreateEndpointConfig|CreateEndpoint (default: all three)
  fail-create      CreateEndpoint ends in Failed
  fail-update      UpdateEndpoint ends in Failed
  rollback-update  UpdateEndpoint silently rolls back: InService on the OLD config + FailureReason
                   endpoint=NAME  times=N  reason=TEXT (last: it takes the rest of the value)
  invoke-error     InvokeEndpoint answers 424 ModelError, the container's status=N (default 500)
                   endpoint=NAME  times=N

Without op= a fault applies to every operation; without times= it never expires. p= draws
from the generator seeded by --seed, so a run is reproducible.
Examples: throttle:op=DescribeEndpoint,times=3   error:status=503,p=0.2   latency:ms=250
          stale:op=CreateEndpointConfig,calls=2   rollback-update:endpoint=churn,reason=alarm fired`

// ParseFault reads one --fault value (see FaultSpecHelp) and returns what installs it.
func ParseFault(spec string) (func(*Server), error) {
	kind, rest, _ := strings.Cut(strings.TrimSpace(spec), ":")
	kv, err := faultParams(rest)
	if err != nil {
		return nil, err
	}
	p := &params{kv: kv}
	var install func(*Server)
	switch kind {
	case "throttle", "error", "latency":
		f := Fault{Kind: Throttle, Op: p.op("op", Operations()), Times: p.int("times"), Probability: p.float("p")}
		switch kind {
		case "throttle":
			f.Rate = p.float("rate")
		case "error":
			f.Kind = InternalError
			if s := p.int("status"); s == 503 {
				f.Kind = Unavailable
			} else if s != 0 && s != 500 {
				p.fail("status=%d: want 500 or 503", s)
			}
		case "latency":
			f.Kind, f.Delay = Latency, p.ms("ms")
			if f.Delay <= 0 {
				p.fail("latency needs ms=MILLISECONDS above 0")
			}
		}
		if f.Probability < 0 || f.Probability > 1 {
			p.fail("p=%g: want a probability between 0 and 1", f.Probability)
		}
		install = func(s *Server) { s.Inject(f) }
	case "stale":
		r := StaleReads{Op: p.op("op", []string{"CreateModel", "CreateEndpointConfig", "CreateEndpoint"}), Calls: p.int("calls"), For: p.ms("ms")}
		if r.Calls == 0 && r.For == 0 {
			p.fail("stale needs calls=N or ms=MILLISECONDS")
		}
		install = func(s *Server) { s.SetStaleReads(r) }
	case string(FailCreate), string(FailUpdate), string(RollbackUpdate):
		f := EndpointFault{Outcome: EndpointOutcome(kind), Endpoint: p.str("endpoint"), Reason: p.str("reason"), Times: p.int("times")}
		install = func(s *Server) { s.FailEndpoint(f) }
	case "invoke-error":
		f := InvokeFault{Endpoint: p.str("endpoint"), Status: p.int("status"), Times: p.int("times")}
		install = func(s *Server) { s.FailInvocations(f) }
	default:
		kinds := []string{"throttle", "error", "latency", "stale", string(FailCreate), string(FailUpdate), string(RollbackUpdate), "invoke-error"}
		if s := suggest.Closest(kind, kinds); s != "" {
			return nil, fmt.Errorf("unknown fault %q: did you mean %q?", kind, s)
		}
		return nil, fmt.Errorf("unknown fault %q; the kinds are %s", kind, strings.Join(kinds, ", "))
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return install, nil
}

// faultParams splits "k=v,k=v"; reason= takes the rest of the value, commas included.
func faultParams(s string) (map[string]string, error) {
	kv := map[string]string{}
	for s != "" {
		var item string
		if strings.HasPrefix(s, "reason=") {
			item, s = s, ""
		} else {
			item, s, _ = strings.Cut(s, ",")
		}
		k, v, ok := strings.Cut(item, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not key=value", item)
		}
		if _, dup := kv[k]; dup {
			return nil, fmt.Errorf("%s= is given twice", k)
		}
		kv[k] = v
	}
	return kv, nil
}

// params hands out the values of a fault spec, remembering the first problem.
type params struct {
	kv  map[string]string
	err error
}

func (p *params) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

func (p *params) str(k string) string {
	v := p.kv[k]
	delete(p.kv, k)
	return v
}

func (p *params) int(k string) int {
	v := p.str(k)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.fail("%s=%s: want a whole number of at least 0", k, v)
	}
	return n
}

func (p *params) float(k string) float64 {
	v := p.str(k)
	if v == "" {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		p.fail("%s=%s: want a number of at least 0", k, v)
	}
	return f
}

func (p *params) ms(k string) time.Duration {
	return time.Duration(p.int(k)) * time.Millisecond
}

func (p *params) op(k string, valid []string) string {
	v := p.str(k)
	if v != "" && !slices.Contains(valid, v) {
		if s := suggest.Closest(v, valid); s != "" {
			p.fail("%s=%s is not an operation here: did you mean %s?", k, v, s)
		} else {
			p.fail("%s=%s is not one of %s", k, v, strings.Join(valid, ", "))
		}
	}
	return v
}

// done reports the first problem, or a key the fault kind does not take.
func (p *params) done() error {
	if p.err != nil {
		return p.err
	}
	for k := range p.kv {
		return fmt.Errorf("%s= does not apply to this fault", k)
	}
	return nil
}
