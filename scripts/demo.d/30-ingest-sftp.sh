#!/usr/bin/env bash
# Demo step: the KY sample uploaded over Styret SFTP (EP_FS2) with the OpenSSH sftp client and a .trigger
# file, then its timeline through the kvittering to the sumkvittering file in KY's return folder (EP_FS3).
set -uo pipefail
BASE=${INGEST_URL:-http://127.0.0.1:8081}
timeout="${SUITE_SFTP_WAIT:-120}"
id=$(printf 'AF%014d' "$(date +%s)")
name="KY-$id.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo ""
echo "== Demo: samples/eindkomst/ky-valid.txt by Styret SFTP (EP_FS2) as KY, HovedIndberetningID $id"
command -v sftp >/dev/null || { echo "   no sftp client (Debian: apt-get install openssh-client)"; exit 1; }
read -r _ user host port key < <(grep '^KY ' "$DATA/ingest/sftp-users.txt" 2>/dev/null) ||
  { echo "   no $DATA/ingest/sftp-users.txt (ingest-service's SFTP server is not up)"; exit 1; }
# The sample with a fresh HovedIndberetningID (record 1000, position 90), CR/LF kept; then its trigger.
ID=$id LC_ALL=C perl -pe 'if ($. == 1) { substr($_, 89, 16) = $ENV{ID} }' \
  "$ROOT/samples/eindkomst/ky-valid.txt" >"$work/$name"
cat >"$work/$name.trigger" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<t:Trigger xmlns:t="http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types">
  <t:FileContentDescriptor><t:FilType>SkatIndberet</t:FilType><t:SF>770B</t:SF></t:FileContentDescriptor>
  <t:Routinginformation><t:FileName>$name</t:FileName><t:SizeInBytes>$(wc -c <"$work/$name")</t:SizeInBytes>
    <t:Sender>$user</t:Sender><t:SendersFileId>$id</t:SendersFileId>
    <t:Recipients>SP_STYRETSFTP_SKAT_IndkomstIndberet</t:Recipients></t:Routinginformation>
</t:Trigger>
XML
printf 'put %s\nput %s\n' "$name" "$name.trigger" >"$work/batch"
echo "-- sftp -b batch -i $key -P $port $user@$host"
(cd "$work" && sftp -q -b batch -i "$key" -P "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
  -o BatchMode=yes "$user@$host") 2>&1 | sed 's/^/   /'
((PIPESTATUS[0] == 0)) || { echo "   the upload or its trigger was refused (./suite logs ingest-service)"; exit 1; }

echo "-- timeline (GET /api/v1/indberetninger/$id), waiting up to ${timeout}s for the sumkvittering ..."
deadline=$((SECONDS + timeout))
body=""
until [[ $body == *'"RETURN_FILE_WRITTEN"'* ]] || ((SECONDS >= deadline)); do
  sleep 2
  body=$(curl -sS -u ky:ky-secret "$BASE/api/v1/indberetninger/$id")
done
printf '%s' "$body" | python3 -c '
import json, sys
t = json.load(sys.stdin)
print("   channel=%s state=%s" % (t.get("channel"), t.get("state")))
keep = ("channel", "fileName", "bytes", "records", "outcome", "result", "fileTransferUUID", "status")
for e in t["timeline"]:
    a = e.get("attributes") or {}
    print("   %s  %-22s %s" % (e["at"][11:23], e["step"], " ".join("%s=%s" % (k, a[k]) for k in keep if k in a)))
' 2>/dev/null || echo "   $body"
echo "-- kvittering the case-system stub received (GET :8083/api/v1/case-system-stub/kvitteringer?sendersFileId=$id):"
curl -sS "http://127.0.0.1:8083/api/v1/case-system-stub/kvitteringer?sendersFileId=$id" | sed 's/^/   /'
echo ""
file=$(find "$DATA/receipt/sftp/$user" -maxdepth 1 -name "${id}_SUMKVIT_*" 2>/dev/null | head -1)
if [[ -n "$file" ]]; then
  echo "-- sumkvittering in $user's return folder: $(basename "$file") ($(wc -c <"$file") bytes)"
else
  echo "   no sumkvittering for $id within ${timeout}s (./suite logs forwarder-service, receipt-service)"
  exit 1
fi
