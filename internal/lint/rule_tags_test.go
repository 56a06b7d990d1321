package lint

import "testing"

// epTags is an Endpoint whose Tags list starts at line 4.
const epTags = "kind: Endpoint\nEndpointName: e\nEndpointConfigName: c\nTags:\n"

func TestTagsDuplicate(t *testing.T) {
	runRuleCases(t, tagsDuplicate{}, []ruleCase{
		{"distinct", epTags + "  - {Key: env, Value: prod}\n  - {Key: team, Value: fraud}\n", nil},
		{"repeated key", epTags + "  - {Key: env, Value: prod}\n  - {Key: team, Value: x}\n  - {Key: env, Value: staging}\n",
			[]string{`7:11 error: tag key "env" is already used at line 5`}},
		{"keys differing by case are distinct", epTags + "  - {Key: env, Value: prod}\n  - {Key: Env, Value: prod}\n", nil},
		{"model tags", fmtModel("m") + "Tags:\n  - Key: a\n    Value: b\n  - Key: a\n    Value: c\n", []string{`9:10 error: tag key "a" is already used at line 7`}},
		{"endpoint config tags", ecHead + "Tags: [{Key: a, Value: b}, {Key: a, Value: b}]\n", []string{`8:34 error: tag key "a"`}},
		{"malformed tags are the schema's", epTags + "  - env\n  - {Key: 1, Value: x}\n  - {Key: 1, Value: y}\n", nil},
	})
}

func TestTagsAWSPrefix(t *testing.T) {
	runRuleCases(t, tagsAWSPrefix{}, []ruleCase{
		{"ordinary keys", epTags + "  - {Key: team, Value: x}\n  - {Key: \"acme:aws:x\", Value: x}\n  - {Key: aws, Value: x}\n", nil},
		{"aws prefix in any case", epTags + "  - {Key: \"aws:team\", Value: x}\n  - {Key: \"AWS:team\", Value: x}\n", []string{
			`5:11 error: tag key "aws:team" uses the prefix "aws:"`,
			`6:11 error: tag key "AWS:team" uses the prefix "AWS:"`,
		}},
		{"multibyte key does not panic", epTags + "  - {Key: \"aé\", Value: x}\n", nil},
	})
}

func TestTagsSagectlPrefix(t *testing.T) {
	runRuleCases(t, tagsSagectlPrefix{}, []ruleCase{
		{"ordinary keys", epTags + "  - {Key: sagectl, Value: x}\n  - {Key: \"acme:sagectl:x\", Value: x}\n", nil},
		{"reserved", epTags + "  - {Key: \"sagectl:managed-by\", Value: me}\n  - {Key: \"SageCtl:x\", Value: y}\n", []string{
			`5:11 warning: tag key "sagectl:managed-by" is in the sagectl: namespace`,
			`6:11 warning: tag key "SageCtl:x" is in the sagectl: namespace`,
		}},
	})
}
