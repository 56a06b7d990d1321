package emulator_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/emulator"
)

// worldRequests are the non-SageMaker requests FuzzWorld sends its input in: a JSON 1.1 body
// (ECR, KMS, Service Quotas), a query form (IAM, SNS, EC2), an S3 path and an InvokeEndpoint body.
var worldRequests = []struct{ service, target, form string }{
	{"ecr", "AmazonEC2ContainerRegistry_V20150921.DescribeImages", ""},
	{"kms", "TrentService.DescribeKey", ""},
	{"servicequotas", "ServiceQuotasV20190624.GetServiceQuota", ""},
	{"servicequotas", "ServiceQuotasV20190624.ListAWSDefaultServiceQuotas", ""},
	{"iam", "", "Action=GetRole&Version=2010-05-08&RoleName="},
	{"sns", "", "Action=GetTopicAttributes&Version=2010-03-31&TopicArn="},
	{"ec2", "", "Action=DescribeSubnets&Version=2016-11-15&SubnetId.1="},
	{"s3", "", ""},
	{"sagemaker", "", ""},
}

// FuzzWorld sends arbitrary input to every world operation of a seeded emulator: it must never
// panic nor answer 5xx.
func FuzzWorld(f *testing.F) {
	f.Add(uint8(0), `{"repositoryName":"repo","imageIds":[{"imageTag":"v1"}]}`)
	f.Add(uint8(1), `{"KeyId":"arn:aws:kms:us-east-1:123456789012:alias/"}`)
	f.Add(uint8(3), `{"ServiceCode":"sagemaker","NextToken":"-5","MaxResults":-1}`)
	f.Add(uint8(4), "sm%ZZ")
	f.Add(uint8(7), "bucket/models/?list-type=2&prefix=%")
	f.Add(uint8(8), "ep")
	f.Fuzz(func(t *testing.T, which uint8, input string) {
		srv, err := emulator.New(emulator.Options{})
		if err != nil {
			t.Fatal(err)
		}
		srv.Seed(seeded)
		r := worldRequests[int(which)%len(worldRequests)]
		var req *http.Request
		switch {
		case r.target != "":
			req = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(input))
			req.Header.Set("Content-Type", "application/x-amz-json-1.1")
			req.Header.Set("X-Amz-Target", r.target)
		case r.form != "":
			req = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(r.form+input))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		case r.service == "s3":
			req = httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path = "/" + input
		default:
			req = httptest.NewRequest(http.MethodPost, "/endpoints/ep/invocations", strings.NewReader(input))
		}
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/"+r.service+"/aws4_request, SignedHeaders=host, Signature=0")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusNotImplemented {
			t.Fatalf("%s %q: status %d: %s", r.service, input, w.Code, w.Body)
		}
	})
}
