package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// FuzzServe sends arbitrary bodies to every operation of an emulator holding a model, a config
// and an endpoint, and an endpoint made for inference components with one component: it must never panic, answer 5xx, or answer anything but a JSON 1.1 document.
func FuzzServe(f *testing.F) {
	seeds := []struct {
		op   string
		body string
	}{
		{"CreateModel", `{"ModelName":"m2","PrimaryContainer":{"Image":"i","Environment":{"A":"b"}}}`},
		{"CreateEndpointConfig", `{"EndpointConfigName":"c2","ProductionVariants":[{"VariantName":"a","ModelName":"m","InitialVariantWeight":0.5}]}`},
		{"CreateEndpoint", `{"EndpointName":"e2","EndpointConfigName":"c"}`},
		{"UpdateEndpoint", `{"EndpointName":"e","EndpointConfigName":"c","RetainAllVariantProperties":true}`},
		{"UpdateEndpointWeightsAndCapacities", `{"EndpointName":"e","DesiredWeightsAndCapacities":[{"VariantName":"a","DesiredWeight":2}]}`},
		{"AddTags", `{"ResourceArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/e","Tags":[{"Key":"k","Value":"v"}]}`},
		{"ListEndpoints", `{"MaxResults":1,"NextToken":"b2Zmc2V0OjE","CreationTimeAfter":1.5e9}`},
		{"DeleteModel", `{"ModelName":null}`},
		{"DeleteEndpointConfig", `[1,2]`},
		{"CreateInferenceComponent", `{"InferenceComponentName":"ic2","EndpointName":"ic","VariantName":"main","Specification":{"ModelName":"m"},"RuntimeConfig":{"CopyCount":2}}`},
		{"UpdateInferenceComponent", `{"InferenceComponentName":"ic","Specification":{"BaseInferenceComponentName":"ic"}}`},
		{"UpdateInferenceComponentRuntimeConfig", `{"InferenceComponentName":"ic","DesiredRuntimeConfig":{"CopyCount":-1}}`},
		{"ListInferenceComponents", `{"EndpointNameEquals":"ic","SortBy":"Status"}`},
	}
	for _, s := range seeds {
		f.Add(uint8(slices.Index(emulator.Operations(), s.op)), s.body)
	}
	ops := emulator.Operations()
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		clock := emulator.NewFakeClock(epoch)
		srv, err := emulator.New(emulator.Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct{ op, body string }{
			{"CreateModel", `{"ModelName":"m","PrimaryContainer":{"Image":"i"}}`},
			{"CreateEndpointConfig", `{"EndpointConfigName":"c","ProductionVariants":[{"VariantName":"a","ModelName":"m"}]}`},
			{"CreateEndpoint", `{"EndpointName":"e","EndpointConfigName":"c"}`},
			{"CreateEndpointConfig", `{"EndpointConfigName":"ic","ExecutionRoleArn":"arn:aws:iam::123456789012:role/r","ProductionVariants":[{"VariantName":"main","InstanceType":"ml.g5.xlarge","InitialInstanceCount":1}]}`},
			{"CreateEndpoint", `{"EndpointName":"ic","EndpointConfigName":"ic"}`},
		} {
			if code, _ := serve(srv, p.op, p.body); code != 200 {
				t.Fatalf("priming %s: %d", p.op, code)
			}
		}
		clock.Advance(time.Hour)
		if code, resp := serve(srv, "CreateInferenceComponent", `{"InferenceComponentName":"ic","EndpointName":"ic","Specification":{"ModelName":"m"},"RuntimeConfig":{"CopyCount":1}}`); code != 200 {
			t.Fatalf("priming CreateInferenceComponent: %d %s", code, resp)
		}
		clock.Advance(time.Hour)
		name := ops[int(op)%len(ops)]
		code, resp := serve(srv, name, body)
		var doc map[string]any
		if err := json.Unmarshal([]byte(resp), &doc); err != nil {
			t.Fatalf("%s %q: answer %q is not a JSON object: %v", name, body, resp, err)
		}
		if code >= 500 {
			t.Fatalf("%s %q: status %d %s", name, body, code, resp)
		}
		if code != 200 && (doc["__type"] == nil || doc["message"] == nil) {
			t.Fatalf("%s %q: error %d without __type and message: %s", name, body, code, resp)
		}
	})
}

func serve(h http.Handler, op, body string) (int, string) {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("X-Amz-Target", "SageMaker."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}
