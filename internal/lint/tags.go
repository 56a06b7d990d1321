package lint

import (
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// tagKey is the Key of one element of a document's Tags list.
type tagKey struct {
	Node  *yaml.Node // the Key value node
	Value string
}

// tagKeys returns the string Keys of the Tags list of body, in order. Elements without a
// string Key are skipped (the schema reports them).
func tagKeys(body *yaml.Node) []tagKey {
	var out []tagKey
	for _, t := range manifest.Items(manifest.Get(body, "Tags")) {
		n := manifest.Get(t, "Key")
		if k, ok := manifest.Str(n); ok {
			out = append(out, tagKey{Node: n, Value: k})
		}
	}
	return out
}

// tagsSource cites the tag limits the tag rules rely on.
const tagsSource = "Tag.Key (\"Tag keys must be unique per resource\"): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Tag.html; " +
	"the Tags of CreateEndpointConfig (up to 50): https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html"
