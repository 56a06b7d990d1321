package plan

import (
	"fmt"
	"slices"
	"strings"
)

// Target is what a saved plan is bound to: where it was made. Apply refuses a plan whose
// target is not where it runs (CheckTarget), so a plan reviewed for one account, region or
// emulator is never applied to another.
type Target struct {
	// Account is the AWS account of the credentials that made the plan, from STS
	// GetCallerIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
	Account string `json:"account,omitempty"`
	// Region is the region the plan read.
	Region string `json:"region,omitempty"`
	// EndpointURL is the --endpoint-url the plan read, "" for the regional AWS endpoint.
	EndpointURL string `json:"endpoint_url,omitempty"`
	// Environment is the --env the plan was made for ("" for none): apply refuses it for
	// another environment, and for this one unless the credentials are its account.
	Environment string `json:"environment,omitempty"`
	// Offline says the plan read a --live-dir snapshot, not an account: it has no account,
	// region or endpoint URL, and apply refuses it.
	Offline bool `json:"offline,omitempty"`
}

// Bind records in s where it was made and the version of the sagectl that made it, and
// returns s.
func (s *Saved) Bind(t Target, version string) *Saved {
	s.Target, s.SagectlVersion = t, version
	return s
}

// checkBound refuses a saved plan that does not say where it was made (ParseSaved).
func (s *Saved) checkBound() error {
	switch {
	case s.SagectlVersion == "":
		return fmt.Errorf("sagectl_version is missing: the plan does not say which sagectl wrote it")
	case !s.Target.Offline && (s.Target.Account == "" || s.Target.Region == ""):
		return fmt.Errorf("target.account or target.region is missing: the plan does not say which AWS account and region it was made in")
	}
	return nil
}

// CheckOrigin refuses, before anything is called, a saved plan this apply must not run
// whatever the account: one made offline, or by another sagectl version. Each refusal
// names both sides and the fix; file names the plan in messages.
func (s *Saved) CheckOrigin(file, version string) error {
	var why []string
	if s.SagectlVersion != version {
		why = append(why, fmt.Sprintf("it was written by sagectl %s, this is sagectl %s: apply it with sagectl %s, or plan again with this one",
			s.SagectlVersion, version, s.SagectlVersion))
	}
	if s.Target.Offline {
		why = append(why, "it was made offline from a --live-dir snapshot, so it was never compared with an AWS account: plan again against the account (without --live-dir) and apply that plan")
	}
	return refusal(file, why)
}

// CheckTarget refuses to apply s anywhere but where it was made: another account, region
// or endpoint URL. Each refusal names both sides and the fix; file names the plan.
func (s *Saved) CheckTarget(file string, now Target) error {
	var why []string
	t := s.Target
	if t.Account != now.Account {
		why = append(why, fmt.Sprintf("it was made in AWS account %s, and the credentials in use are for account %s: use credentials of account %s (--profile, AWS_PROFILE), or plan again in account %s and apply that plan",
			t.Account, now.Account, t.Account, now.Account))
	}
	if t.Region != now.Region {
		why = append(why, fmt.Sprintf("it was made in region %s, and this apply is in region %s: pass --region %s, or plan again in %s",
			t.Region, now.Region, t.Region, now.Region))
	}
	if t.Environment != now.Environment {
		why = append(why, fmt.Sprintf("it was made for %s, and this apply is for %s: pass %s, or plan again for %s",
			envName(t.Environment), envName(now.Environment), envFlag(t.Environment), envName(now.Environment)))
	}
	if t.EndpointURL != now.EndpointURL {
		why = append(why, fmt.Sprintf("it was made against %s, and this apply calls %s: pass %s, or plan again against %s",
			endpointName(t.EndpointURL), endpointName(now.EndpointURL), endpointFlag(t.EndpointURL), endpointName(now.EndpointURL)))
	}
	return refusal(file, why)
}

func refusal(file string, why []string) error {
	if len(why) == 0 {
		return nil
	}
	return fmt.Errorf("not applying %s: no SageMaker call was made:\n  %s", file, strings.Join(why, "\n  "))
}

func envName(env string) string {
	if env == "" {
		return "no environment (no --env)"
	}
	return "environment " + env
}

func envFlag(env string) string {
	if env == "" {
		return "no --env"
	}
	return "--env " + env
}

func endpointName(url string) string {
	if url == "" {
		return "the regional AWS endpoint (no --endpoint-url)"
	}
	return "--endpoint-url " + url
}

func endpointFlag(url string) string {
	if url == "" {
		return "no --endpoint-url"
	}
	return "--endpoint-url " + url
}

// CheckAccount refuses an account that allowed (the accounts: list of .sagectl.yaml, from
// path) does not list; an empty list allows every account, as the Terraform AWS provider's
// allowed_account_ids does when unset
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs#allowed_account_ids).
func CheckAccount(account string, allowed []string, path string) error {
	if len(allowed) == 0 || slices.Contains(allowed, account) {
		return nil
	}
	return fmt.Errorf("AWS account %s is not one of this project's accounts (%s lists %s): nothing was read or changed; use credentials of an allowed account (--profile, AWS_PROFILE), or add %s to accounts: in %s if this project belongs there",
		account, path, strings.Join(allowed, ", "), account, path)
}
