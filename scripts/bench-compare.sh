#!/bin/sh
# bench-compare.sh measures sagectl lint against kubeconform v0.7.0 in one run, on
# the corpora of scripts/lint-corpus.sh, and prints the ratios docs/benchmarks.md
# records (make bench-compare). Wall time and peak RSS come from GNU time (-f %e %M).
#
# kubeconform validates with sagectl's own schema (-schema-location takes a file
# path). It requires an apiVersion in every document, which sagectl's schema does not
# allow, so it reads a copy of the corpus with one added line per document and reports
# each document invalid: it still validates every document in full.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timer=/usr/bin/time
[ -x "$timer" ] || { echo "bench-compare: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

echo "building sagectl and installing kubeconform v0.7.0 into $work ..."
(cd "$root" && go build -o "$work/sagectl" ./cmd/sagectl)
GOBIN="$work/bin" go install github.com/yannh/kubeconform/cmd/kubeconform@v0.7.0
kubeconform="$work/bin/kubeconform"

sh "$root/scripts/lint-corpus.sh" findings "$work/c10k" 1000
sh "$root/scripts/lint-corpus.sh" findings "$work/c100k" 10000
sh "$root/scripts/lint-corpus.sh" empty "$work/c1m" 1000000 10000
mkdir "$work/k10k"
for f in "$work"/c10k/*.yaml; do
	sed 's/^kind: /apiVersion: sagectl\/v1\nkind: /' "$f" >"$work/k10k/$(basename "$f")"
done

# measure NAME CMD...: runs CMD (exit status ignored, output discarded) and prints
# "NAME wall-seconds peak-KB". It runs in an empty folder: sagectl indexes the
# repository (or working folder) it runs in for references (docs/ci.md).
mkdir "$work/run"
measure() {
	name=$1
	shift
	(cd "$work/run" && "$timer" -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1) || true
	echo "$name $(cat "$work/time" | tail -1)"
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
{
	measure sagectl-10k "$work/sagectl" lint "$work/c10k"
	measure kubeconform-10k "$kubeconform" -schema-location "$root/internal/schema/sagectl.schema.json" "$work/k10k"
	measure sagectl-100k "$work/sagectl" lint "$work/c100k"
	for format in text json sarif junit github; do
		measure "sagectl-1m-$format" "$work/sagectl" lint --format "$format" "$work"/c1m/*.yaml
	done
} | tee "$work/results"
awk '
	{ wall[$1] = $2; rss[$1] = $3 / 1024 }
	END {
		printf "10k documents: sagectl %.2f s %.1f MB, kubeconform %.2f s %.1f MB: wall ratio %.2f (target <= 0.5), peak RSS %.1f MB (target <= 50)\n",
			wall["sagectl-10k"], rss["sagectl-10k"], wall["kubeconform-10k"], rss["kubeconform-10k"], wall["sagectl-10k"] / wall["kubeconform-10k"], rss["sagectl-10k"]
		printf "100k documents: %.2f s, peak RSS %.1f MB: %.2f x the 10k (target <= 1.3)\n", wall["sagectl-100k"], rss["sagectl-100k"], rss["sagectl-100k"] / rss["sagectl-10k"]
		split("text json sarif junit github", fs, " ")
		for (i = 1; i <= 5; i++) printf "1,000,000 {} documents, --format %s: %.2f s (target <= 20), peak RSS %.1f MB\n", fs[i], wall["sagectl-1m-" fs[i]], rss["sagectl-1m-" fs[i]]
	}' "$work/results"
