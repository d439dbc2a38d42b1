#!/usr/bin/env bash
# Demo step: one public-procurement query (one employer in order, one excluded) and one art. 30bis batch.
# Uses the demo ledger ./suite up loaded (contracts' DemoLedger: employer i has profile i % 12).
set -uo pipefail
BASE=${DEBT_URL:-http://127.0.0.1:8084}
cbe() { # employer number -> its enterprise number
  local base=$((2000000 + $1)); printf '%08d%02d' "$base" $((97 - base % 97))
}
show() { python3 -c '
import json, sys
a = json.load(sys.stdin)
keys = ("resultCode", "denomination", "balanceAnalysisResult", "withholding", "closingQuarter", "balanceAmounts")
print("   " + ", ".join(f"{k}={a[k]}" for k in keys if k in a))' 2>/dev/null || cat; }

echo ""
echo "== Demo: public procurement (Telemarc, SOAP and REST give the same answer)"
for i in 3 4; do
  id=$(cbe $i)
  echo "   GET /api/v1/employers/$id/balance?legalContext=PUBLIC_PROCUREMENT as telemarc"
  curl -sS -u telemarc:telemarc-secret "$BASE/api/v1/employers/$id/balance?legalContext=PUBLIC_PROCUREMENT" | show \
    || { echo "   REST call failed"; exit 1; }
done
echo "   (EUR 3,000.00 exactly is in order; one cent more excludes the candidate)"

echo ""
echo "== Demo: an art. 30bis batch of 24 employers as inspector"
items=$(for i in $(seq 0 23); do printf '{"companyId":"%s"},' "$(cbe "$i")"; done)
location=$(curl -sS -D - -o /dev/null -u inspector:inspector-secret -H 'Content-Type: application/json' \
  --data "{\"legalContext\":\"ART_30BIS\",\"items\":[${items%,}]}" "$BASE/api/v1/debt-queries/batches" |
  tr -d '\r' | awk 'tolower($1)=="location:"{print $2}')
[[ -n $location ]] || { echo "   batch not accepted"; exit 1; }
echo "   202 Accepted, Location: $location"
# Location is absolute (JAX-RS resolves it against the request); a relative one is taken as a path.
case $location in http*) url=$location ;; *) url=$BASE$location ;; esac
for _ in $(seq 1 20); do
  body=$(curl -sS -u inspector:inspector-secret "$url")
  [[ $body == *'"state":"DONE"'* ]] && break
  sleep 0.5
done
echo "$body" | python3 -c '
import json, sys
b = json.load(sys.stdin)
print("   state=%s total=%s done=%s" % (b["state"], b["total"], b["done"]))
for r in b["results"]:
    a = r["answer"]
    print("   #%2d %s: withholding %s (%s)" % (r["position"], a.get("denomination", r["item"]),
        a.get("withholding"), a.get("balanceAnalysisResult", a["resultCode"])))
' || echo "$body"
