package lint

import (
	"fmt"
	"strings"

	"github.com/sagectl/sagectl/internal/finding"
	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// modelEnvironmentSize reports a Model whose container Environment maps, together, exceed 32 KB.
type modelEnvironmentSize struct{}

// environmentLimit is the documented limit on all keys and values of a Model's Environment maps, in bytes.
const environmentLimit = 32 * 1024

var modelEnvironmentSizeInfo = &Info{
	ID:       "model-environment-size",
	Severity: finding.Error,
	Summary:  "flags a Model whose Environment keys and values, over all its containers, exceed 32 KB",
	Why: "The schema checks each Environment key and value (at most 1024 bytes). The API reference adds a limit in " +
		"words: all keys and values of the map, combined, may be at most 32 KB, and when a CreateModel request has " +
		"several containers, all of their maps combined may be at most 32 KB too. Large configuration belongs in the " +
		"model artifacts or in S3, not in environment variables.",
	Source: "API Reference, ContainerDefinition: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html",
	Fix:    "Shorten or drop environment variables, or move large settings into a file in the model artifacts.",
	Kinds:  []manifest.Kind{manifest.KindModel},
	Bad:    environmentExample(17),
	Good:   environmentExample(8),
}

// environmentExample is a two-container Model whose Environment maps hold perContainer
// variables each, every one a 1000-character value (one YAML anchor, aliased).
func environmentExample(perContainer int) string {
	var b strings.Builder
	b.WriteString("kind: Model\nModelName: pipeline\nExecutionRoleArn: arn:aws:iam::123456789012:role/sagemaker\nContainers:\n")
	for c := range 2 {
		fmt.Fprintf(&b, "  - Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/step%d:1\n    Environment:\n", c+1)
		for i := range perContainer {
			if c == 0 && i == 0 {
				fmt.Fprintf(&b, "      RULES_%d_%d: &rules %s\n", c+1, i+1, strings.Repeat("x", 1000))
				continue
			}
			fmt.Fprintf(&b, "      RULES_%d_%d: *rules\n", c+1, i+1)
		}
	}
	return b.String()
}

func (modelEnvironmentSize) Info() *Info { return modelEnvironmentSizeInfo }

func (modelEnvironmentSize) Check(p *Pass) {
	total := 0
	for _, c := range allContainers(p.Doc.Body) {
		k, env := manifest.Lookup(c.Node, "Environment")
		if env == nil || env.Kind != yaml.MappingNode {
			continue
		}
		before := total
		for key, value := range manifest.Pairs(env) {
			if value.Kind == yaml.AliasNode && value.Alias != nil {
				value = value.Alias // an aliased value is sent in full
			}
			total += len(key.Value) + len(value.Value)
		}
		if before <= environmentLimit && total > environmentLimit {
			msg := fmt.Sprintf("the Environment keys and values reach %d bytes with %s; all containers' maps together may hold at most 32 KB (%d bytes)",
				total, c.name(), environmentLimit)
			if before == 0 {
				msg = fmt.Sprintf("%s's Environment keys and values add up to %d bytes; the maps of a Model may hold at most 32 KB (%d bytes) combined",
					c.name(), total, environmentLimit)
			}
			p.Report(k, msg, "shorten or remove environment variables, or move large settings into the model artifacts")
		}
	}
}
