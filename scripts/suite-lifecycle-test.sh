#!/usr/bin/env bash
# The operator moves of ./suite against the real processes: 'up' on a running suite starts nothing, 'kill NAME'
# SIGKILLs exactly one process, 'up' then starts only that one, 'restart NAME' replaces exactly one, and a
# SIGKILLed devstack leaves none of its ports (PostgreSQL included) behind. Uses a running suite if there is one
# (CI runs it while the suite is up for the k6 harness); otherwise it runs ./suite up and ./suite down itself.
# Exit 0 = every check held; the first failed check stops it with "FAIL: ...".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PROCESSES=(devstack skat-simulator ingest-service forwarder-service receipt-service debt-service)
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok   $*"; }

# "name=pid" for every running process, from ./suite status (the pid files ./suite keeps).
pids() {
  ./suite status | awk -v names=" ${PROCESSES[*]} " \
    'index(names, " " $1 " ") && $2 == "pid" { print $1 "=" $3 }' | sort
}
pid_of() { pids | sed -n "s/^$1=//p"; }
others() { pids | grep -v "^$1="; } # every process but one, with its pid
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=0
cleanup() { if ((started)); then ./suite down >/dev/null || true; fi; }
trap cleanup EXIT
if (($(pids | wc -l) < ${#PROCESSES[@]})); then
  ./suite down >/dev/null
  started=1
  ./suite up >/dev/null
fi
(($(pids | wc -l) == ${#PROCESSES[@]})) || fail "not every process runs after ./suite up: $(pids | tr '\n' ' ')"

# 1. up on a running suite starts nothing and leaves every pid alone.
before=$(pids)
out=$(./suite up)
[[ $out == *"already running"* ]] || fail "./suite up on a running suite said: $out"
[[ $(pids) == "$before" ]] || fail "./suite up on a running suite changed pids: $(pids | tr '\n' ' ')"
ok "up on a running suite starts nothing"

# 2. kill one service: it is gone (SIGKILL, no graceful stop), nothing else changed.
rest=$(others ingest-service)
ingest_pid=$(pid_of ingest-service)
./suite kill ingest >/dev/null
! kill -0 "$ingest_pid" 2>/dev/null || fail "ingest-service (pid $ingest_pid) still runs after ./suite kill"
! port_open 8081 || fail "port 8081 still open after ./suite kill ingest"
[[ -z $(pid_of ingest-service) ]] || fail "./suite status still shows ingest-service running"
[[ $(others ingest-service) == "$rest" ]] || fail "./suite kill ingest changed other processes"
grep -q " stopped in " .suite/logs/ingest-service.log && fail "ingest-service shut down gracefully; expected SIGKILL"
ok "kill ingest: only ingest-service gone, without a graceful shutdown"

# 3. up starts only what is missing and waits until it is ready.
out=$(./suite up)
[[ $out == *"starting ingest-service"* ]] || fail "./suite up did not start ingest-service: $out"
(($(grep -c '^starting' <<<"$out") == 1)) || fail "./suite up started more than ingest-service: $out"
[[ -n $(pid_of ingest-service) && $(pid_of ingest-service) != "$ingest_pid" ]] || fail "ingest-service has no new pid"
[[ $(others ingest-service) == "$rest" ]] || fail "./suite up touched running processes"
curl -fsS http://127.0.0.1:8081/q/health/ready >/dev/null || fail "ingest-service not ready after ./suite up"
ok "up after the kill starts ingest-service only, and it is ready"

# 4. restart one service: new pid, ready, graceful stop, others unchanged.
rest=$(others forwarder-service)
forwarder_pid=$(pid_of forwarder-service)
./suite restart forwarder >/dev/null
[[ -n $(pid_of forwarder-service) && $(pid_of forwarder-service) != "$forwarder_pid" ]] || fail "forwarder-service has no new pid"
! kill -0 "$forwarder_pid" 2>/dev/null || fail "the old forwarder-service (pid $forwarder_pid) still runs"
[[ $(others forwarder-service) == "$rest" ]] || fail "./suite restart forwarder changed other processes"
curl -fsS http://127.0.0.1:8082/q/health/ready >/dev/null || fail "forwarder-service not ready after restart"
ok "restart forwarder: only forwarder-service replaced, and it is ready"

# 5. kill devstack: its whole process group goes (PostgreSQL too), up brings back devstack only.
rest=$(others devstack)
./suite kill devstack >/dev/null
for port in 5672 61616 61617 55432 8161 2525; do
  for _ in 1 2 3 4 5; do port_open "$port" || break; sleep 1; done
  ! port_open "$port" || fail "port $port still open after ./suite kill devstack"
done
out=$(./suite up)
(($(grep -c '^starting' <<<"$out") == 1)) && [[ $out == *"starting devstack"* ]] || fail "./suite up did not start devstack only: $out"
[[ $(others devstack) == "$rest" ]] || fail "./suite up after the devstack kill touched the services"
ok "kill devstack: every devstack port closed (PostgreSQL too); up starts devstack only"

# 6. the services reconnect to the new broker and database on their own.
deadline=$((SECONDS + 180))
for port in 8085 8081 8082 8083 8084; do
  until curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "the service on :$port not ready 180 s after devstack came back"
    sleep 2
  done
done
ok "every service ready again after the devstack kill, none restarted"

echo "suite lifecycle: every check held"
