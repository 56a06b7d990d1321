package preflight

import "github.com/sagectl/sagectl/internal/finding"

// Rule describes one preflight rule for docs/preflight.md: what it checks, with which call
// and permission, and the source of the fact.
type Rule struct {
	ID         string
	Severity   finding.Severity
	Checks     string
	Permission string
	Source     string
}

// Rules are the preflight rules, in the order docs/preflight.md lists them.
var Rules = []Rule{
	{"preflight-role-exists", finding.Error, "ExecutionRoleArn names an IAM role that exists (a role of another account is noted, not checked)",
		"iam:GetRole", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html"},
	{"preflight-role-trust", finding.Error, "the role's trust policy allows sagemaker.amazonaws.com to sts:AssumeRole (conditions are not evaluated)",
		"iam:GetRole", "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"},
	{"preflight-image-exists", finding.Error, "each container image in Amazon ECR exists: repository, and tag (default latest) or digest, in the image's region; other registries are noted (info)",
		"ecr:DescribeImages", "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html"},
	{"preflight-model-artifact", finding.Error, "ModelDataUrl and ModelDataSource.S3DataSource.S3Uri: the object exists (HeadObject), or for S3Prefix and MultiModel at least one object under the prefix (ListObjectsV2)",
		"s3:GetObject, s3:ListBucket", "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html"},
	{"preflight-s3-bucket", finding.Error, "the buckets of artifacts, data capture, async outputs and core dumps exist and are in the plan's region",
		"s3:GetBucketLocation", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html"},
	{"preflight-kms-key", finding.Error, "every KmsKeyId (key, alias or ARN) exists, is Enabled, and is a symmetric encryption key",
		"kms:DescribeKey", "https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html"},
	{"preflight-alarm-exists", finding.Error, "each AutoRollbackConfiguration alarm exists (metric or composite alarm)",
		"cloudwatch:DescribeAlarms", "https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html"},
	{"preflight-sns-topic", finding.Error, "the async inference SuccessTopic and ErrorTopic exist",
		"sns:GetTopicAttributes", "https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html"},
	{"preflight-vpc", finding.Error, "each VpcConfig subnet and security group exists in the plan's region",
		"ec2:DescribeSubnets, ec2:DescribeSecurityGroups", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html"},
	{"preflight-instance-quota", finding.Error, "per instance type, the peak count the deployment needs (new endpoints; updates: old fleet + new fleet for blue/green, old fleet + one batch for rolling; resizes: the raised counts), plus what the account's other endpoints run, is within the quota \"<type> for endpoint usage\" (applied value, else the default)",
		"servicequotas:ListAWSDefaultServiceQuotas, servicequotas:GetServiceQuota, sagemaker:ListEndpoints, sagemaker:DescribeEndpoint, sagemaker:DescribeEndpointConfig",
		"https://docs.aws.amazon.com/sagemaker/latest/dg/regions-quotas.html"},
	{"preflight-not-checked", finding.Warning, "a check could not be made: access denied (the message names the missing permission), throttled after the SDK's retries, or another failure",
		"", "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"},
}
