package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestEnvironments(t *testing.T) {
	src := "project: fraud\nenvironments:\n" +
		"  staging: {account: \"111111111111\", region: us-east-1, overlay: envs/staging}\n" +
		"  prod:    {account: \"222222222222\", region: eu-west-1, overlay: envs/prod/, profile: prod}\n" +
		"  plain:   {region: us-west-2}\n"
	c, fs := Parse("dir/c.yaml", []byte(src), ruleIDs)
	if len(fs) > 0 {
		t.Fatalf("problems: %v", fs)
	}
	if got := strings.Join(c.EnvNames(), ","); got != "staging,prod,plain" {
		t.Fatalf("names = %s", got)
	}
	prod := c.Env("prod")
	abs, _ := filepath.Abs("dir")
	if prod.Account != "222222222222" || prod.Region != "eu-west-1" || prod.Profile != "prod" || prod.OverlayRel != "envs/prod" ||
		prod.Overlay != filepath.Join(abs, "envs", "prod") {
		t.Errorf("prod = %+v", prod)
	}
	if c.Env("plain").Overlay != "" || c.Env("nope") != nil {
		t.Error("plain has no overlay; nope is not an environment")
	}
}

func TestEnvironmentsErrors(t *testing.T) {
	for src, want := range map[string]string{
		"environments: []\n":                                                                "1:15: environments must be a non-empty mapping",
		"environments: {}\n":                                                                "environments must be a non-empty mapping",
		"environments: {Prod: {region: us-east-1}}\n":                                       `1:16: environment name "Prod" is not a short slug`,
		"environments: {prod: {region: us-east-1}, prod: {}}\n":                             `environment "prod" is defined twice`,
		"environments: {prod: [a]}\n":                                                       `environment "prod" must be a mapping`,
		"environments: {prod: {acount: \"111111111111\"}}\n":                                `unknown key "acount" in environment "prod" (did you mean "account"?)`,
		"environments: {prod: {account: 1234}}\n":                                           `account "1234" of environment "prod" is not a 12-digit`,
		"environments: {prod: {region: us_east_1}}\n":                                       `region "us_east_1" of environment "prod" is not an AWS region name`,
		"environments: {prod: {overlay: ../other}}\n":                                       `overlay "../other" of environment "prod" must be a folder inside the repository`,
		"environments: {prod: {overlay: /etc}}\n":                                           `must be a folder inside the repository`,
		"environments: {prod: {overlay: .}}\n":                                              `the config file's own folder`,
		"environments: {prod: {profile: }}\n":                                               `profile of environment "prod" must be a string`,
		"environments: {prod: {region: {a: 1}}}\n":                                          `region of environment "prod" must be a string`,
		"environments: {prod: {account: \"333333333333\"}}\naccounts: [\"111111111111\"]\n": `1:32: account 333333333333 of environment "prod" is not in accounts: (111111111111)`,
	} {
		_, fs := Parse("c.yaml", []byte(src), ruleIDs)
		if len(fs) != 1 {
			t.Errorf("%q: %d problems, want 1: %v", src, len(fs), fs)
			continue
		}
		got := fmt.Sprintf("%d:%d: %s (%s)", fs[0].Line, fs[0].Col, fs[0].Message, fs[0].Hint)
		if !strings.Contains(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}
