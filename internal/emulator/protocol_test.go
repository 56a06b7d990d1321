package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// post sends a raw JSON 1.1 request and returns the status, the error type and message.
func post(t *testing.T, url, op, body string) (int, string, string) {
	t.Helper()
	status, _, raw := postRaw(t, url, "SageMaker."+op, "application/x-amz-json-1.1", body)
	var e struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if status != 200 {
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatalf("error body %q is not JSON: %v", raw, err)
		}
	}
	return status, e.Type, e.Message
}

func postRaw(t *testing.T, url, target, contentType, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestWireFormat(t *testing.T) {
	e := newEnv(t)
	e.model(t, "m")
	status, h, body := postRaw(t, e.srv.URL(), "SageMaker.DescribeModel", "application/x-amz-json-1.1", `{"ModelName":"m"}`)
	if status != 200 || h.Get("Content-Type") != "application/x-amz-json-1.1" || h.Get("X-Amzn-Requestid") == "" {
		t.Fatalf("status %d, headers %v", status, h)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if ct, ok := doc["CreationTime"].(float64); !ok || int64(ct) != epoch.Unix() {
		t.Errorf("CreationTime = %#v, want epoch seconds %d", doc["CreationTime"], epoch.Unix())
	}
	if _, ok := doc["Containers"]; ok {
		t.Errorf("unset member Containers is in the response: %s", body)
	}
	if _, ok := doc["ResultMetadata"]; ok {
		t.Errorf("SDK-only ResultMetadata leaked into the response: %s", body)
	}
}

func TestProtocolErrors(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, target, ctype, body string
		status                    int
		typ, msg                  string
	}{
		{"unknown operation", "SageMaker.CreateTrainingJob", "application/x-amz-json-1.1", `{}`, 400, "UnknownOperationException", "CreateTrainingJob"},
		{"other service", "AmazonS3.ListBuckets", "application/x-amz-json-1.1", `{}`, 400, "UnknownOperationException", "AmazonS3.ListBuckets"},
		{"bad content type", "SageMaker.ListModels", "text/plain", `{}`, 400, "SerializationException", "text/plain"},
		{"bad json", "SageMaker.ListModels", "application/x-amz-json-1.1", `{"MaxResults":`, 400, "SerializationException", "not valid JSON"},
		{"trailing data", "SageMaker.ListModels", "application/x-amz-json-1.1", `{} {}`, 400, "SerializationException", "after the JSON document"},
		{"wrong type", "SageMaker.ListModels", "application/x-amz-json-1.1", `{"MaxResults":"ten"}`, 400, "SerializationException", "MaxResults must be an integer, not a string"},
		{"not an integer", "SageMaker.ListModels", "application/x-amz-json-1.1", `{"MaxResults":1.5}`, 400, "SerializationException", "MaxResults: 1.5 is not an integer"},
		{"overflow", "SageMaker.ListModels", "application/x-amz-json-1.1", `{"MaxResults":9999999999}`, 400, "SerializationException", "not an integer in range"},
		{"unknown member", "SageMaker.DescribeModel", "application/x-amz-json-1.1", `{"ModelName":"m","Extra":1}`, 400, "SerializationException", `unknown member "Extra"`},
		{"nested unknown member", "SageMaker.CreateModel", "application/x-amz-json-1.1", `{"ModelName":"m","PrimaryContainer":{"Imag":"x"}}`, 400, "SerializationException", `unknown member "Imag" at PrimaryContainer`},
		{"bad timestamp", "SageMaker.ListModels", "application/x-amz-json-1.1", `{"CreationTimeAfter":"yesterday"}`, 400, "SerializationException", "CreationTimeAfter"},
		{"list of wrong type", "SageMaker.CreateModel", "application/x-amz-json-1.1", `{"ModelName":"m","Containers":{}}`, 400, "SerializationException", "Containers must be a list, not an object"},
		{"body not an object", "SageMaker.ListModels", "application/x-amz-json-1.1", `[]`, 400, "SerializationException", "the top level must be an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := postRaw(t, e.srv.URL(), tt.target, tt.ctype, tt.body)
			var got struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if status != tt.status || got.Type != tt.typ || !strings.Contains(got.Message, tt.msg) || h.Get("X-Amzn-Errortype") != tt.typ {
				t.Errorf("got %d %s %q, want %d %s containing %q", status, got.Type, got.Message, tt.status, tt.typ, tt.msg)
			}
		})
	}
	resp, err := http.Get(e.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", resp.StatusCode)
	}
	// Routed requests count, bad bodies included; the bad Content-Type was refused before routing.
	if got := e.srv.Calls("ListModels"); got != 7 {
		t.Errorf("ListModels calls = %d, want 7", got)
	}
}

func TestEmptyBodyIsAnEmptyRequest(t *testing.T) {
	e := newEnv(t)
	status, _, body := postRaw(t, e.srv.URL(), "SageMaker.ListEndpoints", "application/x-amz-json-1.1", "")
	if status != 200 || string(body) != `{"Endpoints":[]}` {
		t.Errorf("got %d %s", status, body)
	}
}

func TestUnsignedRequestsAreRefused(t *testing.T) {
	e := newEnv(t)
	req, err := http.NewRequest(http.MethodPost, e.srv.URL(), strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", "SageMaker.ListModels")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 400 || string(b) != `{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}` {
		t.Errorf("unsigned request: %d %s", resp.StatusCode, b)
	}
	if n := e.srv.Calls("ListModels"); n != 0 {
		t.Errorf("an unsigned request was counted as a call: %d", n)
	}
}
