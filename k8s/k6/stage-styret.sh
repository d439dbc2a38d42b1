#!/usr/bin/env bash
# Stages the data files of styret-notify.js (EP_FS2): k6 speaks no SFTP, so the files are uploaded before the
# run, as a case system uploads them — OpenSSH sftp, public-key login, into each system's upload area — and a
# JSON manifest lists them for the k6 script (one file per iteration, read with open() in its init context).
#
#   k8s/k6/stage-styret.sh                         # for the defaults of styret-notify.js (10/s for 60s + warm-up)
#   RATE=5 DURATION=2m k8s/k6/stage-styret.sh      # the SAME RATE/DURATION/WARMUP/WARMUP_RATE as the k6 run
#   FILES=3 WARMUP_FILES=3 k8s/k6/stage-styret.sh  # exact counts (the Node harness)
#
# Parameters (environment): those of the k6 run that fix the number of iterations (RATE, DURATION, WARMUP,
# WARMUP_RATE, or FILES/WARMUP_FILES), SYSTEMS, PERSONS, RUN_ID, the case systems' SE numbers (as the k6
# scripts); STYRET_MANIFEST, the manifest to write (default k8s/k6/styret-staged.json, where the k6 script
# looks); the SFTP logins: KY_SFTP_USER/KY_SFTP_KEY, KSD_SFTP_USER/KSD_SFTP_KEY, STYRET_SFTP_HOST,
# STYRET_SFTP_PORT — by default read from the suite's sftp-users.txt (SFTP_USERS, default
# $SUITE_HOME/data/ingest/sftp-users.txt, written by ./suite up's ingest-service); STYRET_MAX_FILES (1000,
# ingest's ingest.styret-sftp.max-files): a run that would need more files in one upload area is refused.
#
# Needs node (>= 20) and the OpenSSH sftp client. The manifest is written only when every upload succeeded.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
manifest=${STYRET_MANIFEST:-$here/styret-staged.json}
users=${SFTP_USERS:-${SUITE_HOME:-$root/.suite}/data/ingest/sftp-users.txt}

fail() { echo "stage-styret: $*" >&2; exit 1; }
command -v node >/dev/null || fail "node (>= 20) is needed to write the files"
command -v sftp >/dev/null || fail "the OpenSSH sftp client is needed (Debian: apt-get install openssh-client)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$manifest"
node "$here/lib/stage-styret.mjs" "$work"

# One SFTP session per system: how many files its area holds already (they count against max-files), then
# every put. sftp -b stops at the first refused command and exits non-zero.
for system in KY KSD; do
  [[ -d $work/$system ]] || continue
  user_var=${system}_SFTP_USER key_var=${system}_SFTP_KEY
  user=${!user_var:-} key=${!key_var:-} host=${STYRET_SFTP_HOST:-} port=${STYRET_SFTP_PORT:-}
  if [[ -z $user || -z $key || -z $host || -z $port ]]; then
    line=$(grep "^$system " "$users" 2>/dev/null) ||
      fail "no SFTP login for $system: set ${system}_SFTP_USER, ${system}_SFTP_KEY, STYRET_SFTP_HOST and STYRET_SFTP_PORT, or run ./suite up (it writes $users)"
    read -r _ u h p k <<<"$line"
    user=${user:-$u} host=${host:-$h} port=${port:-$p} key=${key:-$k}
  fi
  ssh_opts=(-q -i "$key" -P "$port" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null)
  held=$(printf 'ls -1\n' | sftp "${ssh_opts[@]}" -b - "$user@$host" | grep -vc '^sftp>' || true)
  staged=$(ls "$work/$system" | wc -l)
  if ((held + staged > ${STYRET_MAX_FILES:-1000})); then
    fail "$user's upload area holds $held file(s); $staged more would pass its limit of ${STYRET_MAX_FILES:-1000} (notify or delete them first)"
  fi
  (cd "$work/$system" && printf 'put %s\n' *.txt |
    sftp "${ssh_opts[@]}" -b - "$user@$host" >/dev/null) ||
    fail "the upload to $user@$host:$port was refused (ingest-service's log: op=upload ... result=REFUSED)"
  echo "stage-styret: $staged file(s) uploaded as $user to $host:$port ($held already in the area)"
done
mkdir -p "$(dirname "$manifest")"
mv "$work/manifest.json" "$manifest"
echo "stage-styret: manifest $manifest"
