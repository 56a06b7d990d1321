package emulator_test

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemakerruntime"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"

	"github.com/sagectl/sagectl/internal/emulator"
)

// sdkConfig is an SDK configuration for the emulator at u, without retries.
func sdkConfig(u string) aws.Config {
	return aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }, BaseEndpoint: aws.String(u)}
}

// wantCode asserts err is an API error with code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Errorf("%s: got %v, want %s", what, err, code)
	}
}

// seeded is the world the world tests share.
var seeded = emulator.World{
	Roles:          map[string]string{"sm": "", "ec2-only": `{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`},
	Images:         map[string][]string{"repo": {"v1"}},
	Objects:        map[string][]string{"bucket": {"models/model.tar.gz"}},
	BucketRegions:  map[string]string{"bucket": "eu-west-1"},
	Keys:           map[string]emulator.Key{"alias/k": {}, "off": {State: "Disabled"}},
	Alarms:         []string{"p99-latency"},
	Topics:         []string{"arn:aws:sns:us-east-1:123456789012:done"},
	Subnets:        []string{"subnet-1"},
	SecurityGroups: []string{"sg-1"},
	Quotas:         map[string]float64{"ml.m5.large": 3},
}

// TestWorldThroughTheSDK reads every seeded service with its SDK client: what is seeded is
// there, what is not is the service's own not-found error.
func TestWorldThroughTheSDK(t *testing.T) {
	e := newEnv(t)
	e.srv.Seed(seeded)
	ctx, cfg := context.Background(), sdkConfig(e.srv.URL())

	ic := iam.NewFromConfig(cfg)
	role, err := ic.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("sm")})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := url.QueryUnescape(aws.ToString(role.Role.AssumeRolePolicyDocument))
	if !strings.Contains(doc, "sagemaker.amazonaws.com") || aws.ToString(role.Role.Arn) != "arn:aws:iam::123456789012:role/sm" {
		t.Errorf("GetRole = %s %s", aws.ToString(role.Role.Arn), doc)
	}
	_, err = ic.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("nope")})
	wantCode(t, "GetRole nope", err, "NoSuchEntity")

	ec := ecr.NewFromConfig(cfg)
	imgs, err := ec.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("repo"), ImageIds: []ecrtypes.ImageIdentifier{{ImageTag: aws.String("v1")}}})
	if err != nil || len(imgs.ImageDetails) != 1 || imgs.ImageDetails[0].ImagePushedAt == nil {
		t.Errorf("DescribeImages repo:v1 = %+v, %v", imgs, err)
	}
	_, err = ec.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("repo"), ImageIds: []ecrtypes.ImageIdentifier{{ImageTag: aws.String("v2")}}})
	wantCode(t, "DescribeImages repo:v2", err, "ImageNotFoundException")
	_, err = ec.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("other")})
	wantCode(t, "DescribeImages other", err, "RepositoryNotFoundException")

	sc := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	loc, err := sc.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("bucket")})
	if err != nil || loc.LocationConstraint != "eu-west-1" {
		t.Errorf("GetBucketLocation = %+v, %v", loc, err)
	}
	if _, err := sc.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bucket"), Key: aws.String("models/model.tar.gz")}); err != nil {
		t.Errorf("HeadObject: %v", err)
	}
	_, err = sc.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bucket"), Key: aws.String("models/missing")})
	wantCode(t, "HeadObject missing", err, "NotFound")
	list, err := sc.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bucket"), Prefix: aws.String("models/"), MaxKeys: aws.Int32(1)})
	if err != nil || len(list.Contents) != 1 {
		t.Errorf("ListObjectsV2 = %+v, %v", list, err)
	}
	_, err = sc.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("nobucket")})
	wantCode(t, "GetBucketLocation nobucket", err, "NoSuchBucket")

	kc := kms.NewFromConfig(cfg)
	k, err := kc.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("arn:aws:kms:us-east-1:123456789012:alias/k")})
	if err != nil || !k.KeyMetadata.Enabled || k.KeyMetadata.KeySpec != "SYMMETRIC_DEFAULT" {
		t.Errorf("DescribeKey alias/k = %+v, %v", k, err)
	}
	k, err = kc.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("off")})
	if err != nil || k.KeyMetadata.Enabled || k.KeyMetadata.KeyState != "Disabled" {
		t.Errorf("DescribeKey off = %+v, %v", k, err)
	}
	_, err = kc.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/none")})
	wantCode(t, "DescribeKey alias/none", err, "NotFoundException")

	_, err = sns.NewFromConfig(cfg).GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String("arn:aws:sns:us-east-1:123456789012:nope")})
	wantCode(t, "GetTopicAttributes nope", err, "NotFound")
	if _, err := sns.NewFromConfig(cfg).GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(seeded.Topics[0])}); err != nil {
		t.Errorf("GetTopicAttributes: %v", err)
	}

	xc := ec2.NewFromConfig(cfg)
	subs, err := xc.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{"subnet-1"}})
	if err != nil || len(subs.Subnets) != 1 || aws.ToString(subs.Subnets[0].SubnetId) != "subnet-1" {
		t.Errorf("DescribeSubnets = %+v, %v", subs, err)
	}
	_, err = xc.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-2"}})
	wantCode(t, "DescribeSecurityGroups sg-2", err, "InvalidGroup.NotFound")

	qc := servicequotas.NewFromConfig(cfg)
	var code string
	p := servicequotas.NewListAWSDefaultServiceQuotasPaginator(qc, &servicequotas.ListAWSDefaultServiceQuotasInput{ServiceCode: aws.String("sagemaker")})
	pages := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, q := range page.Quotas {
			if aws.ToString(q.QuotaName) == "ml.m5.large for endpoint usage" {
				code = aws.ToString(q.QuotaCode)
			}
		}
	}
	if code == "" || pages < 2 {
		t.Fatalf("ListAWSDefaultServiceQuotas: no ml.m5.large quota in %d pages", pages)
	}
	q, err := qc.GetServiceQuota(ctx, &servicequotas.GetServiceQuotaInput{ServiceCode: aws.String("sagemaker"), QuotaCode: aws.String(code)})
	if err != nil || aws.ToFloat64(q.Quota.Value) != 3 {
		t.Errorf("GetServiceQuota = %+v, %v", q, err)
	}
}

// TestInvokeEndpoint: an InService endpoint echoes, answers its seeded invocation, and
// fails with a ModelError under the invoke-error fault; a missing one is a ValidationError.
func TestInvokeEndpoint(t *testing.T) {
	e := newEnv(t)
	e.createServing(t, "ep")
	rc := sagemakerruntime.NewFromConfig(sdkConfig(e.srv.URL()))
	ctx := context.Background()
	out, err := rc.InvokeEndpoint(ctx, &sagemakerruntime.InvokeEndpointInput{EndpointName: aws.String("ep"), ContentType: aws.String("application/json"), Body: []byte(`{"x":1}`)})
	if err != nil || string(out.Body) != `{"x":1}` || aws.ToString(out.ContentType) != "application/json" {
		t.Fatalf("InvokeEndpoint echo = %+v, %v", out, err)
	}
	e.srv.Seed(emulator.World{Invocations: map[string]emulator.Invocation{"ep": {Body: `{"score":0.9}`}}})
	out, err = rc.InvokeEndpoint(ctx, &sagemakerruntime.InvokeEndpointInput{EndpointName: aws.String("ep"), Body: []byte(`{}`)})
	if err != nil || string(out.Body) != `{"score":0.9}` {
		t.Fatalf("InvokeEndpoint seeded = %s, %v", out.Body, err)
	}
	install, err := emulator.ParseFault("invoke-error:endpoint=ep,status=503,times=1")
	if err != nil {
		t.Fatal(err)
	}
	install(e.srv)
	_, err = rc.InvokeEndpoint(ctx, &sagemakerruntime.InvokeEndpointInput{EndpointName: aws.String("ep"), Body: []byte(`{}`)})
	wantCode(t, "InvokeEndpoint under invoke-error", err, "ModelError")
	if _, err := rc.InvokeEndpoint(ctx, &sagemakerruntime.InvokeEndpointInput{EndpointName: aws.String("ep"), Body: []byte(`{}`)}); err != nil {
		t.Errorf("invoke-error times=1 fired again: %v", err)
	}
	_, err = rc.InvokeEndpoint(ctx, &sagemakerruntime.InvokeEndpointInput{EndpointName: aws.String("none"), Body: []byte(`{}`)})
	wantCode(t, "InvokeEndpoint none", err, "ValidationError")
}

// createServing creates model m, config c and endpoint name, and lets it reach InService.
func (e *env) createServing(t *testing.T, name string) {
	t.Helper()
	e.model(t, "m")
	e.config(t, "c", "m")
	if _, err := e.client.CreateEndpoint(e.ctx, &sagemaker.CreateEndpointInput{EndpointName: aws.String(name), EndpointConfigName: aws.String("c")}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(2 * time.Minute)
}

// TestWorldIsSavedInTheStateFile: a seeded world survives a restart from the state file.
func TestWorldIsSavedInTheStateFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	srv, err := emulator.Start(emulator.Options{StateFile: file})
	if err != nil {
		t.Fatal(err)
	}
	srv.Seed(seeded)
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	srv, err = emulator.Start(emulator.Options{StateFile: file})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ic := iam.NewFromConfig(sdkConfig(srv.URL()))
	_, err = ic.GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("ec2-only")})
	if err != nil {
		t.Fatalf("a seeded role is gone after the restart: %v", err)
	}
	_, err = ic.GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String("other")})
	wantCode(t, "GetRole other after the restart", err, "NoSuchEntity")
}

func TestParseQuota(t *testing.T) {
	if ty, n, err := emulator.ParseQuota("ml.g5.xlarge=2"); err != nil || ty != "ml.g5.xlarge" || n != 2 {
		t.Errorf("ParseQuota(ml.g5.xlarge=2) = %s %g %v", ty, n, err)
	}
	for _, bad := range []string{"ml.g5.xlarge", "g5=2", "ml.g5.xlarge=-1", "ml.g5.xlarge=x"} {
		if _, _, err := emulator.ParseQuota(bad); err == nil || !strings.Contains(err.Error(), "INSTANCE_TYPE=COUNT") {
			t.Errorf("ParseQuota(%q) = %v, want a usage error", bad, err)
		}
	}
}

// TestUnseededBucketIsInTheCallersRegion: a bucket the world does not place is in the
// region the request is signed for, so an unseeded emulator passes preflight's bucket-region
// check in any region (the README walkthrough runs in eu-west-1 against a us-east-1 emulator).
func TestUnseededBucketIsInTheCallersRegion(t *testing.T) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := sdkConfig(srv.URL())
	cfg.Region = "eu-west-1"
	sc := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	loc, err := sc.GetBucketLocation(t.Context(), &s3.GetBucketLocationInput{Bucket: aws.String("acme-models")})
	if err != nil || loc.LocationConstraint != "eu-west-1" {
		t.Errorf("GetBucketLocation = %+v, %v, want eu-west-1", loc, err)
	}
}
