package schema

import "sort"

// FailedKeywords validates v as kind and returns each failed keyword as
// "<instance pointer> <keyword location in sagectl.schema.json>", sorted: the raw
// result the differential test compares with another validator's.
func FailedKeywords(kind string, v any) ([]string, error) {
	root, err := compiledKind(kind)
	if err != nil || root == nil {
		return nil, err
	}
	leaves, err := walk(root, v)
	out := make([]string, len(leaves))
	for i, l := range leaves {
		out[i] = l.pointer + " " + l.node.loc + "/" + l.keyword
	}
	sort.Strings(out)
	return out, err
}
