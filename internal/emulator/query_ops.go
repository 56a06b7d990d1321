package emulator

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// trustSageMaker is the trust policy of a role seeded without one, and of every role of an
// unseeded world.
const trustSageMaker = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

type getRoleResult struct {
	XMLName xml.Name `xml:"GetRoleResult"`
	Role    struct {
		Path                     string `xml:"Path"`
		RoleName                 string `xml:"RoleName"`
		RoleID                   string `xml:"RoleId"`
		Arn                      string `xml:"Arn"`
		CreateDate               string `xml:"CreateDate"`
		AssumeRolePolicyDocument string `xml:"AssumeRolePolicyDocument"`
		MaxSessionDuration       int    `xml:"MaxSessionDuration"`
	} `xml:"Role"`
}

// getRole answers IAM GetRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html):
// the trust policy URL-encoded, as IAM returns it; NoSuchEntity (404) for a role not seeded.
func (s *Server) getRole(form url.Values) (any, *apiError) {
	name := form.Get("RoleName")
	w := s.world()
	doc, found := w.Roles[name]
	if w.Roles != nil && !found {
		return nil, &apiError{Status: http.StatusNotFound, Code: "NoSuchEntity", Message: fmt.Sprintf("The role with name %s cannot be found.", name)}
	}
	if doc == "" {
		doc = trustSageMaker
	}
	out := getRoleResult{}
	out.Role.Path, out.Role.RoleName, out.Role.MaxSessionDuration = "/", name, 3600
	out.Role.RoleID = "AROA" + strings.ToUpper(fmt.Sprintf("%016x", len(name)))
	out.Role.Arn = fmt.Sprintf("arn:aws:iam::%s:role/%s", s.opts.Account, name)
	out.Role.CreateDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	out.Role.AssumeRolePolicyDocument = url.QueryEscape(doc)
	return out, nil
}

type getTopicAttributesResult struct {
	XMLName    xml.Name `xml:"GetTopicAttributesResult"`
	Attributes []struct {
		Key   string `xml:"key"`
		Value string `xml:"value"`
	} `xml:"Attributes>entry"`
}

// getTopicAttributes answers SNS GetTopicAttributes
// (https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html): NotFound (404)
// for a topic not seeded.
func (s *Server) getTopicAttributes(form url.Values) (any, *apiError) {
	arn := form.Get("TopicArn")
	if !has(s.world().Topics, arn) {
		return nil, &apiError{Status: http.StatusNotFound, Code: "NotFound", Message: "Topic does not exist"}
	}
	out := getTopicAttributesResult{}
	for _, kv := range [][2]string{{"TopicArn", arn}, {"Owner", s.opts.Account}, {"DisplayName", ""}} {
		out.Attributes = append(out.Attributes, struct {
			Key   string `xml:"key"`
			Value string `xml:"value"`
		}{kv[0], kv[1]})
	}
	return out, nil
}

type ec2Subnet struct {
	SubnetID         string `xml:"subnetId"`
	State            string `xml:"state"`
	VpcID            string `xml:"vpcId"`
	CidrBlock        string `xml:"cidrBlock"`
	AvailabilityZone string `xml:"availabilityZone"`
}

type describeSubnetsResponse struct {
	XMLName xml.Name `xml:"DescribeSubnetsResponse"`
	ec2Meta
	Subnets []ec2Subnet `xml:"subnetSet>item"`
}

type ec2Group struct {
	GroupID     string `xml:"groupId"`
	GroupName   string `xml:"groupName"`
	OwnerID     string `xml:"ownerId"`
	VpcID       string `xml:"vpcId"`
	Description string `xml:"groupDescription"`
}

type describeSecurityGroupsResponse struct {
	XMLName xml.Name `xml:"DescribeSecurityGroupsResponse"`
	ec2Meta
	Groups []ec2Group `xml:"securityGroupInfo>item"`
}

// ec2Lookup returns the ids asked for (all seeded ones when none is), or EC2's NotFound error
// naming the first missing one (code is e.g. InvalidSubnetID.NotFound).
func ec2Lookup(seeded, ids []string, code, what string) ([]string, *apiError) {
	if len(ids) == 0 {
		return seeded, nil
	}
	for _, id := range ids {
		if !has(seeded, id) {
			return nil, &apiError{Status: http.StatusBadRequest, Code: code, Message: fmt.Sprintf("The %s '%s' does not exist", what, id)}
		}
	}
	return ids, nil
}

// describeSubnets answers EC2 DescribeSubnets for SubnetId.N
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html).
func (s *Server) describeSubnets(form url.Values) (any, *apiError) {
	ids, err := ec2Lookup(s.world().Subnets, listParam(form, "SubnetId"), "InvalidSubnetID.NotFound", "subnet ID")
	if err != nil {
		return nil, err
	}
	out := &describeSubnetsResponse{}
	for _, id := range ids {
		out.Subnets = append(out.Subnets, ec2Subnet{SubnetID: id, State: "available", VpcID: "vpc-0emulator", CidrBlock: "10.0.0.0/24", AvailabilityZone: s.opts.Region + "a"})
	}
	return out, nil
}

// describeSecurityGroups answers EC2 DescribeSecurityGroups for GroupId.N
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html).
func (s *Server) describeSecurityGroups(form url.Values) (any, *apiError) {
	ids, err := ec2Lookup(s.world().SecurityGroups, listParam(form, "GroupId"), "InvalidGroup.NotFound", "security group")
	if err != nil {
		return nil, err
	}
	out := &describeSecurityGroupsResponse{}
	for _, id := range ids {
		out.Groups = append(out.Groups, ec2Group{GroupID: id, GroupName: id, OwnerID: s.opts.Account, VpcID: "vpc-0emulator", Description: "emulator"})
	}
	return out, nil
}
