#!/usr/bin/env bash
# Endpoints: ingest-service's Styret SFTP server for uploads (EP_FS2), one login per case system.
# ingest-service writes $DATA/ingest/sftp-users.txt at start: SYSTEM USER HOST PORT PRIVATE-KEY.
set -uo pipefail
users="$DATA/ingest/sftp-users.txt"
echo ""
echo "  ingest Styret SFTP uploads (EP_FS2): SFTP, one user per case system, public-key login"
if [[ ! -f "$users" ]]; then
  echo "    (no $users yet: ingest-service has not started its SFTP server)"
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
echo "    upload the data file, then <datafile>.trigger (or notify by SOAP); limits: ingest.styret-sftp.*"
