package apply

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
)

// answerServer fails the first n requests with status/code, then answers an empty endpoint.
func answerServer(t *testing.T, n int32, status int, code string) (*httptest.Server, *atomic.Int32) {
	var seen atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		if seen.Add(1) <= n {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"__type":%q,"message":"nope"}`, code)
			return
		}
		fmt.Fprint(w, `{"EndpointName":"ep","EndpointStatus":"InService"}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &seen
}

func testClient(url string) *sagemaker.Client {
	return sagemaker.New(sagemaker.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
}

func TestRecorderCountsRetries(t *testing.T) {
	tests := []struct {
		name     string
		failures int32
		status   int
		code     string
		attempts int
		ok       bool
	}{
		{"no fault", 0, 200, "", 1, true},
		{"throttled twice", 2, 400, "ThrottlingException", 3, true},
		{"500 then ok", 1, 500, "InternalFailure", 2, true},
		{"503 beyond the attempts", 9, 503, "ServiceUnavailable", 4, false},
		{"validation error is not retried", 9, 400, "ValidationException", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, seen := answerServer(t, tt.failures, tt.status, tt.code)
			rec := &Recorder{Clock: RealClock{}}
			c := rec.Instrument(testClient(srv.URL), Retryer(4, time.Millisecond))
			_, err := c.DescribeEndpoint(context.Background(), &sagemaker.DescribeEndpointInput{EndpointName: aws.String("ep")})
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want success %v", err, tt.ok)
			}
			calls := rec.Calls()
			if len(calls) != 1 || calls[0].Operation != "DescribeEndpoint" || calls[0].Target != "ep" || calls[0].Attempts != tt.attempts {
				t.Fatalf("calls = %+v, want one DescribeEndpoint of ep with %d attempts", calls, tt.attempts)
			}
			if int(seen.Load()) != tt.attempts {
				t.Errorf("server saw %d requests, recorder counted %d", seen.Load(), tt.attempts)
			}
			if n, a := rec.Count("DescribeEndpoint"); n != 1 || a != tt.attempts {
				t.Errorf("Count = %d, %d", n, a)
			}
		})
	}
}

func TestTargetOfInputsWithoutName(t *testing.T) {
	if got := target(&sagemaker.ListEndpointsInput{}); got != "" {
		t.Errorf("target = %q", got)
	}
	if got := target(nil); got != "" {
		t.Errorf("target(nil) = %q", got)
	}
	if got := target(&sagemaker.ListTagsInput{ResourceArn: aws.String("arn:x")}); got != "arn:x" {
		t.Errorf("target = %q", got)
	}
	arn := "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-1"
	if got := target(&sagemaker.ListTagsInput{ResourceArn: aws.String(arn)}); got != "endpoint-config/churn-prod-1" {
		t.Errorf("target = %q", got)
	}
}
