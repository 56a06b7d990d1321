package preflight

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/sagectl/sagectl/internal/manifest"
)

// EC2 is the EC2 calls the VPC check makes.
type EC2 interface {
	DescribeSubnets(context.Context, *ec2.DescribeSubnetsInput, ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error)
	DescribeSecurityGroups(context.Context, *ec2.DescribeSecurityGroupsInput, ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
}

// vpc checks that a model's subnets and security groups exist in the plan's region
// (error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
func (r *run) vpc(doc *manifest.Document, subnets, groups []string) {
	if r.c.EC2 == nil {
		return
	}
	for i, id := range subnets {
		r.once(doc, pointer("VpcConfig", "Subnets", i), "subnet "+id, func() result {
			_, err := r.c.EC2.DescribeSubnets(r.ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{id}})
			return vpcResult(err, "subnet", id, r.in.Region, "ec2:DescribeSubnets")
		})
	}
	for i, id := range groups {
		r.once(doc, pointer("VpcConfig", "SecurityGroupIds", i), "security group "+id, func() result {
			_, err := r.c.EC2.DescribeSecurityGroups(r.ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
			return vpcResult(err, "security group", id, r.in.Region, "ec2:DescribeSecurityGroups")
		})
	}
}

// vpcResult judges a describe call's error: InvalidSubnetID.NotFound, InvalidGroup.NotFound
// and the .Malformed codes mean the resource is not there.
func vpcResult(err error, what, id, region, permission string) result {
	c := code(err)
	switch {
	case err == nil:
		return ok
	case strings.HasSuffix(c, ".NotFound") || strings.HasSuffix(c, ".Malformed"):
		return problem("preflight-vpc", "name a "+what+" of the VPC in "+region, "%s %s does not exist in %s (%s): the endpoint's instances could not join the VPC", what, id, region, c)
	}
	return notChecked(what+" "+id, permission, err)
}
