package preflight

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/smithy-go"
	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/plan/live"
)

func TestHealthyAccountHasNoFindings(t *testing.T) {
	f := healthy()
	pf := check(t, base, f)
	if !pf.Ran || len(pf.Findings) != 0 {
		t.Fatalf("findings in a healthy account: %v", pf.Findings)
	}
	if len(pf.Capacity) != 1 || pf.Capacity[0].Peak != 2 || pf.Capacity[0].Quota != 4 || pf.Capacity[0].QuotaSource != "default" {
		t.Fatalf("capacity = %+v, want 2 ml.m5.large against the default quota 4", pf.Capacity)
	}
	for _, op := range []string{"GetRole", "DescribeImages", "GetBucketLocation", "HeadObject", "DescribeKey", "DescribeSubnets", "DescribeSecurityGroups", "GetServiceQuota"} {
		if f.calls[op] != 1 {
			t.Errorf("%s called %d times, want 1", op, f.calls[op])
		}
	}
}

func TestFailedChecksAreFindingsAtTheManifestLine(t *testing.T) {
	for _, c := range []struct {
		name      string
		break_    func(*fakeAWS)
		rule      string
		line, col int
		msg       string
	}{
		{"role missing", func(f *fakeAWS) { delete(f.roles, "sm") }, "preflight-role-exists", 3, 19, "does not exist"},
		{"role trusts another service", func(f *fakeAWS) {
			f.roles["sm"] = strings.ReplaceAll(trustSageMaker, "sagemaker", "ec2")
		}, "preflight-role-trust", 3, 19, "cannot be assumed by SageMaker"},
		{"role trust is a deny", func(f *fakeAWS) { f.roles["sm"] = strings.ReplaceAll(trustSageMaker, "Allow", "Deny") }, "preflight-role-trust", 3, 19, "sts:AssumeRole"},
		{"tag missing", func(f *fakeAWS) { delete(f.images, "repo:v1") }, "preflight-image-exists", 5, 10, "repo:v1 does not exist"},
		{"repository missing", func(f *fakeAWS) { delete(f.repos, "repo") }, "preflight-image-exists", 5, 10, "repository repo does not exist"},
		{"artifact missing", func(f *fakeAWS) { delete(f.objects, "bucket/model.tar.gz") }, "preflight-model-artifact", 6, 17, "does not exist"},
		{"bucket missing", func(f *fakeAWS) { delete(f.buckets, "bucket") }, "preflight-s3-bucket", 6, 17, "bucket bucket does not exist"},
		{"bucket in another region", func(f *fakeAWS) { f.buckets["bucket"] = "EU" }, "preflight-s3-bucket", 6, 17, "is in eu-west-1, not us-east-1"},
		{"subnet missing", func(f *fakeAWS) { delete(f.subnets, "subnet-1") }, "preflight-vpc", 8, 13, "subnet subnet-1 does not exist"},
		{"security group missing", func(f *fakeAWS) { delete(f.groups, "sg-1") }, "preflight-vpc", 9, 22, "security group sg-1"},
		{"key missing", func(f *fakeAWS) { delete(f.keys, "alias/k") }, "preflight-kms-key", 13, 11, "does not exist"},
		{"key disabled", func(f *fakeAWS) {
			m := f.keys["alias/k"]
			m.KeyState = kmstypes.KeyStateDisabled
			f.keys["alias/k"] = m
		}, "preflight-kms-key", 13, 11, "is Disabled, not Enabled"},
		{"key asymmetric", func(f *fakeAWS) {
			m := f.keys["alias/k"]
			m.KeySpec, m.KeyUsage = kmstypes.KeySpecRsa2048, kmstypes.KeyUsageTypeSignVerify
			f.keys["alias/k"] = m
		}, "preflight-kms-key", 13, 11, "not a symmetric encryption key"},
		{"default quota too low", func(f *fakeAWS) { f.defaults["ml.m5.large for endpoint usage"] = 1 }, "preflight-instance-quota", 17, 19, "needs 2 ml.m5.large at its peak"},
		{"applied quota too low", func(f *fakeAWS) { f.applied["L-ml.m5.large for endpoint usage"] = 0 }, "preflight-instance-quota", 17, 19, "is 0 (applied)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := healthy()
			c.break_(f)
			got := want(t, check(t, base, f), c.rule, c.line, c.col, c.msg)
			if got.Severity != finding.Error || got.Level != "error" || got.Hint == "" {
				t.Errorf("%s: want an error with a hint, got %+v", c.name, got)
			}
		})
	}
}

func TestAccessDeniedIsAWarningNamingThePermission(t *testing.T) {
	for op, perm := range map[string]string{"GetRole": "iam:GetRole", "DescribeImages": "ecr:DescribeImages", "HeadObject": "s3:GetObject",
		"GetBucketLocation": "s3:GetBucketLocation", "DescribeKey": "kms:DescribeKey", "DescribeSubnets": "ec2:DescribeSubnets",
		"GetServiceQuota": "servicequotas:GetServiceQuota", "ListAWSDefaultServiceQuotas": "servicequotas:ListAWSDefaultServiceQuotas"} {
		f := healthy()
		code := "AccessDeniedException"
		if op == "DescribeSubnets" {
			code = "UnauthorizedOperation"
		}
		f.errs = map[string]error{op: apiErr(code)}
		pf := check(t, base, f)
		fs := only(t, pf, "preflight-not-checked")
		if len(fs) != 1 || fs[0].Severity != finding.Warning || !strings.Contains(fs[0].Message, "lacks "+perm) || pf.Errors() != 0 {
			t.Errorf("%s denied: want one warning naming %s, got %v", op, perm, pf.Findings)
		}
	}
}

func TestThrottledCheckIsAWarning(t *testing.T) {
	f := healthy()
	f.errs = map[string]error{"DescribeImages": apiErr("ThrottlingException")}
	f2 := healthy()
	f2.errs = map[string]error{"DescribeKey": errors.New("connection reset")}
	for _, pf := range []struct {
		f    *fakeAWS
		want string
	}{{f, "throttled"}, {f2, "kms:DescribeKey failed: connection reset"}} {
		got := only(t, check(t, base, pf.f), "preflight-not-checked")
		if len(got) != 1 || !strings.Contains(got[0].Message, pf.want) {
			t.Errorf("want one warning containing %q, got %v", pf.want, got)
		}
	}
}

func TestOneCheckPerResourceAFindingPerUse(t *testing.T) {
	yaml := strings.Replace(base, "---\nkind: EndpointConfig", `---
kind: Model
ModelName: m2
ExecutionRoleArn: arn:aws:iam::123456789012:role/sm
PrimaryContainer:
  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:v1
---
kind: EndpointConfig`, 1)
	f := healthy()
	delete(f.roles, "sm")
	fs := only(t, check(t, yaml, f), "preflight-role-exists")
	if len(fs) != 2 || f.calls["GetRole"] != 1 || f.calls["DescribeImages"] != 1 {
		t.Fatalf("want 2 findings from one GetRole and one DescribeImages, got %v, calls %v", fs, f.calls)
	}
}

func TestImagesOutsideECRAndRolesOfOtherAccountsAreNoted(t *testing.T) {
	yaml := strings.NewReplacer("123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:v1", "ghcr.io/me/model:1",
		"arn:aws:iam::123456789012:role/sm", "arn:aws:iam::210987654321:role/sm").Replace(base)
	f := healthy()
	pf := check(t, yaml, f)
	if pf.Errors() != 0 || len(pf.Findings) != 2 || f.calls["DescribeImages"]+f.calls["GetRole"] != 0 {
		t.Fatalf("want two info notes and no ECR or IAM call, got %v, calls %v", pf.Findings, f.calls)
	}
	for _, x := range pf.Findings {
		if x.Severity != finding.Info || !strings.Contains(x.Message, "not checked") {
			t.Errorf("want an info note, got %s", x.Finding)
		}
	}
}

func TestParseECR(t *testing.T) {
	for image, want := range map[string]string{
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/model:v2":                           "eu-west-1 team/model :v2",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/model":                                   "us-east-1 model :latest",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/model@sha256:" + strings.Repeat("a", 64): "us-east-1 model @sha256:" + strings.Repeat("a", 64),
		"763104351884.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch:2.1":                         "cn-north-1 pytorch :2.1",
		"docker.io/library/python:3":                                                           "",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/model:":                                  "",
	} {
		img, isECR := parseECR(image)
		got := ""
		if isECR {
			got = img.region + " " + img.repo + " " + img.ref
		}
		if got != want {
			t.Errorf("parseECR(%q) = %q, want %q", image, got, want)
		}
	}
}

func TestTrustPolicyForms(t *testing.T) {
	for doc, trusted := range map[string]bool{
		trustSageMaker: true,
		`{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","sagemaker.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"]}}`: true,
		`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:*"}]}`:                                                                                   true,
		`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`:                                     false,
		`{"Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:TagSession"}]}`:                                        false,
		`not json`: false,
		``:         false,
	} {
		if got := trusts(doc) == ""; got != trusted {
			t.Errorf("trusts(%s) = %v, want %v (%s)", doc, got, trusted, trusts(doc))
		}
	}
}

func TestBlueGreenUpdateNeedsBothFleets(t *testing.T) {
	dir := t.TempDir()
	writeLive(t, dir)
	r, err := live.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := healthy()
	f.endpoints = map[string]*sagemaker.DescribeEndpointOutput{"e": {EndpointConfigName: aws.String("old"),
		ProductionVariants: []smtypes.ProductionVariantSummary{{VariantName: aws.String("main"), CurrentInstanceCount: aws.Int32(3)}}}}
	f.configs = map[string]*sagemaker.DescribeEndpointConfigOutput{"old": {ProductionVariants: []smtypes.ProductionVariant{
		{VariantName: aws.String("main"), InstanceType: smtypes.ProductionVariantInstanceTypeMlM5Large, InitialInstanceCount: aws.Int32(1)}}}}
	pf := checkAgainst(t, base, f, r)
	want(t, pf, "preflight-instance-quota", 17, 19, "needs 5 ml.m5.large at its peak (endpoint e: 3 old + 2 new (blue/green))")

	rolling := base + `DeploymentConfig:
  RollingUpdatePolicy:
    MaximumBatchSize: {Type: INSTANCE_COUNT, Value: 1}
    WaitIntervalInSeconds: 60
`
	pf = checkAgainst(t, rolling, f, r)
	if len(pf.Findings) != 0 || pf.Capacity[0].Peak != 4 {
		t.Fatalf("rolling update of 3 by batches of 1: want peak 4 within quota 4, got %+v %v", pf.Capacity, pf.Findings)
	}
}

// writeLive saves a live endpoint e, sagectl's, on config "old" (one ml.m5.large, three running).
func writeLive(t *testing.T, dir string) {
	t.Helper()
	const ep = `{"EndpointName": "e", "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e", "EndpointConfigName": "old",
 "EndpointStatus": "InService", "ProductionVariants": [{"VariantName": "main", "CurrentInstanceCount": 3}],
 "Tags": [{"Key": "sagectl:managed-by", "Value": "sagectl"}, {"Key": "sagectl:logical-id", "Value": "e"}]}`
	if err := os.WriteFile(filepath.Join(dir, "e.json"), []byte(ep), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestNotCheckedUnreadableAnswer: an answer the SDK cannot decode (an --endpoint-url that
// does not speak the service's protocol) is a plain not-checked warning, not the
// decoder's raw message.
func TestNotCheckedUnreadableAnswer(t *testing.T) {
	err := fmt.Errorf("operation error CloudWatch: DescribeAlarms: %w", &smithy.DeserializationError{Err: errors.New("slice len 2476803273935316258 greater than remaining buf len")})
	r := notChecked("alarm a", "cloudwatch:DescribeAlarms", err)
	if r.sev != finding.Warning || !strings.Contains(r.msg, "could not be read") || strings.Contains(r.msg, "slice len") {
		t.Errorf("result = %+v", r)
	}
}
