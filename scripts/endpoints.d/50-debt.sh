#!/usr/bin/env bash
# debt-service: load the demo ledger (3,000 employers, every rule outcome; idempotent per importId, so a
# second ./suite up answers from the first import) and print the endpoints and local credentials.
set -uo pipefail
BASE=${DEBT_URL:-http://127.0.0.1:8084}
today=$(date +%F)
json="$DATA/debt-demo-ledger-$today.json"
mkdir -p "$DATA"
if java -cp "$ROOT/devstack/target/lib/*" io.reportingsuite.contracts.debt.DemoLedger 3000 0 "$today" 8 \
    "demo-$today" >"$json" 2>"$LOGS/debt-demo-ledger.log"; then
  status=$(curl -sS -o "$LOGS/debt-demo-import.json" -w '%{http_code}' -u ledger:ledger-secret \
    -H 'Content-Type: application/json' --data-binary @"$json" "$BASE/api/v1/ledger/imports" || echo 000)
  case $status in
    200|201) echo "  debt demo ledger      3,000 employers loaded (import demo-$today, HTTP $status)" ;;
    *) echo "  debt demo ledger      NOT loaded (HTTP $status; see $LOGS/debt-demo-import.json)" ;;
  esac
else
  echo "  debt demo ledger      NOT generated (see $LOGS/debt-demo-ledger.log)"
fi
echo "  debt SOAP             $BASE/soap/EmployerAccountBalance?wsdl"
echo "  debt REST             $BASE/api/v1/employers/{companyId|nossNumber}/balance?legalContext=&closingDate="
echo "  debt batches          $BASE/api/v1/debt-queries/batches  (AMQP debt.batch-requests -> debt.batch-results)"
echo "  debt credentials      telemarc/telemarc-secret (PUBLIC_PROCUREMENT), inspector/inspector-secret (all),"
echo "                        ledger/ledger-secret (imports), auditor/auditor-secret (GET /api/v1/admin/audit)"
