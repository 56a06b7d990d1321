// Package emulator is an in-memory Amazon SageMaker API for tests and local trials: the
// model, endpoint-config, endpoint and tag operations sagectl uses, over the real wire protocol
// (HTTP POST, JSON 1.1, X-Amz-Target: SageMaker.<Operation>), and STS GetCallerIdentity
// (query protocol) answering with its account, with the service's validation,
// error codes and endpoint lifecycle on a controllable clock, and seeded, injectable faults.
package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Options configure an emulator. The zero value serves 127.0.0.1 on a random port, on the wall
// clock, with short endpoint transitions.
type Options struct {
	// Addr is the listen address; default "127.0.0.1:0" (a random port).
	Addr string
	// AllowRemote permits a non-loopback Addr. Without it Start refuses one.
	AllowRemote bool
	// Clock drives lifecycle, stale reads, rates and latency; default the wall clock.
	Clock Clock
	// Region and Account go into ARNs; defaults "us-east-1" and "123456789012".
	Region, Account string
	// CreateDuration, UpdateDuration and DeleteDuration are how long an endpoint stays
	// Creating, Updating and Deleting; defaults 300ms, 300ms and 200ms.
	CreateDuration, UpdateDuration, DeleteDuration time.Duration
	// Seed seeds the generator behind probabilistic faults.
	Seed uint64
	// StateFile, if set, is loaded by Start (when it exists) and written by Close and Save.
	StateFile string
}

var (
	accountRE = regexp.MustCompile(`^[0-9]{12}$`)
	regionRE  = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// Server is a running emulator. It is an http.Handler, so it can also be mounted elsewhere.
type Server struct {
	opts  Options
	clock Clock
	srv   *http.Server
	url   string

	mu             sync.Mutex
	st             *state
	faults         []*activeFault
	endpointFaults []*EndpointFault
	stale          StaleReads
	calls          map[string]int
	rng            *rand.Rand
	requests       uint64
	aas            *autoscaling                // Application Auto Scaling state (autoscaling.go), made on first use
	invokeFaults   []*InvokeFault              // InvokeEndpoint failures (runtime.go)
	ics            map[string]*componentRecord // inference components by key (inference_components.go)
}

// New returns an emulator that is not listening yet: use it as an http.Handler, or call Start.
func New(opts Options) (*Server, error) {
	if opts.Clock == nil {
		opts.Clock = WallClock{}
	}
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Account == "" {
		opts.Account = "123456789012"
	}
	if !accountRE.MatchString(opts.Account) || !regionRE.MatchString(opts.Region) {
		return nil, fmt.Errorf("account %q must be 12 digits and region %q lower-case letters, digits and dashes: they go into ARNs", opts.Account, opts.Region)
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{{&opts.CreateDuration, 300 * time.Millisecond}, {&opts.UpdateDuration, 300 * time.Millisecond}, {&opts.DeleteDuration, 200 * time.Millisecond}} {
		if *d.v < 0 {
			return nil, fmt.Errorf("emulator durations must not be negative, got %v", *d.v)
		}
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	if _, err := loadConstraints(); err != nil {
		return nil, err
	}
	st, err := loadState(opts.StateFile)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:  opts,
		clock: opts.Clock,
		st:    st,
		calls: map[string]int{},
		rng:   rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5a6e)),
	}
	s.loadTargets()
	s.ics, st.InferenceComponents = st.InferenceComponents, nil
	return s, nil
}

// Start creates an emulator and serves it on opts.Addr until Close.
func Start(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if err := checkLoopback(opts.Addr, opts.AllowRemote); err != nil {
		return nil, err
	}
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("emulator cannot listen on %s: %v", opts.Addr, err)
	}
	s.url = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// checkLoopback refuses a listen address that is not a loopback IP or "localhost".
func checkLoopback(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q is not host:port: %v", addr, err)
	}
	if allowRemote || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("listen address %q is not a loopback address; use 127.0.0.1:PORT, or allow remote clients explicitly (--allow-remote)", addr)
	}
	return nil
}

// URL is the base URL to point clients at (BaseEndpoint, --endpoint-url).
func (s *Server) URL() string { return s.url }

// Close stops serving at once, closing every connection (a client's idle or unused
// connection must not hold it up), and saves the state file.
func (s *Server) Close() error {
	var err error
	if s.srv != nil {
		err = s.srv.Close()
	}
	if s.opts.StateFile != "" {
		err = errors.Join(err, s.Save())
	}
	return err
}

// Save writes the resources to the state file (Options.StateFile).
func (s *Server) Save() error {
	if s.opts.StateFile == "" {
		return errors.New("the emulator has no state file to save to")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle()
	s.st.ScalableTargets = s.savedTargets()
	s.st.InferenceComponents = s.ics
	return saveState(s.opts.StateFile, s.st)
}

// Calls returns how many requests for op the emulator has received, faulted ones included.
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// CallCounts returns a copy of the per-operation request counts.
func (s *Server) CallCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.calls)
}

// ResetCalls sets every request count back to zero.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = map[string]int{}
}

const maxBody = 8 << 20

// ServeHTTP answers one JSON 1.1 request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	reqID := fmt.Sprintf("00000000-0000-4000-8000-%012x", s.requests)
	s.mu.Unlock()
	w.Header().Set("X-Amzn-Requestid", reqID)

	if s.serveAWS(w, r, reqID) {
		return
	}
	if isQuery(r) {
		s.serveSTS(w, r, reqID)
		return
	}
	op, h, err := route(r)
	if err != nil {
		writeError(w, err)
		return
	}
	body, rerr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if rerr != nil {
		writeError(w, &apiError{Status: http.StatusBadRequest, Code: codeSerialization, Message: "cannot read the request body: " + rerr.Error()})
		return
	}
	if ferr := s.begin(op); ferr != nil {
		writeError(w, ferr)
		return
	}
	s.mu.Lock()
	s.settle()
	b, aerr := s.run(h, body)
	s.mu.Unlock()
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_, _ = w.Write(b)
}

// run runs an operation and encodes its answer, under s.mu: answers share slices and
// pointers with the stored resources.
func (s *Server) run(h handler, body []byte) ([]byte, *apiError) {
	out, aerr := h(s, body)
	if aerr != nil {
		return nil, aerr
	}
	b, err := encodeJSON(out)
	if err != nil {
		return nil, &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: err.Error()}
	}
	return b, nil
}

// route finds the operation named by X-Amz-Target.
func route(r *http.Request) (string, handler, *apiError) {
	if r.Method != http.MethodPost {
		return "", nil, &apiError{Status: http.StatusMethodNotAllowed, Code: codeSerialization, Message: "the SageMaker API takes POST requests only"}
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/x-amz-json-1.") {
		return "", nil, &apiError{Status: http.StatusBadRequest, Code: codeSerialization, Message: fmt.Sprintf("Content-Type %q is not application/x-amz-json-1.1", ct)}
	}
	// Signatures are not verified, but like AWS the emulator refuses unsigned requests, so a
	// client that would reach AWS without credentials fails here too.
	if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		return "", nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingAuth, Message: "Missing Authentication Token"}
	}
	target := r.Header.Get("X-Amz-Target")
	if op, ok := strings.CutPrefix(target, aasPrefix); ok && autoscalingOperations[op] != nil {
		return aasPrefix + op, autoscalingOperations[op], nil
	}
	op, ok := strings.CutPrefix(target, "SageMaker.")
	h := operations[op]
	if !ok || h == nil {
		return "", nil, &apiError{Status: http.StatusBadRequest, Code: codeUnknownOp, Message: fmt.Sprintf("X-Amz-Target %q is not a SageMaker operation this emulator serves", target)}
	}
	return op, h, nil
}

func writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-Errortype", e.Code)
	w.WriteHeader(e.Status)
	b, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
	_, _ = w.Write(b)
}
