#!/bin/sh
# The State of the Union by party over time: which values do Democrats and
# Republicans invoke, how often, and who claims them?
#
#   sh examples/sotu_by_party.sh CORPUS [OUT]
#
# CORPUS is the data/ folder of the public State of the Union dataset, GitHub
# stdlib-js/datasets-sotu (233 addresses, 1790-2021, named
# {year}_{president}_{party}.txt; CC0); OUT defaults to /tmp/rhetor-examples/sotu. The batch run
# (about 3-6 minutes with -j 2) is skipped when OUT/sotu.jsonl exists. Sides are
# found in each address, so claims are by "author" (the president's side) and the
# sides each address names. The trends chart goes to docs/sotu_trends.png.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:?usage: sh examples/sotu_by_party.sh CORPUS [OUT] (CORPUS: the data/ folder of GitHub stdlib-js/datasets-sotu)}
out=${2:-/tmp/rhetor-examples/sotu}
mkdir -p "$out"
records=$out/sotu.jsonl
if [ ! -s "$records" ]; then
    rhetor batch "$corpus" --name-pattern "{year:d}_{president}_{party}.txt" \
        -j "${JOBS:-2}" -q -o "$records"
fi
# Democrats (d) against Republicans (r); the president's "we" counts for the party.
parties="--only party=d,r --author-from party --label d=Democratic --label r=Republican"
# shellcheck disable=SC2086  # $parties is several options on purpose
rhetor compare "$records" --by party $parties > "$out/compare.txt"
rhetor compare "$records" --by party $parties --csv > "$out/compare.csv"
rhetor trends "$records" --by year --group party $parties --bin 10 --csv \
    --title "State of the Union: value mentions per 1,000 words, by decade" --plot "$here/../docs/sotu_trends.png" > "$out/trends.csv"
# The network keeps the party codes (d, r) as side names; light edges left out.
rhetor network "$records" --only party=d,r --author-from party --min-weight 3 \
    -o "$out/sotu.graphml" --force
rhetor network "$records" --only party=d,r --author-from party --slice year --bin 50 --csv \
    > "$out/network.csv"
echo "outputs in $out" >&2
