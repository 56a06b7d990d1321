package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/plan"
)

// A saved plan applies only where it was made, by the sagectl that made it; every refusal
// names both sides and the fix.
func TestCheckTarget(t *testing.T) {
	made := plan.Target{Account: "111111111111", Region: "us-east-1", EndpointURL: "http://127.0.0.1:4000"}
	for name, tc := range map[string]struct {
		saved   plan.Target
		version string
		now     plan.Target
		want    []string
	}{
		"same":                {made, "dev", made, nil},
		"other account":       {made, "dev", plan.Target{Account: "222222222222", Region: "us-east-1", EndpointURL: "http://127.0.0.1:4000"}, []string{"made in AWS account 111111111111", "for account 222222222222", "plan again in account 222222222222"}},
		"other region":        {made, "dev", plan.Target{Account: "111111111111", Region: "eu-west-1", EndpointURL: "http://127.0.0.1:4000"}, []string{"region us-east-1", "region eu-west-1", "pass --region us-east-1"}},
		"other endpoint URL":  {made, "dev", plan.Target{Account: "111111111111", Region: "us-east-1", EndpointURL: "http://127.0.0.1:5000"}, []string{"--endpoint-url http://127.0.0.1:4000", "--endpoint-url http://127.0.0.1:5000"}},
		"regional endpoint":   {made, "dev", plan.Target{Account: "111111111111", Region: "us-east-1"}, []string{"the regional AWS endpoint (no --endpoint-url)"}},
		"other version":       {made, "1.2.0", made, []string{"written by sagectl 1.2.0, this is sagectl dev"}},
		"other environment":   {plan.Target{Account: "111111111111", Region: "us-east-1", EndpointURL: "http://127.0.0.1:4000", Environment: "staging"}, "dev", plan.Target{Account: "111111111111", Region: "us-east-1", EndpointURL: "http://127.0.0.1:4000", Environment: "prod"}, []string{"made for environment staging, and this apply is for environment prod: pass --env staging"}},
		"environment lost":    {plan.Target{Account: "111111111111", Region: "us-east-1", EndpointURL: "http://127.0.0.1:4000", Environment: "prod"}, "dev", made, []string{"for environment prod, and this apply is for no environment (no --env)"}},
		"offline":             {plan.Target{Offline: true}, "dev", plan.Target{}, []string{"made offline from a --live-dir snapshot", "without --live-dir"}},
		"everything mismatch": {made, "1.2.0", plan.Target{Account: "222222222222", Region: "eu-west-1"}, []string{"sagectl 1.2.0", "account 222222222222", "region eu-west-1", "regional AWS endpoint"}},
	} {
		t.Run(name, func(t *testing.T) {
			s := (&plan.Saved{}).Bind(tc.saved, tc.version)
			err := errors.Join(s.CheckOrigin("plan.json", "dev"), s.CheckTarget("plan.json", tc.now))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("refused a plan applied where it was made: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("applied a plan made elsewhere")
			}
			for _, w := range append(tc.want, "not applying plan.json: no SageMaker call was made") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestCheckAccount(t *testing.T) {
	if err := plan.CheckAccount("111111111111", nil, ".sagectl.yaml"); err != nil {
		t.Errorf("no accounts: list refused: %v", err)
	}
	if err := plan.CheckAccount("111111111111", []string{"222222222222", "111111111111"}, ".sagectl.yaml"); err != nil {
		t.Errorf("a listed account refused: %v", err)
	}
	err := plan.CheckAccount("333333333333", []string{"111111111111", "222222222222"}, "ci/.sagectl.yaml")
	for _, w := range []string{"AWS account 333333333333 is not one of this project's accounts", "ci/.sagectl.yaml lists 111111111111, 222222222222", "nothing was read or changed"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("err = %v, want it to say %q", err, w)
		}
	}
}
