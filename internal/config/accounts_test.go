package config

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestAccounts(t *testing.T) {
	c, fs := Parse("c.yaml", []byte("accounts: [\"012345678901\", 123456789012]\n"), ruleIDs)
	if len(fs) > 0 || !slices.Equal(c.Accounts, []string{"012345678901", "123456789012"}) {
		t.Errorf("accounts = %v, problems %v", c.Accounts, fs)
	}
	c, fs = Parse("c.yaml", []byte("accounts: \"123456789012\"\n"), ruleIDs)
	if len(fs) > 0 || !slices.Equal(c.Accounts, []string{"123456789012"}) {
		t.Errorf("one account as a scalar: accounts = %v, problems %v", c.Accounts, fs)
	}
	if c, _ := Parse("c.yaml", []byte("naming: exact\n"), ruleIDs); c.Accounts != nil {
		t.Errorf("no accounts: key: accounts = %v, want none (every account allowed)", c.Accounts)
	}
	for src, want := range map[string]string{
		"accounts: []\n":                           "1:11: accounts must be a non-empty list",
		"accounts:\n":                              "1:10: accounts must be a non-empty list",
		"accounts: {a: 1}\n":                       "1:11: accounts must be a non-empty list",
		"accounts: [12345]\n":                      `1:12: account "12345" is not a 12-digit AWS account ID`,
		"accounts: [1234567890123]\n":              `is not a 12-digit`,
		"accounts: [123456789012, 123456789012]\n": "1:26: account 123456789012 is listed twice",
		"accounts: [[123456789012]]\n":             "is not a 12-digit",
		"accounts: [\"12345678901a\"]\n":           "is not a 12-digit",
	} {
		_, fs := Parse("c.yaml", []byte(src), ruleIDs)
		if len(fs) != 1 {
			t.Errorf("%q: %d problems, want 1: %v", src, len(fs), fs)
			continue
		}
		got := fmt.Sprintf("%d:%d: %s", fs[0].Line, fs[0].Col, fs[0].Message)
		if !strings.Contains(got, want) {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}
