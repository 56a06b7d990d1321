#!/bin/sh
# lint-corpus.sh writes the lint-at-scale corpora of docs/benchmarks.md.
#
#   scripts/lint-corpus.sh findings DIR [FILES]    FILES (default 1000) files of 10
#       EndpointConfig documents each, with a realistic density of findings: unknown
#       instance types, Models no file defines, variants with an implicit weight.
#   scripts/lint-corpus.sh empty DIR DOCS [PER]    DOCS `{}` documents, PER (default
#       10000) to a file: what the loader and the renderers pay per document.
#
# The output depends only on the arguments, so two runs lint the same bytes.
set -eu
mode=${1:?usage: lint-corpus.sh findings|empty DIR ...}
dir=${2:?usage: lint-corpus.sh findings|empty DIR ...}
mkdir -p "$dir"
case $mode in
findings)
	files=${3:-1000}
	awk -v files="$files" -v dir="$dir" 'BEGIN {
		split("ml.m5.xlarge ml.c5.2xlarge ml.g5.xlarge ml.m5.xxlarge ml.c5.large ml.p9.2xlarge", types, " ")
		for (f = 0; f < files; f++) {
			out = sprintf("%s/cfg-%05d.yaml", dir, f)
			for (d = 0; d < 10; d++) {
				n = f * 10 + d
				if (d > 0) print "---" > out
				printf "kind: EndpointConfig\nEndpointConfigName: svc-%d\nProductionVariants:\n", n > out
				for (v = 0; v < (n % 3 == 0 ? 2 : 1); v++) {
					printf "  - VariantName: v%d\n    ModelName: model-%d-%d\n", v, n, v > out
					printf "    InstanceType: %s\n    InitialInstanceCount: %d\n", types[(n + v) % 6 + 1], 1 + n % 3 > out
					if (n % 3 == 0 && (n + v) % 2 == 0) printf "    InitialVariantWeight: %d\n", 1 + v > out
				}
				printf "KmsKeyId: alias/team-%d\nTags:\n  - {Key: team, Value: team-%d}\n", n % 7, n % 7 > out
			}
			close(out)
		}
	}'
	;;
empty)
	docs=${3:?usage: lint-corpus.sh empty DIR DOCS [PER]}
	per=${4:-10000}
	awk -v docs="$docs" -v per="$per" -v dir="$dir" 'BEGIN {
		for (n = 0; n < docs; n++) {
			if (n % per == 0) { if (out != "") close(out); out = sprintf("%s/empty-%05d.yaml", dir, n / per) }
			else print "---" > out
			print "{}" > out
		}
	}'
	;;
*)
	echo "lint-corpus.sh: unknown corpus $mode (findings or empty)" >&2
	exit 2
	;;
esac
