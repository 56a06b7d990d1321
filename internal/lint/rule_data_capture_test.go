package lint

import (
	"strings"
	"testing"
)

// dcHead starts a DataCaptureConfig at line 8 of an EndpointConfig.
const dcHead = ecHead + "DataCaptureConfig:\n"

func TestS3URIProblem(t *testing.T) {
	for _, c := range []struct{ uri, want string }{
		{"s3://acme-capture/fraud", ""},
		{"s3://acme-capture", ""},
		{"s3://a.b.c/x", ""},
		{"https://acme-capture.s3.eu-west-1.amazonaws.com/fraud", ""},
		{"https://acme-capture.s3.amazonaws.com/fraud", ""},
		{"https://s3.eu-west-1.amazonaws.com/acme-capture/fraud", ""},
		{"https://acme.s3.cn-north-1.amazonaws.com.cn/x", ""},
		{"https://ab.s3.logs.s3.eu-west-1.amazonaws.com/x", ""}, // the bucket is ab.s3.logs, not ab
		{"https://Acme.s3.logs.s3.amazonaws.com/x", ""},         // host names are case-insensitive
		{"https://ac.s3.amazonaws.com/x", `bucket name "ac" is not valid`},
		{"acme-capture/fraud", ""}, // the schema pattern rejects it
		{"ftp://acme/fraud", ""},   // the schema pattern rejects it
		{"s3:///fraud", ""},        // the schema pattern rejects it
		{"s3://x\n/y", ""},         // the schema pattern rejects it
		{"s3://ab/x", "has 2 characters"},
		{"s3://Acme_Capture/x", "only lowercase letters"},
		{"s3://-acme/x", "begin and end"},
		{"s3://acme-/x", "begin and end"},
		{"s3://acme..capture/x", "adjacent dots"},
		{"s3://192.168.1.10/x", "IP address"},
		{"s3://xn--acme/x", "reserved"},
		{"s3://acme-s3alias/x", "reserved"},
		{"s3://" + string(make([]byte, 70)) + "/x", "has 70 characters"},
		{"https://s3.eu-west-1.amazonaws.com/", "names no bucket"},
		{"https://example.com/capture", "not an Amazon S3 endpoint"},
		{"https://%zz/x", "not a valid URL"},
	} {
		got := s3URIProblem(c.uri)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("s3URIProblem(%q) = %q, want %q", c.uri, got, c.want)
		}
	}
}

func TestDataCaptureDestination(t *testing.T) {
	runRuleCases(t, dataCaptureDestination{}, []ruleCase{
		{"valid bucket", dcHead + "  DestinationS3Uri: s3://acme-capture/fraud\n", nil},
		{"bucket with uppercase and underscore", dcHead + "  DestinationS3Uri: s3://Acme_Capture/fraud\n",
			[]string{`9:21 error: DestinationS3Uri "s3://Acme_Capture/fraud" is not a usable S3 location: bucket name "Acme_Capture" is not valid`}},
		{"no scheme is the schema's", dcHead + "  DestinationS3Uri: acme/fraud\n", nil},
		{"not a string is the schema's", dcHead + "  DestinationS3Uri: 42\n", nil},
		{"no data capture", ecHead, nil},
	})
}

func TestDataCaptureModes(t *testing.T) {
	runRuleCases(t, dataCaptureModes{}, []ruleCase{
		{"distinct modes", dcHead + "  CaptureOptions:\n    - CaptureMode: Input\n    - CaptureMode: Output\n", nil},
		{"repeated mode", dcHead + "  CaptureOptions:\n    - CaptureMode: Input\n    - CaptureMode: Output\n    - CaptureMode: Input\n",
			[]string{`12:20 error: CaptureMode "Input" is already listed at line 10`}},
		{"three times", dcHead + "  CaptureOptions:\n    - {CaptureMode: Output}\n    - {CaptureMode: Output}\n    - {CaptureMode: Output}\n",
			[]string{`11:21 error: CaptureMode "Output" is already listed at line 10`, `12:21 error: CaptureMode "Output" is already listed at line 10`}},
		{"malformed options are the schema's", dcHead + "  CaptureOptions: [Input, Input, {CaptureMode: 3}]\n", nil},
	})
}

func TestDataCaptureSampling(t *testing.T) {
	runRuleCases(t, dataCaptureSampling{}, []ruleCase{
		{"zero, capture by default", dcHead + "  InitialSamplingPercentage: 0\n", []string{`9:30 warning: InitialSamplingPercentage is 0 while data capture is enabled`}},
		{"zero, capture on", dcHead + "  EnableCapture: true\n  InitialSamplingPercentage: 0\n", []string{`10:30 warning: InitialSamplingPercentage is 0`}},
		{"zero as float", dcHead + "  InitialSamplingPercentage: 0.0\n", []string{`9:30 warning: InitialSamplingPercentage is 0`}},
		{"zero, capture off", dcHead + "  EnableCapture: false\n  InitialSamplingPercentage: 0\n", nil},
		{"some sampling", dcHead + "  InitialSamplingPercentage: 10\n", nil},
		{"string is the schema's", dcHead + "  InitialSamplingPercentage: \"0\"\n", nil},
	})
}

func TestDataCaptureContentTypes(t *testing.T) {
	hdr := dcHead + "  CaptureContentTypeHeader:\n"
	runRuleCases(t, dataCaptureContentTypes{}, []ruleCase{
		{"distinct", hdr + "    CsvContentTypes: [text/csv]\n    JsonContentTypes: [application/json, application/jsonlines]\n", nil},
		{"repeated in one list, other case", hdr + "    JsonContentTypes: [application/json, Application/JSON]\n",
			[]string{`10:42 warning: content type "Application/JSON" is already listed in JsonContentTypes at line 10`}},
		{"in both lists", hdr + "    CsvContentTypes: [text/plain]\n    JsonContentTypes:\n      - text/plain\n",
			[]string{`12:9 warning: content type "text/plain" is listed in both CsvContentTypes (line 10) and JsonContentTypes`}},
		{"no header", dcHead + "  InitialSamplingPercentage: 5\n", nil},
	})
}
