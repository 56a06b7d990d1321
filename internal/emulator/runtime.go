package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

// SageMaker Runtime's InvokeEndpoint, REST JSON: POST /endpoints/NAME/invocations with the
// payload as the body, answered with the container's body and content type
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html).
// An InService endpoint answers World.Invocations[NAME], else echoes the request; an
// invoke-error fault (InvokeFault) makes it fail as a container that answered an error.

const invokeOp = "InvokeEndpoint"

var invocationsPath = regexp.MustCompile(`^/endpoints/([^/]+)/invocations$`)

// InvokeFault makes InvokeEndpoint of Endpoint ("" any) fail with a ModelError carrying Status
// (default 500), Times times (0: always).
type InvokeFault struct {
	Endpoint string
	Status   int
	Times    int
	fired    int
}

// FailInvocations installs an InvokeFault.
func (s *Server) FailInvocations(f InvokeFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	s.invokeFaults = append(s.invokeFaults, &f)
}

// serveRuntime answers InvokeEndpoint.
func serveRuntime(s *Server, w http.ResponseWriter, r *http.Request, _ string) bool {
	m := invocationsPath.FindStringSubmatch(r.URL.EscapedPath())
	if m == nil || r.Method != http.MethodPost {
		return false
	}
	name, err := url.PathUnescape(m[1])
	if err != nil {
		name = m[1]
	}
	body, rerr := io.ReadAll(http.MaxBytesReader(w, r.Body, 6<<20)) // InvokeEndpoint takes up to 6 MB
	if rerr != nil {
		writeRuntimeError(w, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "ValidationError", Message: rerr.Error()}, 0)
		return true
	}
	if ferr := s.begin(invokeOp); ferr != nil {
		writeRuntimeError(w, ferr, 0)
		return true
	}
	s.mu.Lock()
	s.settle()
	e := s.st.Endpoints[key(name)]
	var variant string
	if e != nil && len(e.Variants) > 0 {
		variant = *e.Variants[0].VariantName
	}
	inv, answer := s.world().Invocations[name], s.invokeFault(name)
	s.mu.Unlock()
	switch {
	case e == nil || e.Status == types.EndpointStatusCreating || e.Status == types.EndpointStatusFailed:
		writeRuntimeError(w, &apiError{Status: http.StatusBadRequest, Code: "ValidationError",
			Message: fmt.Sprintf("Endpoint %s of account %s not found.", name, s.opts.Account)}, 0)
		return true
	case answer != 0:
		inv = Invocation{Status: answer, Body: "emulator invoke-error fault"}
	}
	if inv.Status != 0 && inv.Status != http.StatusOK {
		writeRuntimeError(w, &apiError{Status: http.StatusFailedDependency, Code: "ModelError",
			Message: fmt.Sprintf("Received server error (%d) from primary with message \"%s\".", inv.Status, inv.Body)}, inv.Status)
		return true
	}
	ct := orDefault(inv.ContentType, orDefault(r.Header.Get("Accept"), orDefault(r.Header.Get("Content-Type"), "application/json")))
	if inv.Body != "" {
		body = []byte(inv.Body)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Amzn-Invoked-Production-Variant", variant)
	_, _ = w.Write(body)
	return true
}

// invokeFault returns the status of the InvokeFault that fires for endpoint, 0 when none; under s.mu.
func (s *Server) invokeFault(endpoint string) int {
	for _, f := range s.invokeFaults {
		if (f.Endpoint == "" || sameName(f.Endpoint, endpoint)) && (f.Times == 0 || f.fired < f.Times) {
			f.fired++
			return f.Status
		}
	}
	return 0
}

// writeRuntimeError writes a REST JSON error; a ModelError carries the container's status.
func writeRuntimeError(w http.ResponseWriter, e *apiError, original int) {
	body := map[string]any{"message": e.Message}
	if original != 0 {
		body["OriginalStatusCode"] = original
		body["OriginalMessage"] = e.Message
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", e.Code)
	w.WriteHeader(e.Status)
	_, _ = w.Write(b)
}
