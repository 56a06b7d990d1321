package emulator

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/smithy-go/encoding/cbor"
)

// CloudWatch DescribeAlarms, in both protocols clients speak to CloudWatch
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html):
//   - Smithy RPC v2 CBOR, what the AWS SDK for Go v2 speaks: POST
//     /service/GraniteServiceVersion20100801/operation/DescribeAlarms with a CBOR map as the
//     body, answered with one (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html);
//   - awsQuery, what AWS CLI v2 releases before CloudWatch's move to CBOR speak: a form POST
//     signed for "monitoring", AlarmNames.member.N, answered in XML (queryServices).
//
// The alarms World.Alarms names exist, as metric alarms; unseeded, every alarm asked exists.

const cloudWatchPath = "/service/GraniteServiceVersion20100801/operation/"

// serveCloudWatch answers DescribeAlarms.
func serveCloudWatch(s *Server, w http.ResponseWriter, r *http.Request, _ string) bool {
	op, ok := strings.CutPrefix(r.URL.Path, cloudWatchPath)
	if !ok {
		return false
	}
	if op != "DescribeAlarms" || r.Method != http.MethodPost {
		writeCBORError(w, http.StatusBadRequest, "UnknownOperationException", "the emulator serves CloudWatch DescribeAlarms only")
		return true
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeCBORError(w, http.StatusBadRequest, "SerializationException", "cannot read the request body: "+err.Error())
		return true
	}
	names, ok := alarmNames(body)
	if !ok {
		writeCBORError(w, http.StatusBadRequest, "SerializationException", "the request body is not a CBOR map with an AlarmNames list of strings")
		return true
	}
	if ferr := s.begin(op); ferr != nil {
		writeCBORError(w, ferr.Status, ferr.Code, ferr.Message)
		return true
	}
	s.mu.Lock()
	alarms := s.alarms(names)
	s.mu.Unlock()
	found := cbor.List{}
	for _, a := range alarms {
		found = append(found, cbor.Map{"AlarmName": cbor.String(a.AlarmName), "AlarmArn": cbor.String(a.AlarmArn), "StateValue": cbor.String(a.StateValue)})
	}
	writeCBOR(w, http.StatusOK, cbor.Map{"MetricAlarms": found, "CompositeAlarms": cbor.List{}})
	return true
}

// metricAlarm is what the emulator answers of an alarm that exists.
type metricAlarm struct {
	AlarmName  string `xml:"AlarmName"`
	AlarmArn   string `xml:"AlarmArn"`
	StateValue string `xml:"StateValue"`
}

// alarms returns the alarms of names that exist, in the order asked. s.mu is held.
func (s *Server) alarms(names []string) []metricAlarm {
	var out []metricAlarm
	for _, n := range names {
		if has(s.world().Alarms, n) {
			out = append(out, metricAlarm{n, "arn:aws:cloudwatch:" + s.opts.Region + ":" + s.opts.Account + ":alarm:" + n, "OK"})
		}
	}
	return out
}

type describeAlarmsResult struct {
	XMLName         xml.Name      `xml:"DescribeAlarmsResult"`
	MetricAlarms    []metricAlarm `xml:"MetricAlarms>member"`
	CompositeAlarms struct{}      `xml:"CompositeAlarms"`
}

// describeAlarms answers DescribeAlarms in the query protocol.
func (s *Server) describeAlarms(form url.Values) (any, *apiError) {
	return describeAlarmsResult{MetricAlarms: s.alarms(listParam(form, "AlarmNames.member"))}, nil
}

// alarmNames reads the AlarmNames of a DescribeAlarms request; an empty body asks none.
func alarmNames(body []byte) ([]string, bool) {
	if len(body) == 0 {
		return nil, true
	}
	v, err := cbor.Decode(body)
	if err != nil {
		return nil, false
	}
	m, ok := v.(cbor.Map)
	if !ok {
		return nil, false
	}
	list, ok := m["AlarmNames"].(cbor.List)
	if m["AlarmNames"] != nil && !ok {
		return nil, false
	}
	var out []string
	for _, e := range list {
		s, ok := e.(cbor.String)
		if !ok {
			return nil, false
		}
		out = append(out, string(s))
	}
	return out, true
}

func writeCBOR(w http.ResponseWriter, status int, v cbor.Value) {
	w.Header().Set("Content-Type", "application/cbor")
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	w.WriteHeader(status)
	_, _ = w.Write(cbor.Encode(v))
}

// writeCBORError writes an RPC v2 CBOR error: its shape name in __type.
func writeCBORError(w http.ResponseWriter, status int, code, msg string) {
	writeCBOR(w, status, cbor.Map{"__type": cbor.String(code), "message": cbor.String(msg)})
}
