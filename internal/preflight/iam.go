package preflight

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/sagectl/sagectl/internal/manifest"
)

// IAM is the IAM call the role check makes.
type IAM interface {
	GetRole(context.Context, *iam.GetRoleInput, ...func(*iam.Options)) (*iam.GetRoleOutput, error)
}

// sagemakerPrincipal is the service principal that must be allowed to assume an execution
// role (https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html).
const sagemakerPrincipal = "sagemaker.amazonaws.com"

// role checks that the execution role exists and trusts SageMaker. A role of another account
// cannot be read with GetRole and is noted, not checked.
func (r *run) role(doc *manifest.Document, ptr, roleARN string) {
	r.once(doc, ptr, "role "+roleARN, func() result {
		a, err := arn.Parse(roleARN)
		name, isRole := strings.CutPrefix(a.Resource, "role/")
		if err != nil || !isRole {
			return problem("preflight-role-exists", "write the role's ARN, arn:aws:iam::ACCOUNT:role/NAME", "ExecutionRoleArn %q is not an IAM role ARN", roleARN)
		}
		if r.in.Account != "" && a.AccountID != r.in.Account {
			return info("preflight-role-exists", "role %s is in account %s, not %s, where plan runs: not checked", roleARN, a.AccountID, r.in.Account)
		}
		if r.c.IAM == nil {
			return ok
		}
		name = name[strings.LastIndex(name, "/")+1:] // GetRole takes the name without the path
		out, err := r.c.IAM.GetRole(r.ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		if code(err) == "NoSuchEntity" {
			return problem("preflight-role-exists", "create the role, or name an existing one in ExecutionRoleArn",
				"execution role %s does not exist: SageMaker could not assume it and the model would fail", roleARN)
		}
		if err != nil {
			return notChecked("execution role "+roleARN, "iam:GetRole", err)
		}
		if why := trusts(aws.ToString(out.Role.AssumeRolePolicyDocument)); why != "" {
			return problem("preflight-role-trust", `add a statement {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"} to the role's trust policy`,
				"execution role %s cannot be assumed by SageMaker: %s", roleARN, why)
		}
		return ok
	})
}

// policy is an IAM policy document as far as the trust check reads it; Statement, Action
// and Principal.Service may each be one value or a list
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
type policy struct {
	Statement oneOrMany[statement]
}

type statement struct {
	Effect    string
	Action    oneOrMany[string]
	Principal json.RawMessage
}

// oneOrMany decodes a JSON value or a list of them.
type oneOrMany[T any] []T

// UnmarshalJSON implements json.Unmarshaler.
func (o *oneOrMany[T]) UnmarshalJSON(b []byte) error {
	var many []T
	if err := json.Unmarshal(b, &many); err == nil {
		*o = many
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*o = []T{one}
	return nil
}

// trusts returns "" when the trust policy document (URL-encoded, as GetRole returns it:
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html) allows
// sagemaker.amazonaws.com sts:AssumeRole, else why not. Conditions are not evaluated.
func trusts(encoded string) string {
	doc, err := url.QueryUnescape(encoded)
	if err != nil {
		doc = encoded
	}
	var p policy
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return fmt.Sprintf("its trust policy is not a JSON policy document (%v)", err)
	}
	for _, s := range p.Statement {
		if s.Effect == "Allow" && allowsAssume(s.Action) && principalIs(s.Principal, sagemakerPrincipal) {
			return ""
		}
	}
	return "no statement of its trust policy allows sts:AssumeRole to the service principal " + sagemakerPrincipal
}

func allowsAssume(actions []string) bool {
	for _, a := range actions {
		switch strings.ToLower(a) {
		case "sts:assumerole", "sts:*", "*":
			return true
		}
	}
	return false
}

// principalIs reports whether a Principal element names service (or is "*").
func principalIs(raw json.RawMessage, service string) bool {
	var star string
	if json.Unmarshal(raw, &star) == nil {
		return star == "*"
	}
	var p struct{ Service oneOrMany[string] }
	if json.Unmarshal(raw, &p) != nil {
		return false
	}
	for _, s := range p.Service {
		if strings.EqualFold(s, service) {
			return true
		}
	}
	return false
}
