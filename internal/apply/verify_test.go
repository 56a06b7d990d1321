package apply

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
)

func TestVerifySwap(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	desc := func(config, reason string, modified time.Time) *sagemaker.DescribeEndpointOutput {
		out := &sagemaker.DescribeEndpointOutput{EndpointName: aws.String("ep"), EndpointConfigName: aws.String(config),
			EndpointStatus: types.EndpointStatusInService, LastModifiedTime: aws.Time(modified)}
		if reason != "" {
			out.FailureReason = aws.String(reason)
		}
		return out
	}
	before := desc("old", "", t0)
	tests := []struct {
		name    string
		after   *sagemaker.DescribeEndpointOutput
		kind    Kind
		message []string
	}{
		{"swapped", desc("new", "", t0.Add(time.Minute)), "", nil},
		{"silent rollback with reason", desc("old", "health check", t0.Add(time.Minute)), KindRolledBack,
			[]string{`the update to "new" was rolled back (FailureReason "health check")`, `InService on "old"`, `"old" is kept`}},
		{"silent rollback without reason", desc("old", "", t0.Add(time.Minute)), KindRolledBack,
			[]string{"no FailureReason given", `"old" is kept`}},
		{"config matches but nothing deployed", desc("new", "", t0), KindNotDeployed, []string{"LastModifiedTime did not advance"}},
		{"update never observed", desc("old", "", t0), KindNotDeployed, []string{`serves "old"`, `no deployment to "new" was observed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifySwap(before, tt.after, "new")
			if tt.kind == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.kind {
				t.Fatalf("err = %v, want kind %s", err, tt.kind)
			}
			for _, m := range tt.message {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("%q lacks %q", err, m)
				}
			}
		})
	}
}
