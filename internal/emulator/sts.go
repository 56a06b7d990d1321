package emulator

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The emulator answers one AWS STS operation besides SageMaker's, GetCallerIdentity, so
// sagectl can learn which account it plans against and the AWS CLI works with
// `aws sts get-caller-identity --endpoint-url`. STS speaks the query protocol: a form POST
// (Action=GetCallerIdentity&Version=2011-06-15) answered in XML
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html,
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).

// stsOp is the operation name the emulator counts STS calls under and faults match.
const stsOp = "GetCallerIdentity"

const stsXMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"

// isQuery reports whether r is a query-protocol (STS) request rather than JSON 1.1.
func isQuery(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
}

type stsIdentity struct {
	XMLName xml.Name `xml:"GetCallerIdentityResponse"`
	XMLNS   string   `xml:"xmlns,attr"`
	Result  struct {
		Arn     string `xml:"Arn"`
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
	} `xml:"GetCallerIdentityResult"`
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

type stsErrorResponse struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	XMLNS   string   `xml:"xmlns,attr"`
	Error   struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
	RequestID string `xml:"RequestId"`
}

// serveSTS answers a query-protocol request: GetCallerIdentity with the emulator's account,
// anything else an InvalidAction error, faults as for SageMaker operations.
func (s *Server) serveSTS(w http.ResponseWriter, r *http.Request, reqID string) {
	if !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		writeSTSError(w, reqID, &apiError{Status: http.StatusForbidden, Code: codeMissingAuth, Message: "Request is missing Authentication Token"})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeSTSError(w, reqID, &apiError{Status: http.StatusBadRequest, Code: "MalformedQueryString", Message: err.Error()})
		return
	}
	form := r.PostForm
	if form == nil {
		form = url.Values{}
	}
	if action := form.Get("Action"); action != stsOp {
		writeSTSError(w, reqID, &apiError{Status: http.StatusBadRequest, Code: "InvalidAction",
			Message: fmt.Sprintf("Could not find operation %q: the emulator serves only the STS action GetCallerIdentity", action)})
		return
	}
	if ferr := s.begin(stsOp); ferr != nil {
		writeSTSError(w, reqID, ferr)
		return
	}
	out := stsIdentity{XMLNS: stsXMLNS, RequestID: reqID}
	out.Result.Account = s.opts.Account
	out.Result.Arn = fmt.Sprintf("arn:aws:iam::%s:user/sagectl-emulator", s.opts.Account)
	out.Result.UserID = "AIDAEMULATOR0SAGECTL"
	writeXML(w, http.StatusOK, out)
}

func writeSTSError(w http.ResponseWriter, reqID string, e *apiError) {
	out := stsErrorResponse{XMLNS: stsXMLNS, RequestID: reqID}
	out.Error.Type = "Sender"
	if e.Status >= 500 {
		out.Error.Type = "Receiver"
	}
	out.Error.Code, out.Error.Message = e.Code, e.Message
	writeXML(w, e.Status, out)
}

func writeXML(w http.ResponseWriter, status int, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte("<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>")
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	_, _ = w.Write(append([]byte(xml.Header), b...))
}
