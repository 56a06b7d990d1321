package benchdata

import (
	"strings"
	"testing"
)

func TestCopyRenamesEveryResource(t *testing.T) {
	in := "kind: Model\nModelName: churn-v8\n---\nkind: EndpointConfig\nEndpointConfigName: c\nProductionVariants:\n  - VariantName: a\n    ModelName: churn-v8\n"
	out := Copy(in, 7)
	if strings.Count(out, "churn-v8-7") != 2 || !strings.Contains(out, "EndpointConfigName: c-7") || !strings.Contains(out, "VariantName: a\n") {
		t.Errorf("Copy =\n%s", out)
	}
	if Documents(in) != 2 {
		t.Errorf("Documents = %d", Documents(in))
	}
}
