package lint

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSchemaSourceNamesPinnedSDK: the source every schema rule cites names the SDK
// version go.mod pins, so a bump cannot leave the rule pages naming the old one.
func TestSchemaSourceNamesPinnedSDK(t *testing.T) {
	data, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*(github\.com/aws/aws-sdk-go-v2/service/sagemaker v\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod does not require github.com/aws/aws-sdk-go-v2/service/sagemaker")
	}
	if !strings.Contains(schemaSource, string(m[1])+":") {
		t.Errorf("schemaSource does not name %s, which go.mod pins: update lint/schema_source.go and run go test ./internal/lintcli -update", m[1])
	}
}
