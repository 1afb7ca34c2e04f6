#!/usr/bin/env bash
# Opt-in test of thermoscope-spark on a real standalone cluster (too slow for ./run-tests): a Spark Master and two
# Workers started as separate processes from the Maven jars, a sweep submitted to it, one Worker killed mid-job;
# the sweep must complete with the plain sweep's results. See StandaloneClusterTest and docs/spark.md.
# --measure instead times the same sweep plain (--parallel 1, 2), on local[2] and on 1 and 2 standalone Workers.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/select-jdk.sh
. "$ROOT/scripts/select-jdk.sh"
thermoscope_select_jdk
cd "$ROOT"
MODE=true
if [ "${1:-}" = "--measure" ]; then MODE=measure; shift; fi
start=$(date +%s)
mvn -B -ntp -o -pl thermoscope-spark -am test -Dtest=StandaloneClusterTest -Dthermoscope.sparkCluster=$MODE \
  -Dsurefire.failIfNoSpecifiedTests=false "$@"
echo "spark-cluster-test: passed in $(( $(date +%s) - start )) s" >&2
