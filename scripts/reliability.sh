#!/usr/bin/env bash
# Issue 14's reliability experiments in one command: packages the services (every other module's tests skipped)
# and runs suite-tests' *Experiment classes (profile `reliability`): FaultsExperiment (kill -9 of each service,
# the broker, SKAT's MQ and PostgreSQL in turn under load), SkatOutageExperiment (SKAT's MQ down shorter and
# longer than the forwarder's retry window), ReplicasExperiment (two of every service under one load) and
# PerformanceExperiment (the whole-suite performance rows; it fails on a missed goal unless
# -Dperformance.assert-goals=false). Counts in suite-tests/target/reliability/*.md. All four take ≈ 45 min on an
# idle 2-core machine; -Dit.test=<one of them> runs one.
#
#   scripts/reliability.sh [N [RATE]]      defaults: 10000 forsendelser at 20/s
#   scripts/reliability.sh 300 2 -Dit.test=FaultsExperiment     (further Maven options after N and RATE)
#
# Everything on 127.0.0.1, free ports; runs beside ./suite up. Needs the OpenSSH sftp client (Styret SFTP share).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
rate=${2:-20}
shift $(($# > 2 ? 2 : $#))
exec mvn -B -Preliability -pl suite-tests -am verify -DskipTests \
  -Dreliability.forsendelser="$n" -Dreliability.rate="$rate" "$@"
