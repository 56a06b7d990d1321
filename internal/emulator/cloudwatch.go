package emulator

import (
	"io"
	"net/http"
	"strings"

	"github.com/aws/smithy-go/encoding/cbor"
)

// CloudWatch DescribeAlarms, in the Smithy RPC v2 CBOR protocol the AWS SDKs speak to
// CloudWatch: POST /service/GraniteServiceVersion20100801/operation/DescribeAlarms with a
// CBOR map as the body, answered with one
// (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html).
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
	seeded := s.world().Alarms
	region := s.opts.Region
	account := s.opts.Account
	s.mu.Unlock()
	found := cbor.List{}
	for _, n := range names {
		if has(seeded, n) {
			found = append(found, cbor.Map{"AlarmName": cbor.String(n),
				"AlarmArn": cbor.String("arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + n), "StateValue": cbor.String("OK")})
		}
	}
	writeCBOR(w, http.StatusOK, cbor.Map{"MetricAlarms": found, "CompositeAlarms": cbor.List{}})
	return true
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
