#!/usr/bin/env bash
# Upload MB/s of one 200 MB file: ingest-service's Styret SFTP server vs Debian's OpenSSH sftp-server, same
# client (OpenSSH sftp), same cipher, same file, alternating rounds in one run (issue 9, "Done when").
#
#   ingest-service/bench/sftp-upload-bench.sh            # from anywhere; options as -D flags:
#   ingest-service/bench/sftp-upload-bench.sh -Dbench.mb=200 -Dbench.rounds=5 -Dbench.cipher=aes128-gcm@openssh.com
#
# Installs openssh-server from Debian when sshd or sftp-server is missing (apt-get; sudo when not root), runs
# sshd as the current user on a free loopback port with a temporary configuration (its own host key, one
# client key, public-key login only), then runs StyretSftpUploadBench (Maven profile bench-sftp), which starts
# ingest-service with devstack and uploads through both. Result: ingest-service/target/bench/sftp-upload.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi

if [[ ! -x /usr/sbin/sshd || ! -x /usr/lib/openssh/sftp-server ]]; then
  echo "installing openssh-server (Debian) ..."
  $sudo apt-get install -y openssh-server >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y openssh-server >/dev/null; }
fi
command -v sftp >/dev/null || { echo "the OpenSSH sftp client is missing (apt-get install openssh-client)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sftp-bench.XXXXXX")
pidfile="$work/sshd.pid"
cleanup() {
  if [[ -f "$pidfile" ]]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -C sftp-bench-client -f "$work/client_key"
ssh-keygen -q -t ed25519 -N '' -C sftp-bench-host -f "$work/host_key"
cp "$work/client_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat >"$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $pidfile
AuthorizedKeysFile $work/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $(id -un)
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
# sshd started by root wants its privilege-separation directory.
if [[ $(id -u) -eq 0 ]]; then mkdir -p /run/sshd; fi
/usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log"
for _ in $(seq 50); do [[ -s "$pidfile" ]] && break; sleep 0.1; done
echo "OpenSSH $(/usr/sbin/sshd -V 2>&1 | head -1 || true) on 127.0.0.1:$port (pid $(cat "$pidfile"))"

cd "$root"
mvn -B -o -q -pl ingest-service -am -Pbench-sftp verify \
  -Dbench.sshd.port="$port" -Dbench.key="$work/client_key" -Dbench.dir="$work" "$@"
cat ingest-service/target/bench/sftp-upload.md
