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

// The four forms AWS KMS accepts for a key reference
// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id).
const (
	kmsKeyIDPattern = `(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})`
	kmsARNPrefix    = `arn:aws[-a-z]*:kms:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:`
	kmsAliasPattern = `alias/[a-zA-Z0-9/_-]+`
)

var (
	kmsKeyID    = regexp.MustCompile(`^` + kmsKeyIDPattern + `$`)
	kmsKeyARN   = regexp.MustCompile(`^` + kmsARNPrefix + `key/` + kmsKeyIDPattern + `$`)
	kmsAlias    = regexp.MustCompile(`^` + kmsAliasPattern + `$`)
	kmsAliasARN = regexp.MustCompile(`^` + kmsARNPrefix + kmsAliasPattern + `$`)
	// kmsModelPattern is the API model's own pattern; values it rejects are the schema's to report.
	kmsModelPattern = regexp.MustCompile(`^[a-zA-Z0-9:/_-]*$`)
)

// validKMSKey reports whether s is a key ID, key ARN, alias name or alias ARN.
func validKMSKey(s string) bool {
	return kmsKeyID.MatchString(s) || kmsKeyARN.MatchString(s) || kmsAlias.MatchString(s) || kmsAliasARN.MatchString(s)
}
