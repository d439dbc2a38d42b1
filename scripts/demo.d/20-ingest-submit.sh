#!/usr/bin/env bash
# Demo step: submit the KY sample by SOAP and the KSD sample by REST, then show their tracking timelines.
set -uo pipefail
BASE=${INGEST_URL:-http://127.0.0.1:8081}
stamp=$(date +%s)
ky_id=$(printf 'AD%014d' "$stamp")
ksd_id=$(printf 'BD%014d' "$stamp")

# The samples carry a fixed HovedIndberetningID in record 1000 (position 90, 16 characters); each run uses
# a fresh one, so it is not taken for a resend. CR/LF line ends are kept byte for byte.
rekeyed() { # file id
  ID=$2 LC_ALL=C perl -pe 'if ($. == 1) { substr($_, 89, 16) = $ENV{ID} }' "$1"
}
pretty() { python3 -m json.tool 2>/dev/null || cat; }

echo ""
echo "== Demo: samples/eindkomst/ky-valid.txt by SOAP (EP_FS1) as KY, HovedIndberetningID $ky_id"
payload=$(rekeyed "$ROOT/samples/eindkomst/ky-valid.txt" "$ky_id" | base64 -w0)
answer=$(curl -sS -u ky:ky-secret -H 'Content-Type: text/xml; charset=UTF-8' --data-binary @- \
  "$BASE/soap/SkatIndberetning" <<XML
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="urn:reportingsuite:eindkomst:skatindberetning:1"><soapenv:Body><s:SKATIndberetServiceRequest><s:HovedIndberetningID>$ky_id</s:HovedIndberetningID><s:Indberetning>$payload</s:Indberetning></s:SKATIndberetServiceRequest></soapenv:Body></soapenv:Envelope>
XML
) || { echo "   SOAP call failed"; exit 1; }
echo "$answer" | sed 's/></>\n</g' | grep -E '<(Status|HovedIndberetningID|Records|TrackingURL|Code|Message)>' | sed 's/^/   /'

echo ""
echo "== Demo: samples/eindkomst/ksd-valid.txt by REST as KSD, HovedIndberetningID $ksd_id"
rekeyed "$ROOT/samples/eindkomst/ksd-valid.txt" "$ksd_id" |
  curl -sS -i -u ksd:ksd-secret -H 'Content-Type: text/plain; charset=ISO-8859-1' \
    -H "HovedIndberetningID: $ksd_id" --data-binary @- "$BASE/api/v1/indberetninger" |
  tr -d '\r' | grep -iE '^HTTP|^location|"status"' | sed 's/^/   /' || { echo "   REST call failed"; exit 1; }

echo ""
echo "== Demo: tracking timelines (GET /api/v1/indberetninger/{id})"
for entry in "ky:$ky_id" "ksd:$ksd_id"; do
  user=${entry%%:*}; id=${entry#*:}
  for _ in 1 2 3 4 5; do # the QUEUED event travels through suite.tracking; give it a moment
    body=$(curl -sS -u "$user:$user-secret" "$BASE/api/v1/indberetninger/$id")
    [[ $body == *'"QUEUED"'* ]] && break
    sleep 1
  done
  echo "-- $id"
  echo "$body" | pretty
done
