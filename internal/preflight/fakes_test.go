package preflight

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/aws-sdk-go-v2/service/servicequotas"
	sqtypes "github.com/aws/aws-sdk-go-v2/service/servicequotas/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/smithy-go"
	"github.com/sagectl/sagectl/internal/manifest"
	"github.com/sagectl/sagectl/internal/plan"
	"github.com/sagectl/sagectl/internal/plan/live"
)

// fakeAWS answers every preflight call from its maps; errs[operation] fails that operation.
type fakeAWS struct {
	roles     map[string]string // name → trust policy (plain JSON; URL-encoded when served)
	images    map[string]bool   // "repo:tag" or "repo@digest"
	repos     map[string]bool
	buckets   map[string]string // bucket → LocationConstraint
	objects   map[string]bool   // "bucket/key"
	keys      map[string]kmstypes.KeyMetadata
	alarms    map[string]bool
	topics    map[string]bool
	subnets   map[string]bool
	groups    map[string]bool
	applied   map[string]float64 // quota code → applied value
	defaults  map[string]float64 // quota name → default value (code "L-" + name)
	endpoints map[string]*sagemaker.DescribeEndpointOutput
	configs   map[string]*sagemaker.DescribeEndpointConfigOutput
	errs      map[string]error
	mu        sync.Mutex // guards calls: checks run concurrently
	calls     map[string]int
}

func apiErr(code string) error { return &smithy.GenericAPIError{Code: code, Message: code} }

func (f *fakeAWS) call(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[op]++
	return f.errs[op]
}

func (f *fakeAWS) GetRole(_ context.Context, in *iam.GetRoleInput, _ ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	if err := f.call("GetRole"); err != nil {
		return nil, err
	}
	doc, found := f.roles[*in.RoleName]
	if !found {
		return nil, apiErr("NoSuchEntity")
	}
	return &iam.GetRoleOutput{Role: &iamtypes.Role{RoleName: in.RoleName, AssumeRolePolicyDocument: aws.String(url.QueryEscape(doc))}}, nil
}

func (f *fakeAWS) DescribeImages(_ context.Context, in *ecr.DescribeImagesInput, _ ...func(*ecr.Options)) (*ecr.DescribeImagesOutput, error) {
	if err := f.call("DescribeImages"); err != nil {
		return nil, err
	}
	if !f.repos[*in.RepositoryName] {
		return nil, apiErr("RepositoryNotFoundException")
	}
	id := in.ImageIds[0]
	ref := *in.RepositoryName + ":" + aws.ToString(id.ImageTag)
	if id.ImageDigest != nil {
		ref = *in.RepositoryName + "@" + *id.ImageDigest
	}
	if !f.images[ref] {
		return nil, apiErr("ImageNotFoundException")
	}
	return &ecr.DescribeImagesOutput{}, nil
}

func (f *fakeAWS) GetBucketLocation(_ context.Context, in *s3.GetBucketLocationInput, _ ...func(*s3.Options)) (*s3.GetBucketLocationOutput, error) {
	if err := f.call("GetBucketLocation"); err != nil {
		return nil, err
	}
	loc, found := f.buckets[*in.Bucket]
	if !found {
		return nil, apiErr("NoSuchBucket")
	}
	return &s3.GetBucketLocationOutput{LocationConstraint: s3types.BucketLocationConstraint(loc)}, nil
}

func (f *fakeAWS) HeadObject(_ context.Context, in *s3.HeadObjectInput, _ ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	if err := f.call("HeadObject"); err != nil {
		return nil, err
	}
	if !f.objects[*in.Bucket+"/"+*in.Key] {
		return nil, apiErr("NotFound")
	}
	return &s3.HeadObjectOutput{}, nil
}

func (f *fakeAWS) ListObjectsV2(_ context.Context, in *s3.ListObjectsV2Input, _ ...func(*s3.Options)) (*s3.ListObjectsV2Output, error) {
	if err := f.call("ListObjectsV2"); err != nil {
		return nil, err
	}
	out := &s3.ListObjectsV2Output{}
	for o := range f.objects {
		if strings.HasPrefix(o, *in.Bucket+"/"+*in.Prefix) {
			out.Contents = append(out.Contents, s3types.Object{Key: aws.String(o)})
		}
	}
	return out, nil
}

func (f *fakeAWS) DescribeKey(_ context.Context, in *kms.DescribeKeyInput, _ ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	if err := f.call("DescribeKey"); err != nil {
		return nil, err
	}
	m, found := f.keys[*in.KeyId]
	if !found {
		return nil, apiErr("NotFoundException")
	}
	return &kms.DescribeKeyOutput{KeyMetadata: &m}, nil
}

func (f *fakeAWS) DescribeAlarms(_ context.Context, in *cloudwatch.DescribeAlarmsInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.DescribeAlarmsOutput, error) {
	if err := f.call("DescribeAlarms"); err != nil {
		return nil, err
	}
	out := &cloudwatch.DescribeAlarmsOutput{}
	for _, n := range in.AlarmNames {
		if f.alarms[n] {
			out.MetricAlarms = append(out.MetricAlarms, cwtypes.MetricAlarm{AlarmName: aws.String(n)})
		}
	}
	return out, nil
}

func (f *fakeAWS) GetTopicAttributes(_ context.Context, in *sns.GetTopicAttributesInput, _ ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	if err := f.call("GetTopicAttributes"); err != nil {
		return nil, err
	}
	if !f.topics[*in.TopicArn] {
		return nil, apiErr("NotFound")
	}
	return &sns.GetTopicAttributesOutput{}, nil
}

func (f *fakeAWS) DescribeSubnets(_ context.Context, in *ec2.DescribeSubnetsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	if err := f.call("DescribeSubnets"); err != nil {
		return nil, err
	}
	if !f.subnets[in.SubnetIds[0]] {
		return nil, apiErr("InvalidSubnetID.NotFound")
	}
	return &ec2.DescribeSubnetsOutput{}, nil
}

func (f *fakeAWS) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	if err := f.call("DescribeSecurityGroups"); err != nil {
		return nil, err
	}
	if !f.groups[in.GroupIds[0]] {
		return nil, apiErr("InvalidGroup.NotFound")
	}
	return &ec2.DescribeSecurityGroupsOutput{}, nil
}

func (f *fakeAWS) ListAWSDefaultServiceQuotas(_ context.Context, in *servicequotas.ListAWSDefaultServiceQuotasInput, _ ...func(*servicequotas.Options)) (*servicequotas.ListAWSDefaultServiceQuotasOutput, error) {
	if err := f.call("ListAWSDefaultServiceQuotas"); err != nil {
		return nil, err
	}
	out := &servicequotas.ListAWSDefaultServiceQuotasOutput{}
	for name, v := range f.defaults {
		out.Quotas = append(out.Quotas, sqtypes.ServiceQuota{QuotaName: aws.String(name), QuotaCode: aws.String("L-" + name), Value: aws.Float64(v)})
	}
	return out, nil
}

func (f *fakeAWS) GetServiceQuota(_ context.Context, in *servicequotas.GetServiceQuotaInput, _ ...func(*servicequotas.Options)) (*servicequotas.GetServiceQuotaOutput, error) {
	if err := f.call("GetServiceQuota"); err != nil {
		return nil, err
	}
	v, found := f.applied[*in.QuotaCode]
	if !found {
		return nil, apiErr("NoSuchResourceException")
	}
	return &servicequotas.GetServiceQuotaOutput{Quota: &sqtypes.ServiceQuota{Value: aws.Float64(v)}}, nil
}

func (f *fakeAWS) DescribeEndpoint(_ context.Context, in *sagemaker.DescribeEndpointInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointOutput, error) {
	if err := f.call("DescribeEndpoint"); err != nil {
		return nil, err
	}
	if out := f.endpoints[*in.EndpointName]; out != nil {
		return out, nil
	}
	return nil, apiErr("ValidationException")
}

func (f *fakeAWS) DescribeEndpointConfig(_ context.Context, in *sagemaker.DescribeEndpointConfigInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeEndpointConfigOutput, error) {
	if err := f.call("DescribeEndpointConfig"); err != nil {
		return nil, err
	}
	if out := f.configs[*in.EndpointConfigName]; out != nil {
		return out, nil
	}
	return nil, apiErr("ValidationException")
}

func (f *fakeAWS) ListEndpoints(_ context.Context, _ *sagemaker.ListEndpointsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListEndpointsOutput, error) {
	if err := f.call("ListEndpoints"); err != nil {
		return nil, err
	}
	out := &sagemaker.ListEndpointsOutput{}
	for _, name := range slices.Sorted(maps.Keys(f.endpoints)) {
		out.Endpoints = append(out.Endpoints, smtypes.EndpointSummary{EndpointName: aws.String(name), EndpointStatus: f.endpoints[name].EndpointStatus})
	}
	return out, nil
}

// clients returns f as every client.
func (f *fakeAWS) clients() Clients {
	return Clients{IAM: f, ECR: func(string) ECR { return f }, S3: f, KMS: f, CloudWatch: f, SNS: f, EC2: f, Quotas: f, SageMaker: f}
}

const trustSageMaker = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// healthy is an account where everything the base manifests name exists.
func healthy() *fakeAWS {
	return &fakeAWS{
		roles:    map[string]string{"sm": trustSageMaker},
		repos:    map[string]bool{"repo": true},
		images:   map[string]bool{"repo:v1": true},
		buckets:  map[string]string{"bucket": ""},
		objects:  map[string]bool{"bucket/model.tar.gz": true},
		keys:     map[string]kmstypes.KeyMetadata{"alias/k": {KeyState: kmstypes.KeyStateEnabled, KeySpec: kmstypes.KeySpecSymmetricDefault, KeyUsage: kmstypes.KeyUsageTypeEncryptDecrypt}},
		alarms:   map[string]bool{"errors": true},
		topics:   map[string]bool{},
		subnets:  map[string]bool{"subnet-1": true},
		groups:   map[string]bool{"sg-1": true},
		defaults: map[string]float64{"ml.m5.large for endpoint usage": 4},
		applied:  map[string]float64{},
	}
}

// base is a model, config and endpoint naming the resources healthy() has.
const base = `kind: Model
ModelName: m
ExecutionRoleArn: arn:aws:iam::123456789012:role/sm
PrimaryContainer:
  Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:v1
  ModelDataUrl: s3://bucket/model.tar.gz
VpcConfig:
  Subnets: [subnet-1]
  SecurityGroupIds: [sg-1]
---
kind: EndpointConfig
EndpointConfigName: c
KmsKeyId: alias/k
ProductionVariants:
  - VariantName: main
    ModelName: m
    InstanceType: ml.m5.large
    InitialInstanceCount: 2
---
kind: Endpoint
EndpointName: e
EndpointConfigName: c
`

// check plans yaml against an empty account (everything is created) and runs preflight.
func check(t *testing.T, yaml string, f *fakeAWS) *plan.Preflight {
	t.Helper()
	return checkAgainst(t, yaml, f, &live.Dir{})
}

func checkAgainst(t *testing.T, yaml string, f *fakeAWS, r live.Reader) *plan.Preflight {
	t.Helper()
	return Run(context.Background(), f.clients(), input(t, yaml, r))
}

// input plans yaml against r for a preflight in us-east-1 of account 123456789012.
func input(t *testing.T, yaml string, r live.Reader) Input {
	t.Helper()
	p, set := planOf(t, yaml, r)
	return Input{Calls: FromPlan(p, set), Region: "us-east-1", Account: "123456789012"}
}

// planOf plans yaml (file m.yaml) against r.
func planOf(t testing.TB, yaml string, r live.Reader) (*plan.Plan, *manifest.Set) {
	t.Helper()
	_, docs, fs := manifest.Parse("m.yaml", []byte(yaml))
	if len(fs) > 0 {
		t.Fatalf("parse: %v", fs)
	}
	set := &manifest.Set{Docs: docs}
	p, err := plan.Build(context.Background(), set, r, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, set
}

// only returns the findings of rule, failing when there is any finding of another rule.
func only(t *testing.T, pf *plan.Preflight, rule string) []plan.PreflightFinding {
	t.Helper()
	var out []plan.PreflightFinding
	for _, f := range pf.Findings {
		if f.Rule != rule {
			t.Errorf("unexpected finding %s", f.Finding)
			continue
		}
		out = append(out, f)
	}
	return out
}

// want asserts exactly one finding of rule at line:col whose message contains msg.
func want(t *testing.T, pf *plan.Preflight, rule string, line, col int, msg string) plan.PreflightFinding {
	t.Helper()
	fs := only(t, pf, rule)
	if len(fs) != 1 {
		t.Fatalf("want one %s finding, got %v", rule, pf.Findings)
	}
	f := fs[0]
	if f.Line != line || f.Col != col || !strings.Contains(f.Message, msg) || f.File != "m.yaml" {
		t.Fatalf("got %s, want m.yaml:%d:%d containing %q", f.Finding, line, col, msg)
	}
	return f
}
