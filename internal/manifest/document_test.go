package manifest

import "testing"

func TestKindWords(t *testing.T) {
	for k, want := range map[Kind]string{KindModel: "model", KindEndpointConfig: "endpoint config", KindEndpoint: "endpoint"} {
		if got := k.Words(); got != want {
			t.Errorf("%s.Words() = %q, want %q", k, got, want)
		}
	}
}
