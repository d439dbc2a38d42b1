#!/usr/bin/env bash
# The demo mandates of the batch channel's representatives (SPEC §5.0), loaded through ingest-service's mandate
# registry admin API (PUT /api/v1/batch-channel/mandates: an upsert, so a second run changes nothing) as the
# local batch administrator. The mandants are demo-ledger employers (contracts' DemoLedger, loaded by
# scripts/endpoints.d/50-debt.sh), so what a representative asks gets a real answer.
#
#   scripts/batch-mandates.sh [INGEST_URL]        (default http://127.0.0.1:8081)
#
#   BE_SOCSEC   (social secretariat, 0410000192): DEBT_QUERY for demo employers 2, 3, 4; employer 5's EXPIRED
#   BE_PROVIDER (service provider,   0420000201): DEBT_QUERY for employers 6, 7; FLA for employer 6
#   BE_EMPLOYER and BE_TRAINING need none (an employer for itself; a training provider in its own name).
#   Every other demo employer (e.g. 8) gave no mandate at all.
set -euo pipefail
BASE=${1:-${INGEST_URL:-http://127.0.0.1:8081}}
USER_PASS=${BATCH_ADMIN:-batch-admin:batch-admin-secret}
cbe() { local base=$((2000000 + $1)); printf '%08d%02d' "$base" $((97 - base % 97)); }
socsec=0410000192 provider=0420000201
mandate() { # representative mandant service validFrom [validTo]
  printf '{"representative":"%s","mandant":"%s","service":"%s","validFrom":"%s"%s}' "$1" "$2" "$3" "$4" \
    "${5:+,\"validTo\":\"$5\"}"
}
body="[$(mandate $socsec "$(cbe 2)" DEBT_QUERY 2024-01-01),$(mandate $socsec "$(cbe 3)" DEBT_QUERY 2024-01-01),\
$(mandate $socsec "$(cbe 4)" DEBT_QUERY 2024-01-01),$(mandate $socsec "$(cbe 5)" DEBT_QUERY 2024-01-01 2025-06-30),\
$(mandate $provider "$(cbe 6)" DEBT_QUERY 2024-01-01),$(mandate $provider "$(cbe 7)" DEBT_QUERY 2024-01-01),\
$(mandate $provider "$(cbe 6)" FLA 2024-01-01)]"
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
status=$(curl -sS -o "$answer" -w '%{http_code}' -u "$USER_PASS" -X PUT -H 'Content-Type: application/json' \
  --data "$body" "$BASE/api/v1/batch-channel/mandates") || status=000
cat "$answer"; echo
[[ $status == 200 ]] || { echo "mandates NOT loaded: HTTP $status" >&2; exit 1; }
echo "loaded 7 mandates (6 active, 1 expired)"
