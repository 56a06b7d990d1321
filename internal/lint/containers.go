package lint

import (
	"fmt"

	"github.com/sagectl/sagectl/internal/manifest"
	"gopkg.in/yaml.v3"
)

// Helpers shared by the Model rules on container forms, hostnames and model data sources
// (rule_model_*.go).

// container is one ContainerDefinition of a Model: its PrimaryContainer or an element of Containers.
type container struct {
	Node    *yaml.Node // the container mapping
	Primary bool       // the PrimaryContainer
	Index   int        // position in Containers
}

// name names the container in messages: Containers[i] or PrimaryContainer, with its hostname if set.
func (c container) name() string {
	where := "PrimaryContainer"
	if !c.Primary {
		where = fmt.Sprintf("Containers[%d]", c.Index)
	}
	if h, ok := manifest.Str(manifest.Get(c.Node, "ContainerHostname")); ok && h != "" {
		return fmt.Sprintf("%s (%q)", where, h)
	}
	return where
}

// listedContainers returns the mapping elements of a Model's Containers list (the schema
// reports elements that are not mappings).
func listedContainers(body *yaml.Node) []container {
	var out []container
	for i, n := range manifest.Items(manifest.Get(body, "Containers")) {
		if m := manifest.Mapping(n); m != nil {
			out = append(out, container{Node: m, Index: i})
		}
	}
	return out
}

// allContainers returns the PrimaryContainer (when it is a mapping) and then the listed containers.
func allContainers(body *yaml.Node) []container {
	out := listedContainers(body)
	if c := manifest.Mapping(manifest.Get(body, "PrimaryContainer")); c != nil {
		out = append([]container{{Node: c, Primary: true}}, out...)
	}
	return out
}

// executionMode returns a Model's InferenceExecutionConfig.Mode and its node; SageMaker's
// default, Serial, with a nil node when the Model does not set a string Mode.
func executionMode(body *yaml.Node) (string, *yaml.Node) {
	n := manifest.Get(manifest.Get(body, "InferenceExecutionConfig"), "Mode")
	if s, ok := manifest.Str(n); ok {
		return s, n
	}
	return "Serial", nil
}

// s3DataSources returns the S3DataSource mappings of a container's ModelDataSource and of
// each of its AdditionalModelDataSources, with the path that names each in messages.
func s3DataSources(c container) []namedNode {
	var out []namedNode
	if s := manifest.Get(manifest.Get(c.Node, "ModelDataSource"), "S3DataSource"); s != nil && s.Kind == yaml.MappingNode {
		out = append(out, namedNode{s, "ModelDataSource.S3DataSource"})
	}
	for i, a := range manifest.Items(manifest.Get(c.Node, "AdditionalModelDataSources")) {
		if s := manifest.Get(a, "S3DataSource"); s != nil && s.Kind == yaml.MappingNode {
			out = append(out, namedNode{s, fmt.Sprintf("AdditionalModelDataSources[%d].S3DataSource", i)})
		}
	}
	return out
}

// namedNode is a node with the field path that names it in messages.
type namedNode struct {
	Node *yaml.Node
	Path string
}
