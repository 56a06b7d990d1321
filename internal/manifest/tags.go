package manifest

import "strings"

// ReservedTagPrefix is the tag namespace sagectl writes itself (sagectl:managed-by, ...):
// lint warns when a manifest sets such a key, and plan never diffs or imports them.
const ReservedTagPrefix = "sagectl:"

// awsTagPrefix is the namespace AWS reserves for its own tags; see
// https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
const awsTagPrefix = "aws:"

// UserTag reports whether a tag key belongs to the user: neither sagectl's nor AWS's.
func UserTag(key string) bool {
	return !strings.HasPrefix(key, ReservedTagPrefix) && !strings.HasPrefix(key, awsTagPrefix)
}
