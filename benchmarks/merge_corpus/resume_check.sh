#!/usr/bin/env bash
# Ingest the merge corpus twice, once killed (SIGKILL) midway and resumed, and once in shuffled
# order; compare every export with the uninterrupted run's.
#   bash benchmarks/merge_corpus/resume_check.sh [SECONDS_AFTER_FIRST_COMMIT]
set -euo pipefail
cd "$(dirname "$0")/../.."
PAL=${PALMYRA:-.venv/bin/palmyra}
PY=${PYTHON:-.venv/bin/python}
CORPUS=benchmarks/merge_corpus/reports.jsonl
KILL_DELAY=${1:-1}     # seconds after the first commit
WAL_BYTES=${WAL_BYTES:-200000}
W=$(mktemp -d)
trap '[ "${KEEP:-}" ] || rm -rf "$W"' EXIT
count() { "$PY" -c "import duckdb,sys; print(duckdb.connect(sys.argv[1], read_only=True).execute('select count(*) from articles').fetchone()[0])" "$1"; }
exports() {  # store, prefix
  for f in csv acled-csv jsonl geojson; do "$PAL" export --db "$1" --format "$f" -o "$W/$2.$f" 2>/dev/null; done
  "$PAL" export --db "$1" --format parquet -o "$W/$2.parquet" 2>/dev/null
  "$PY" -c "import duckdb,sys; print(duckdb.sql(f\"select * from '{sys.argv[1]}'\").fetchall())" "$W/$2.parquet" > "$W/$2.parquet.txt"
}
same() {  # prefix-a prefix-b
  for f in csv acled-csv jsonl geojson parquet.txt; do cmp -s "$W/$1.$f" "$W/$2.$f" || { echo "DIFFER: $1.$f $2.$f"; return 1; }; done
  echo "identical exports: $1 vs $2 (csv acled-csv jsonl geojson parquet)"
}
t0=$(date +%s.%N)
"$PAL" ingest "$CORPUS" --db "$W/a.duckdb" --no-progress -q
t1=$(date +%s.%N)
exports "$W/a.duckdb" a
t1b=$(date +%s.%N)
"$PAL" ingest "$CORPUS" --db "$W/a.duckdb" --no-progress -q
t2=$(date +%s.%N)
exports "$W/a.duckdb" a2
echo "first ingest $(echo "$t1 - $t0" | bc) s; second ingest (all stored) $(echo "$t2 - $t1b" | bc) s"
same a a2
"$PAL" ingest "$CORPUS" --db "$W/k.duckdb" --no-progress -q &
pid=$!
# wait for the first committed batch (the write-ahead log grows), then SIGKILL mid-run
while kill -0 "$pid" 2>/dev/null && [ "$(stat -c %s "$W/k.duckdb.wal" 2>/dev/null || echo 0)" -lt "$WAL_BYTES" ]; do
  sleep 0.1
done
sleep "$KILL_DELAY"
kill -9 "$pid" 2>/dev/null && echo "killed (SIGKILL) mid-run" || echo "the run ended before the kill"
wait "$pid" 2>/dev/null || true
echo "articles stored when killed: $(count "$W/k.duckdb") of $(wc -l < "$CORPUS")"
t3=$(date +%s.%N)
"$PAL" ingest "$CORPUS" --db "$W/k.duckdb" --no-progress -q
echo "resumed run $(echo "$(date +%s.%N) - $t3" | bc) s"
exports "$W/k.duckdb" k
same a k
"$PY" -c "import random,sys; l=open(sys.argv[1]).readlines(); random.Random(5).shuffle(l); open(sys.argv[2],'w').writelines(l)" "$CORPUS" "$W/shuffled.jsonl"
"$PAL" ingest "$W/shuffled.jsonl" --db "$W/s.duckdb" --no-progress -q
exports "$W/s.duckdb" s
same a s
wc -l "$W/a.jsonl" | awk '{print $1 " merged events exported"}'
