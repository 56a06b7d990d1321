package config

import (
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

// accountID is an AWS account ID: 12 digits
// (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).
var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// accounts reads `accounts: [ID, ...]`, the AWS accounts plan and apply may run in, as the
// Terraform AWS provider's allowed_account_ids
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs#allowed_account_ids).
// An ID is 12 digits, quoted or not; an empty list is refused, since it would allow none.
func (p *parser) accounts(v *yaml.Node) {
	items := v.Content
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
		items = []*yaml.Node{v}
	case v.Kind != yaml.SequenceNode || len(v.Content) == 0:
		p.errorf(v, `example: accounts: ["123456789012"]; or remove the key to allow every account`, "accounts must be a non-empty list of 12-digit AWS account IDs")
		return
	}
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || !accountID.MatchString(it.Value) {
			p.errorf(it, `quote it and keep its leading zeros: "012345678901"`, "account %q is not a 12-digit AWS account ID", it.Value)
			continue
		}
		if slices.Contains(p.c.Accounts, it.Value) {
			p.errorf(it, "remove one of the two", "account %s is listed twice", it.Value)
			continue
		}
		p.c.Accounts = append(p.c.Accounts, it.Value)
	}
}
