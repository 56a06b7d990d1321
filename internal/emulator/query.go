package emulator

import (
	"encoding/xml"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// The query-protocol services besides STS: IAM, SNS and CloudWatch (awsQuery: a form POST of Action and
// Version answered in XML, errors in an ErrorResponse,
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html) and EC2 (the EC2
// query protocol: errors in Response/Errors,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html#api-error-response).
// The service is the one the request was signed for.

// queryAction answers one action of a query service: its result element, or an error.
type queryAction func(s *Server, form url.Values) (any, *apiError)

// queryService is a query-protocol service: its XML namespace and actions.
type queryService struct {
	xmlns   string
	ec2     bool
	actions map[string]queryAction
}

var queryServices = map[string]queryService{
	"iam": {xmlns: "https://iam.amazonaws.com/doc/2010-05-08/", actions: map[string]queryAction{"GetRole": (*Server).getRole}},
	"sns": {xmlns: "http://sns.amazonaws.com/doc/2010-03-31/", actions: map[string]queryAction{"GetTopicAttributes": (*Server).getTopicAttributes}},
	"ec2": {xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/", ec2: true, actions: map[string]queryAction{
		"DescribeSubnets": (*Server).describeSubnets, "DescribeSecurityGroups": (*Server).describeSecurityGroups}},
	"monitoring": {xmlns: "http://monitoring.amazonaws.com/doc/2010-08-01/", actions: map[string]queryAction{"DescribeAlarms": (*Server).describeAlarms}},
}

// serveQueryServices answers a signed query request of IAM, SNS, CloudWatch or EC2.
func serveQueryServices(s *Server, w http.ResponseWriter, r *http.Request, reqID string) bool {
	svc, found := queryServices[signingService(r)]
	if !found || !isQuery(r) {
		return false
	}
	if err := r.ParseForm(); err != nil {
		svc.writeError(w, reqID, &apiError{Status: http.StatusBadRequest, Code: "MalformedQueryString", Message: err.Error()})
		return true
	}
	action := r.PostForm.Get("Action")
	h := svc.actions[action]
	if h == nil {
		svc.writeError(w, reqID, &apiError{Status: http.StatusBadRequest, Code: "InvalidAction",
			Message: fmt.Sprintf("Could not find operation %q: the emulator serves only %s", action, strings.Join(sortedKeys(svc.actions), ", "))})
		return true
	}
	if ferr := s.begin(action); ferr != nil {
		svc.writeError(w, reqID, ferr)
		return true
	}
	s.mu.Lock()
	out, aerr := h(s, r.PostForm)
	s.mu.Unlock()
	if aerr != nil {
		svc.writeError(w, reqID, aerr)
		return true
	}
	writeXML(w, http.StatusOK, svc.envelope(action, reqID, out))
	return true
}

// queryResponse is <ActionResponse xmlns=...><ActionResult>...</ActionResult><ResponseMetadata>.
type queryResponse struct {
	XMLName   xml.Name
	XMLNS     string `xml:"xmlns,attr"`
	Result    any
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

// ec2Meta is embedded in EC2's responses, <ActionResponse xmlns=...><requestId/>...</ActionResponse>,
// which have no Result element.
type ec2Meta struct {
	XMLNS     string `xml:"xmlns,attr"`
	RequestID string `xml:"requestId"`
}

func (m *ec2Meta) setMeta(xmlns, reqID string) { m.XMLNS, m.RequestID = xmlns, reqID }

func (q queryService) envelope(action, reqID string, out any) any {
	if m, isEC2 := out.(interface{ setMeta(xmlns, reqID string) }); isEC2 {
		m.setMeta(q.xmlns, reqID)
		return out
	}
	return queryResponse{XMLName: xml.Name{Local: action + "Response"}, XMLNS: q.xmlns, Result: out, RequestID: reqID}
}

type ec2ErrorResponse struct {
	XMLName xml.Name `xml:"Response"`
	Errors  []struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Errors>Error"`
	RequestID string `xml:"RequestID"`
}

func (q queryService) writeError(w http.ResponseWriter, reqID string, e *apiError) {
	if !q.ec2 {
		writeSTSError(w, reqID, e) // the awsQuery ErrorResponse; the namespace is not read
		return
	}
	out := ec2ErrorResponse{RequestID: reqID}
	out.Errors = append(out.Errors, struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	}{e.Code, e.Message})
	writeXML(w, e.Status, out)
}

// listParam returns the members of a query list parameter, NAME.1, NAME.2, ...
func listParam(form url.Values, name string) []string {
	var out []string
	for i := 1; ; i++ {
		v, ok := form[fmt.Sprintf("%s.%d", name, i)]
		if !ok {
			return out
		}
		out = append(out, v...)
	}
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
