#!/usr/bin/env bash
# Endpoints: receipt-service's SFTP server for return files (EP_FS3), one login per case system.
# receipt-service writes $DATA/receipt/sftp-users.txt at start: SYSTEM USER HOST PORT PRIVATE-KEY.
set -uo pipefail
users="$DATA/receipt/sftp-users.txt"
echo ""
echo "  receipt-service return files (EP_FS3): SFTP, one user per case system, public-key login"
if [[ ! -f "$users" ]]; then
  echo "    (no $users yet: receipt-service has not started its SFTP server)"
  exit 0
fi
while read -r system user host port key; do
  [[ -z "${system:-}" || "$system" == \#* ]] && continue
  if [[ "$key" == "-" ]]; then
    echo "    $system  sftp -P $port $user@$host   (key configured in suite.case-systems.$system.authorized-keys)"
  else
    echo "    $system  dev key pair: $key (+ .pub)"
    echo "        sftp -i $key -P $port -o StrictHostKeyChecking=accept-new $user@$host"
  fi
done <"$users"
echo "  receipt overview (files, Beskedfordeler messages): http://127.0.0.1:8083/api/v1/receipt/overview"
echo "  case-system stub notifications: http://127.0.0.1:8083/api/v1/case-system-stub/notifications"
