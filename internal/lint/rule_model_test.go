package lint

import (
	"strings"
	"testing"
)

// modelHead is a 3-line Model; cases append fields from line 4.
const modelHead = "kind: Model\nModelName: m\nExecutionRoleArn: arn:aws:iam::123456789012:role/r\n"

// img is a container's Image line at the given indent (a list item when it starts with "- ").
func img(prefix, name string) string {
	return prefix + "Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + name + ":1\n"
}

func TestModelContainerForm(t *testing.T) {
	primary := "PrimaryContainer:\n" + img("  ", "a")
	list := "Containers:\n" + img("  - ", "a") + img("  - ", "b")
	runRuleCases(t, modelContainerForm{}, []ruleCase{
		{"primary only", modelHead + primary, nil},
		{"containers only", modelHead + list, nil},
		{"both, primary first", modelHead + primary + list,
			[]string{`6:1 error: the Model sets Containers and PrimaryContainer (line 4)`}},
		{"both, containers first", modelHead + list + primary,
			[]string{`7:1 error: the Model sets PrimaryContainer and Containers (line 4)`}},
		{"empty Containers beside a primary is one form", modelHead + primary + "Containers: []\n", nil},
		{"neither", modelHead, []string{`2:1 error: the Model has no container`}},
		{"only an empty list", modelHead + "Containers: []\n", []string{`4:1 error: the Model has no container`}},
		{"null primary", modelHead + "PrimaryContainer:\n", []string{`4:1 error: the Model has no container`}},
	})
}

func TestModelContainerHostnameRequired(t *testing.T) {
	named := func(h, name string) string { return "  - ContainerHostname: " + h + "\n" + img("    ", name) }
	direct := "InferenceExecutionConfig:\n  Mode: Direct\n"
	runRuleCases(t, modelContainerHostnameRequired{}, []ruleCase{
		{"direct, all named", modelHead + "Containers:\n" + named("a", "a") + named("b", "b") + direct, nil},
		{"direct, one unnamed", modelHead + "Containers:\n" + named("a", "a") + img("  - ", "b") + direct,
			[]string{`7:5 error: Containers[1] has no ContainerHostname, which Mode: Direct (line 9) requires`}},
		{"direct, none named", modelHead + direct + "Containers:\n" + img("  - ", "a") + img("  - ", "b"),
			[]string{`7:5 error: Containers[0] has no ContainerHostname, which Mode: Direct (line 5)`, `8:5 error: Containers[1] has no ContainerHostname`}},
		{"serial default, none named", modelHead + "Containers:\n" + img("  - ", "a") + img("  - ", "b"), nil},
		{"serial default, some named", modelHead + "Containers:\n" + img("  - ", "a") + named("b", "b"),
			[]string{`5:5 error: Containers[0] has no ContainerHostname while Containers[1] ("b") sets one (line 6)`}},
		{"explicit serial, some named", modelHead + "Containers:\n" + named("a", "a") + img("  - ", "b") + "InferenceExecutionConfig: {Mode: Serial}\n",
			[]string{`7:5 error: Containers[1] has no ContainerHostname while Containers[0] ("a") sets one (line 5)`}},
		{"primary container is not checked", modelHead + direct + "PrimaryContainer:\n" + img("  ", "a"), nil},
	})
}

func TestModelContainerHostnameUnique(t *testing.T) {
	named := func(h string) string { return "  - ContainerHostname: " + h + "\n" + img("    ", "x") }
	runRuleCases(t, modelContainerHostnameUnique{}, []ruleCase{
		{"distinct", modelHead + "Containers:\n" + named("a") + named("b"), nil},
		{"repeated twice", modelHead + "Containers:\n" + named("a") + named("b") + named("a") + named("a"),
			[]string{`9:24 error: ContainerHostname "a" is already used by the container at line 5`, `11:24 error: ContainerHostname "a" is already used by the container at line 5`}},
		{"case matters", modelHead + "Containers:\n" + named("a") + named("A"), nil},
		{"unnamed containers are the other rule's", modelHead + "Containers:\n" + img("  - ", "a") + img("  - ", "b"), nil},
	})
}

func TestModelContainerHostnameIgnored(t *testing.T) {
	runRuleCases(t, modelContainerHostnameIgnored{}, []ruleCase{
		{"primary with hostname", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  ContainerHostname: a\n",
			[]string{`6:3 warning: ContainerHostname is ignored on a PrimaryContainer`}},
		{"primary without", modelHead + "PrimaryContainer:\n" + img("  ", "a"), nil},
		{"null hostname", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  ContainerHostname:\n", nil},
		{"listed containers keep theirs", modelHead + "Containers:\n  - ContainerHostname: a\n" + img("    ", "a"), nil},
	})
}

func TestModelMultiModelPipeline(t *testing.T) {
	mme := func(name string) string { return img("  - ", name) + "    Mode: MultiModel\n" }
	runRuleCases(t, modelMultiModelPipeline{}, []ruleCase{
		{"one multi-model container", modelHead + "Containers:\n" + img("  - ", "a") + mme("b"), nil},
		{"two", modelHead + "Containers:\n" + mme("a") + img("  - ", "b") + mme("c"),
			[]string{`9:11 error: Containers[2] is a second container in Mode: MultiModel (the first is at line 6)`}},
		{"single-model spelled out", modelHead + "Containers:\n" + mme("a") + img("  - ", "b") + "    Mode: SingleModel\n", nil},
		{"primary multi-model", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  Mode: MultiModel\n", nil},
	})
}

func TestModelEnvironmentSize(t *testing.T) {
	// env is an Environment map at indent with one variable KEY of n bytes in all (key + value).
	env := func(indent, key string, n int) string {
		return indent + "Environment:\n" + indent + "  " + key + ": " + strings.Repeat("v", n-len(key)) + "\n"
	}
	primary := modelHead + "PrimaryContainer:\n" + img("  ", "a")
	two := func(a, b int) string {
		return modelHead + "Containers:\n" + img("  - ", "a") + env("    ", "A", a) + img("  - ", "b") + env("    ", "B", b)
	}
	runRuleCases(t, modelEnvironmentSize{}, []ruleCase{
		{"exactly 32 KB", primary + env("  ", "K", 32768), nil},
		{"one byte over", primary + env("  ", "K", 32769),
			[]string{`6:3 error: PrimaryContainer's Environment keys and values add up to 32769 bytes; the maps of a Model may hold at most 32 KB (32768 bytes) combined`}},
		{"over only combined", two(20000, 20000),
			[]string{`9:5 error: the Environment keys and values reach 40000 bytes with Containers[1]; all containers' maps together may hold at most 32 KB`}},
		{"combined at the limit", two(16384, 16384), nil},
		{"aliases count in full", modelHead + "Containers:\n" + img("  - ", "a") + "    Environment:\n      A: &big " + strings.Repeat("v", 20000) + "\n" +
			img("  - ", "b") + "    Environment:\n      B: *big\n",
			[]string{`9:5 error: the Environment keys and values reach 40002 bytes with Containers[1]`}},
		{"not a map is the schema's", primary + "  Environment: [" + strings.Repeat("v", 40000) + "]\n", nil},
	})
}
