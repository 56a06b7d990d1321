package emulator_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sagectl/sagectl/internal/emulator"
)

// cli runs `aws SERVICE ARGS...`, which must succeed, and decodes its JSON output.
func (a *awsCLI) cli(service string, args ...string) map[string]any {
	a.t.Helper()
	out, errOut, code := a.runService(service, args...)
	if code != 0 {
		a.t.Errorf("aws %s %s: exit %d\n%s", service, strings.Join(args, " "), code, errOut)
		return nil
	}
	doc := map[string]any{}
	if strings.TrimSpace(out) != "" {
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			a.t.Errorf("aws %s %s printed non-JSON %q: %v", service, strings.Join(args, " "), out, err)
		}
	}
	return doc
}

// cliFails runs `aws SERVICE ARGS...`, which must fail with the error code.
func (a *awsCLI) cliFails(code, service string, args ...string) {
	a.t.Helper()
	_, errOut, exit := a.runService(service, args...)
	if exit == 0 || !strings.Contains(errOut, "("+code+")") {
		a.t.Errorf("aws %s %s: exit %d, stderr %q; want the error %s", service, strings.Join(args, " "), exit, errOut, code)
	}
}

// TestAWSCLIWorld: the real AWS CLI accepts every answer of the read operations preflight
// makes, and InvokeEndpoint's, and renders their errors with the services' codes.
func TestAWSCLIWorld(t *testing.T) {
	clock := emulator.NewFakeClock(epoch)
	srv, err := emulator.Start(emulator.Options{Clock: clock, CreateDuration: time.Minute, UpdateDuration: time.Minute, DeleteDuration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	a := newAWSCLI(t, srv.URL())
	srv.Seed(seeded)
	e := &env{srv: srv, clock: clock, client: newClient(srv.URL(), nil), ctx: t.Context()}
	e.createServing(t, "ep")
	out := filepath.Join(t.TempDir(), "out.json")
	var quotaCode string
	together(
		func() {
			role := a.cli("iam", "get-role", "--role-name", "sm")
			if get(role, "Role", "AssumeRolePolicyDocument", "Statement", 0, "Principal", "Service") != "sagemaker.amazonaws.com" {
				t.Errorf("aws iam get-role: %v", role)
			}
		},
		func() { a.cliFails("NoSuchEntity", "iam", "get-role", "--role-name", "nope") },
		func() {
			imgs := a.cli("ecr", "describe-images", "--repository-name", "repo", "--image-ids", "imageTag=v1")
			if get(imgs, "imageDetails", 0, "imageTags", 0) != "v1" {
				t.Errorf("aws ecr describe-images: %v", imgs)
			}
		},
		func() {
			a.cliFails("ImageNotFoundException", "ecr", "describe-images", "--repository-name", "repo", "--image-ids", "imageTag=v9")
		},
		func() {
			head := a.cli("s3api", "head-object", "--bucket", "bucket", "--key", "models/model.tar.gz")
			if head["ContentLength"] == nil {
				t.Errorf("aws s3api head-object: %v", head)
			}
		},
		func() { a.cliFails("404", "s3api", "head-object", "--bucket", "bucket", "--key", "missing") },
		func() {
			if loc := a.cli("s3api", "get-bucket-location", "--bucket", "bucket"); loc["LocationConstraint"] != "eu-west-1" {
				t.Errorf("aws s3api get-bucket-location: %v", loc)
			}
		},
		func() {
			if l := a.cli("s3api", "list-objects-v2", "--bucket", "bucket", "--prefix", "models/"); count(l, "Contents") != 1 {
				t.Errorf("aws s3api list-objects-v2: %v", l)
			}
		},
		func() {
			if k := a.cli("kms", "describe-key", "--key-id", "alias/k"); get(k, "KeyMetadata", "KeyState") != "Enabled" {
				t.Errorf("aws kms describe-key: %v", k)
			}
		},
		func() { a.cliFails("NotFoundException", "kms", "describe-key", "--key-id", "alias/none") },
		func() {
			if s := a.cli("sns", "get-topic-attributes", "--topic-arn", seeded.Topics[0]); get(s, "Attributes", "TopicArn") != seeded.Topics[0] {
				t.Errorf("aws sns get-topic-attributes: %v", s)
			}
		},
		func() {
			al := a.cli("cloudwatch", "describe-alarms", "--alarm-names", "p99-latency", "missing")
			if count(al, "MetricAlarms") != 1 || get(al, "MetricAlarms", 0, "AlarmName") != "p99-latency" {
				t.Errorf("aws cloudwatch describe-alarms: %v", al)
			}
		},
		func() {
			if s := a.cli("ec2", "describe-subnets", "--subnet-ids", "subnet-1"); get(s, "Subnets", 0, "SubnetId") != "subnet-1" {
				t.Errorf("aws ec2 describe-subnets: %v", s)
			}
		},
		func() { a.cliFails("InvalidGroup.NotFound", "ec2", "describe-security-groups", "--group-ids", "sg-9") },
		func() {
			l := a.cli("service-quotas", "list-aws-default-service-quotas", "--service-code", "sagemaker")
			quotas, _ := l["Quotas"].([]any)
			for _, q := range quotas {
				if m, _ := q.(map[string]any); m["QuotaName"] == "ml.m5.large for endpoint usage" {
					quotaCode, _ = m["QuotaCode"].(string)
				}
			}
			if quotaCode == "" {
				t.Errorf("aws service-quotas list-aws-default-service-quotas has no ml.m5.large quota in %d", len(quotas))
			}
		},
		func() {
			if err := a.runOK("sagemaker-runtime", "invoke-endpoint", "--endpoint-name", "ep", "--content-type", "application/json",
				"--cli-binary-format", "raw-in-base64-out", "--body", `{"x":1}`, out); err != "" {
				t.Error(err)
			}
			if b, _ := os.ReadFile(out); string(b) != `{"x":1}` {
				t.Errorf("aws sagemaker-runtime invoke-endpoint wrote %q", b)
			}
		},
	)
	if quotaCode != "" {
		if q := a.cli("service-quotas", "get-service-quota", "--service-code", "sagemaker", "--quota-code", quotaCode); get(q, "Quota", "Value") != 3.0 {
			t.Errorf("aws service-quotas get-service-quota: %v", q)
		}
	}
}

// runOK runs `aws SERVICE ARGS...` and returns "" or what went wrong.
func (a *awsCLI) runOK(service string, args ...string) string {
	a.t.Helper()
	_, errOut, code := a.runService(service, args...)
	if code != 0 {
		return "aws " + service + " " + strings.Join(args, " ") + ": " + errOut
	}
	return ""
}
