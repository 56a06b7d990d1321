package manifest

import (
	"os"
	"testing"
)

func benchParse(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, docs, _ := Parse(path, data); len(docs) == 0 {
			b.Fatal("no documents")
		}
	}
}

// BenchmarkParseCloudFormation parses a three-resource template with intrinsics.
func BenchmarkParseCloudFormation(b *testing.B) { benchParse(b, "../../testdata/cfn/template.yaml") }

// BenchmarkParseACK parses three ACK manifests (the SDK shapes are built once).
func BenchmarkParseACK(b *testing.B) { benchParse(b, "../../testdata/ack/clean.yaml") }
