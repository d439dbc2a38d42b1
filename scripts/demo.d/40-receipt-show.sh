#!/usr/bin/env bash
# Demo step: the return files (EP_FS3) and the skattekort messages (EP_FS4) the sample submissions produced.
# Runs after the submission steps; waits (bounded) for the sumkvittering files SKAT's stand-in returns.
set -uo pipefail
sftp_root="$DATA/receipt/sftp"
timeout="${SUITE_RECEIPT_WAIT:-120}"
echo ""
echo "== Demo: return files in the case systems' SFTP folders, and skattekort sent to Beskedfordeler"
echo "-- waiting up to ${timeout}s for sumkvittering files in $sftp_root ..."
deadline=$((SECONDS + timeout))
count() { find "$sftp_root" -type f -name '*_SUMKVIT_*.txt' 2>/dev/null | wc -l; }
until (( $(count) > 0 )) || (( SECONDS >= deadline )); do sleep 2; done
if (( $(count) == 0 )); then
  echo "   no sumkvittering arrived within ${timeout}s (see ./suite logs receipt-service and forwarder-service)"
  exit 1
fi
sleep 3  # let the other forsendelser's answers of the same run land as well
for dir in "$sftp_root"/*/; do
  [[ -d "$dir" ]] || continue
  echo "-- $(basename "$dir") (fetch with the sftp command ./suite up printed)"
  found=0
  while IFS= read -r file; do
    found=1
    printf '   %-52s %6s bytes\n' "$(basename "$file")" "$(wc -c <"$file")"
  done < <(find "$dir" -maxdepth 1 -type f -name '*.txt' | sort)
  ((found)) || echo "   (no files)"
done
echo "-- what the receipt service reports (files, skattekort messages per Beskedfordeler address, pending notifications):"
overview=$(curl -fsS http://127.0.0.1:8083/api/v1/receipt/overview 2>/dev/null) || overview=""
if [[ -n "$overview" ]]; then
  if command -v python3 >/dev/null; then
    printf '%s' "$overview" | python3 -c '
import json, sys
o = json.load(sys.stdin)
for s in o["caseSystems"]:
    print("   %-4s %-16s %3d file(s)   %-20s %3d skattekort message(s)" % (s["name"], s["sftpUser"], len(s["files"]), s["beskedfordelerAddress"], s["skattekortPublished"]))
print("   quarantine: %d file(s); notifications pending: %d" % (len(o["quarantine"]), o["pendingNotifications"]))'
  else
    echo "   $overview"
  fi
else
  echo "   (receipt-service does not answer on :8083)"
fi
echo "-- Beskedfordeler queues on the broker (messages waiting for the case systems):"
curl -fsS http://127.0.0.1:8161/ 2>/dev/null | grep -E 'beskedfordeler\.' | sed 's/^/   /' || echo "   (none yet)"
