package lint

import "testing"

func TestModelDataSourceMultiModel(t *testing.T) {
	source := "  ModelDataSource:\n    S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}\n"
	runRuleCases(t, modelDataSourceMultiModel{}, []ruleCase{
		{"multi-model with ModelDataSource", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  Mode: MultiModel\n" + source,
			[]string{`7:3 error: PrimaryContainer sets ModelDataSource with Mode: MultiModel (line 6)`}},
		{"in a pipeline", modelHead + "Containers:\n" + img("  - ", "a") + "  - ContainerHostname: b\n    Mode: MultiModel\n  " + source[:len("  ModelDataSource:\n")] + "      S3DataSource: {S3Uri: s3://b/m/, S3DataType: S3Prefix, CompressionType: None}\n",
			[]string{`8:5 error: Containers[1] ("b") sets ModelDataSource with Mode: MultiModel (line 7)`}},
		{"single model", modelHead + "PrimaryContainer:\n" + img("  ", "a") + source, nil},
		{"multi-model with ModelDataUrl", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  Mode: MultiModel\n  ModelDataUrl: s3://b/m/\n", nil},
		{"null ModelDataSource", modelHead + "PrimaryContainer:\n" + img("  ", "a") + "  Mode: MultiModel\n  ModelDataSource:\n", nil},
	})
}

func TestModelDataSourceS3Prefix(t *testing.T) {
	src := func(uri, typ string) string {
		return "    S3DataSource: {S3Uri: " + uri + ", S3DataType: " + typ + ", CompressionType: None}\n"
	}
	primary := modelHead + "PrimaryContainer:\n" + img("  ", "a")
	runRuleCases(t, modelDataSourceS3Prefix{}, []ruleCase{
		{"prefix with slash", primary + "  ModelDataSource:\n" + src("s3://b/m/", "S3Prefix"), nil},
		{"prefix without slash", primary + "  ModelDataSource:\n" + src("s3://b/m", "S3Prefix"),
			[]string{`7:27 error: PrimaryContainer.ModelDataSource.S3DataSource.S3Uri "s3://b/m" does not end with /`}},
		{"object without slash", primary + "  ModelDataSource:\n" + src("s3://b/m.safetensors", "S3Object"), nil},
		{"additional source", primary + "  AdditionalModelDataSources:\n    - ChannelName: draft\n  " + src("s3://b/draft", "S3Prefix"),
			[]string{`8:29 error: PrimaryContainer.AdditionalModelDataSources[0].S3DataSource.S3Uri "s3://b/draft" does not end with /`}},
		{"in Containers", modelHead + "Containers:\n" + img("  - ", "a") + "    ModelDataSource:\n  " + src("s3://b/m", "S3Prefix"),
			[]string{`7:29 error: Containers[0].ModelDataSource.S3DataSource.S3Uri "s3://b/m"`}},
		{"not a string is the schema's", primary + "  ModelDataSource:\n" + src("[s3://b/m]", "S3Prefix"), nil},
	})
}
