package lint

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sagectl/sagectl/internal/schema"
	"github.com/sagectl/sagectl/internal/servicerules"
)

// TestSchemaSourceNamesPinnedSDK: the source every schema rule cites names the SDK
// version go.mod pins, so a bump cannot leave the rule pages naming the old one.
func TestSchemaSourceNamesPinnedSDK(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github\.com/aws/aws-sdk-go-v2/service/sagemaker (v\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod does not require github.com/aws/aws-sdk-go-v2/service/sagemaker")
	}
	for _, want := range []string{"AWS SDK for Go " + string(m[1]) + ":", "service/sagemaker@" + string(m[1]) + "/"} {
		if !strings.Contains(schemaSource, want) {
			t.Errorf("schemaSource does not name %q, the SDK go.mod pins: update internal/lint/schema_source.go and run go test ./internal/lintcmd -update", want)
		}
	}
}

// TestServerlessMemoryStepsMatchSchema: the sizes the serverless-memory rule allows are
// the enum the editor schema derives from the constraints table's step.
func TestServerlessMemoryStepsMatchSchema(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []int `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.EditorJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	var want []int
	for mb := servicerules.ServerlessMemoryMin; mb <= servicerules.ServerlessMemoryMax; mb += servicerules.ServerlessMemoryStep {
		want = append(want, mb)
	}
	if got := doc.Defs["ProductionVariantServerlessConfig"].Properties["MemorySizeInMB"].Enum; !slices.Equal(got, want) {
		t.Errorf("editor schema MemorySizeInMB enum = %v, rule allows %v", got, want)
	}
}
