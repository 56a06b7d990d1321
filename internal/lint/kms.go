package lint

import (
	"regexp"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// kmsKey is one KmsKeyId of an endpoint config, with where it is.
type kmsKey struct {
	Node  *yaml.Node // the value node
	Value string
	Field string // the field's path for messages, e.g. DataCaptureConfig.KmsKeyId
	Of    string // for a variant's key, " of variant NAME"
}

// kmsKeys returns every string KmsKeyId of an EndpointConfig body: the config's own,
// DataCaptureConfig's, AsyncInferenceConfig.OutputConfig's and each variant's CoreDumpConfig's.
func kmsKeys(body *yaml.Node) []kmsKey {
	var out []kmsKey
	add := func(m *yaml.Node, field, of string) {
		n := manifest.Get(m, "KmsKeyId")
		if s, ok := manifest.Str(n); ok {
			out = append(out, kmsKey{Node: n, Value: s, Field: field, Of: of})
		}
	}
	add(body, "KmsKeyId", "")
	add(manifest.Get(body, "DataCaptureConfig"), "DataCaptureConfig.KmsKeyId", "")
	add(manifest.Get(manifest.Get(body, "AsyncInferenceConfig"), "OutputConfig"), "AsyncInferenceConfig.OutputConfig.KmsKeyId", "")
	for _, v := range variants(body) {
		add(manifest.Get(v.Node, "CoreDumpConfig"), "CoreDumpConfig.KmsKeyId", " of variant "+v.name())
	}
	return out
}

// kmsModelPattern is the API model's own pattern; values it rejects are the schema's to
// report. The four forms KMS accepts are servicerules.ValidKMSKey's.
var kmsModelPattern = regexp.MustCompile(`^[a-zA-Z0-9:/_-]*$`)
