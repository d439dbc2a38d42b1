#!/usr/bin/env bash
# Demo step: the Belgian batch channel (SPEC §5) from the sender's side, with scripts/batch-send.sh (bash,
# openssl, the OpenSSH sftp client): a signed art. 30bis debt batch on the employer channel (positive ACRF,
# then the signed answer, both verified with openssl against the platform certificate), and a social
# secretariat's batch for an employer it holds no mandate for (negative ACRF naming the reason).
set -uo pipefail
material=$(dirname "$DATA")/batch-channel
wait=${SUITE_BATCH_WAIT:-120}
cbe() { # demo-ledger employer number -> its enterprise number (contracts' DemoLedger.companyId)
  local base=$((2000000 + $1)); printf '%08d%02d' "$base" $((97 - base % 97))
}
send() { ROOT="$ROOT" bash "$ROOT/scripts/batch-send.sh" --wait "$wait" --platform-certificate \
  "$DATA/platform-signing/platform-certificate.pem" "$@" 2>&1 | sed 's/^/  /'; return "${PIPESTATUS[0]}"; }

echo ""
echo "== Demo: batch channel — BE_EMPLOYER sends a signed art. 30bis debt query (FI + FS + GO) for 12 demo employers"
[[ -f $material/BE_EMPLOYER/channel.env ]] || { echo "   no demo senders in $material (./suite up generates them)"; exit 1; }
employers=$(for i in $(seq 0 11); do printf '%s ' "$(cbe "$i")"; done)
send "$material/BE_EMPLOYER" --employers "$employers" --legal-context ART_30BIS
code=$?
((code == 0)) || { echo "   the debt batch did not come back positive and answered (exit $code)"; exit 1; }

echo ""
echo "== Demo: batch channel — BE_SOCSEC (a social secretariat) sends for $(cbe 8), an employer that gave it no mandate"
send "$material/BE_SOCSEC" --mandant "$(cbe 8)" --employers "$(cbe 8)"
code=$?
((code == 2)) || { echo "   expected a negative ACRF (exit 2), got exit $code"; exit 1; }
echo "   (nothing of a refused transmission reaches debt-service)"
