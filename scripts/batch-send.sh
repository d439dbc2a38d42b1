#!/usr/bin/env bash
# The sender's side of the Belgian batch channel (SPEC §5), with nothing but bash, openssl and the OpenSSH sftp
# client: build an EACB debt-query file (FI, root BatchRequest) for some employers, sign it (FS: detached CMS,
# RSA, Base64 in 76 columns separated by CR), upload FI, FS and then the empty GO into IN (or INTEST), wait for
# the platform's ACRF in OUT (OUTTEST) and, for a debt query, its answer; verify both FS signatures with
# `openssl cms -verify` against the platform certificate.
#
#   scripts/batch-send.sh [options] CHANNEL_DIR
#
# CHANNEL_DIR holds the channel's channel.env (CHANNEL_USER, SENDER_NUMBER, COMPANY_ID, SSH_KEY, SIGNING_KEY,
# SIGNING_CERTIFICATE), e.g. .suite/batch-channel/BE_EMPLOYER as ./suite up generates it.
#
#   --employers "CBE ..."   companies to ask about: one RequestDetail each (default: the channel's own)
#   --mandant CBE           the company the request is for, RequestInformation/Consumer/CompanyID
#                           (default: the channel's own; a social secretariat names its client employer)
#   --legal-context CTX     ART_30BIS (default), PUBLIC_PROCUREMENT, SUSPENSION_ENFORCEABILITY, OTHER_ARTICLE
#   --closing-date DATE     RequestDetail/ClosingDate (default: none, debt-service takes today)
#   --file PATH             send this file's bytes as the FI instead of building an EACB request
#   --purpose CODE          element 2 of the names (default EACB; FLAC for the Federal Learning Account)
#   --env R|T               R = IN/OUT (default), T = INTEST/OUTTEST
#   --no-sign               no FS file (INTEST needs none)
#   --digest sha256|sha1|md5   the FS digest (default sha256; md5 is refused by the platform)
#   --date YYYYMMDD --seq XXXXX   elements 4 and 5 (default today and the seconds since midnight)
#   --sender NNNNNN         element 3 (default the channel's sender number)
#   --host H --port P       the SFTP server (default 127.0.0.1:8022)
#   --platform-certificate PEM  to verify what comes back (default $SUITE_HOME or .suite, data/platform-signing)
#   --wait SECONDS          how long to wait for the ACRF and the answer (default 120; 0 = upload only)
#   --out DIR               where the fetched files go (default: a new folder under /tmp, printed)
#   --answer / --no-answer  wait for an answer after a positive ACRF (default: only for EACB)
#
# Exit: 0 positive ACRF (and, when waited for, a verified answer); 2 negative ACRF; 1 anything else.
set -uo pipefail

ROOT=${ROOT:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"}
STATE=${SUITE_HOME:-$ROOT/.suite}
employers="" mandant="" context=ART_30BIS closing="" file="" purpose=EACB env=R sign=1 digest=sha256
date=$(date +%Y%m%d) seq=$(printf '%05d' $(( $(date +%s) % 86400 ))) sender="" host=127.0.0.1 port=8022
platform_cert="$STATE/data/platform-signing/platform-certificate.pem" wait=120 out="" answer=""

die() { echo "batch-send: $*" >&2; exit 1; }
while (($# > 0)); do
  case $1 in
    --employers) employers=$2; shift ;;
    --mandant) mandant=$2; shift ;;
    --legal-context) context=$2; shift ;;
    --closing-date) closing=$2; shift ;;
    --file) file=$2; shift ;;
    --purpose) purpose=$2; shift ;;
    --env) env=$2; shift ;;
    --no-sign) sign=0 ;;
    --digest) digest=$2; shift ;;
    --date) date=$2; shift ;;
    --seq) seq=$2; shift ;;
    --sender) sender=$2; shift ;;
    --host) host=$2; shift ;;
    --port) port=$2; shift ;;
    --platform-certificate) platform_cert=$2; shift ;;
    --wait) wait=$2; shift ;;
    --out) out=$2; shift ;;
    --answer) answer=1 ;;
    --no-answer) answer=0 ;;
    -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (--help)" ;;
    *) channel_dir=$1 ;;
  esac
  shift
done
[[ -n ${channel_dir:-} && -f $channel_dir/channel.env ]] || die "give the channel's folder (with channel.env), e.g. .suite/batch-channel/BE_EMPLOYER"
# shellcheck disable=SC1091
source "$channel_dir/channel.env"
for tool in openssl sftp base64; do command -v "$tool" >/dev/null || die "$tool is needed (Debian: openssl, openssh-client)"; done
sender=${sender:-$SENDER_NUMBER}
mandant=${mandant:-$COMPANY_ID}
employers=${employers:-$COMPANY_ID}
[[ $answer ]] || { [[ $purpose == EACB ]] && answer=1 || answer=0; }
case $env in R) in_dir=IN; out_dir=OUT ;; T) in_dir=INTEST; out_dir=OUTTEST ;; *) die "--env is R or T" ;; esac
out=${out:-$(mktemp -d /tmp/batch-send.XXXXXX)}
mkdir -p "$out"

id="$purpose.$sender.$date.$seq.$env"
fi_name="FI.$id.1.1" fs_name="FS.$id.1.1" go_name="GO.$id.1"

# --- the FI: an EACB request (BatchRequest, the EmployerAccountBalance vocabulary) or the given file --------
if [[ -n $file ]]; then
  cp "$file" "$out/$fi_name"
else
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<BatchRequest xmlns="http://socialsecurity.be/xml/ns/accountbalance">\n'
    printf '  <RequestInformation>\n    <Consumer><CompanyID>%s</CompanyID></Consumer>\n' "$mandant"
    printf '    <Reference><ReferenceType>BATCH</ReferenceType><ReferenceOrigin>%s</ReferenceOrigin><ReferenceNbr>%s</ReferenceNbr></Reference>\n' "$CHANNEL_USER" "$id"
    printf '    <Timestamp>%s</Timestamp>\n  </RequestInformation>\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '  <LegalContextInformation><LegalContext>%s</LegalContext></LegalContextInformation>\n' "$context"
    for employer in $employers; do
      printf '  <RequestDetail><EmployerId><CompanyID>%s</CompanyID></EmployerId>%s</RequestDetail>\n' "$employer" \
        "${closing:+<ClosingDate>$closing</ClosingDate>}"
    done
    printf '</BatchRequest>\n'
  } >"$out/$fi_name"
fi
: >"$out/$go_name"

# --- the FS: detached CMS SignedData over the FI bytes, Base64 in 76 columns, lines separated by one CR ------
files=("$fi_name")
if ((sign)); then
  openssl cms -sign -binary -md "$digest" -in "$out/$fi_name" -signer "$SIGNING_CERTIFICATE" -inkey "$SIGNING_KEY" \
    -outform DER -out "$out/$fs_name.der" || die "openssl could not sign $fi_name"
  base64 -w 76 "$out/$fs_name.der" | tr '\n' '\r' | head -c -1 >"$out/$fs_name"
  rm -f "$out/$fs_name.der"
  files+=("$fs_name")
fi
files+=("$go_name")

sftp_batch() { # commands on stdin; output on stdout
  sftp -q -b - -i "$SSH_KEY" -P "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR "$CHANNEL_USER@$host"
}
listing() { printf 'ls -1 %s\n' "$out_dir" | sftp_batch 2>/dev/null | sed -n "s|^$out_dir/||p; /^[A-Z][A-Z]\./p" | sort -u; }

before=$(listing)
echo "-- $CHANNEL_USER uploads into $in_dir: ${files[*]} (GO last)"
(cd "$out" && { echo "cd $in_dir"; for f in "${files[@]}"; do echo "put $f"; done; } | sftp_batch) 2>&1 | sed 's/^/   /'
((PIPESTATUS[0] == 0)) || { echo "   the upload was refused"; exit 1; }
((wait > 0)) || { echo "   uploaded; not waiting for the ACRF (--wait 0). Files: $out"; exit 0; }

# --- what the platform writes back: FO + FS + GO per answer, GO last ----------------------------------------
fetch_new() { # purpose -> prints the new FO names (complete: their GO is there) of that purpose
  local now go base
  now=$(listing)
  comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$now") | grep "^GO\.$1\." | while read -r go; do
    base=${go#GO.}; base=${base%.[0-9]*}
    [[ $base == *.[RT] ]] || base=${go#GO.}
    printf '%s\n' "$now" | grep -E "^F[OS]\.${base//./\\.}(\.[0-9]+\.[0-9]+)?$" | while read -r f; do
      [[ -f $out/$f ]] || printf 'get %s/%s %s\n' "$out_dir" "$f" "$out/$f" | sftp_batch >/dev/null 2>&1
    done
    printf '%s\n' "$now" | grep -E "^FO\.${base//./\\.}(\.[0-9]+\.[0-9]+)?$"
  done
}
verify() { # FO file -> 0 when its FS verifies with the platform certificate
  local fo=$1 fs=${1/\/FO./\/FS.}
  [[ -f $fs ]] || { echo "   no FS for $(basename "$fo")"; return 1; }
  tr '\r' '\n' <"$fs" | base64 -d >"$fs.der" 2>/dev/null || { echo "   $(basename "$fs") is not Base64"; return 1; }
  if openssl cms -verify -binary -inform DER -in "$fs.der" -content "$fo" -CAfile "$platform_cert" \
      -certfile "$platform_cert" -purpose any -out /dev/null 2>"$fs.verify"; then
    echo "   signature: openssl cms -verify against $(basename "$platform_cert"): OK"
  else
    echo "   signature: openssl cms -verify FAILED: $(tail -n 1 "$fs.verify")"; return 1
  fi
}
await() { # purpose, what -> prints the FO that names this transmission
  local deadline=$((SECONDS + wait)) fo
  while ((SECONDS < deadline)); do
    for fo in $(fetch_new "$1"); do
      if grep -qF -e "$id" -e "$fi_name" "$out/$fo" 2>/dev/null; then echo "$out/$fo"; return 0; fi
    done
    sleep 2
  done
  return 1
}

echo "-- waiting up to ${wait}s for the ACRF in $out_dir ..."
acrf=$(await ACRF) || { echo "   no ACRF naming $id within ${wait}s (./suite logs ingest-service)"; exit 1; }
echo "   $(basename "$acrf") ($(wc -c <"$acrf") bytes)"
verify "$acrf" || exit 1
# The ACRF (urn:reportingsuite:batch:acknowledgement:1): Result POSITIVE or NEGATIVE, every finding by rule.
perl -0ne 'print "   result: $1\n" if m{<Result>(\w+)</Result>};
  while (m{<Finding rule="(\w+)"[^>]*>([^<]*)</Finding>}g) { print "   finding $1: $2\n" }' "$acrf"
if grep -q '<Result>NEGATIVE</Result>' "$acrf"; then
  echo "   a NEGATIVE acknowledgement: the transmission was refused and nothing of it was processed"
  exit 2
fi
((answer)) || exit 0

# The answer: one FO.EACR per group (BatchResponse: BatchInformation with RequestId = this transmission,
# GroupNumber n of GroupCount m, then per RequestDetail its Response; or a BatchRefusal).
echo "-- waiting up to ${wait}s for the answer (FO.EACR) in $out_dir ..."
deadline=$((SECONDS + wait)) groups=() count=1
while ((SECONDS < deadline)) && ((${#groups[@]} < count)); do
  for fo in $(fetch_new EACR); do
    grep -qF "<RequestId>$id</RequestId>" "$out/$fo" 2>/dev/null || continue
    [[ " ${groups[*]} " == *" $out/$fo "* ]] || groups+=("$out/$fo")
    count=$(perl -ne 'print $1 if m{<GroupCount>(\d+)</GroupCount>}' "$out/$fo"); count=${count:-1}
  done
  ((${#groups[@]} < count)) && sleep 2
done
((${#groups[@]} > 0)) || { echo "   no answer naming $id within ${wait}s (./suite logs debt-service, receipt-service)"; exit 1; }
status=0
for result in "${groups[@]}"; do
  echo "   $(basename "$result") ($(wc -c <"$result") bytes)"
  verify "$result" || status=1
  perl -0ne 'print "   group $1 of $2\n" if m{<GroupNumber>(\d+)</GroupNumber>\s*<GroupCount>(\d+)</GroupCount>};
    while (m{<Refusal>(.*?)</Refusal>}gs) { (my $r = $1) =~ s/<[^>]+>/ /g; $r =~ s/\s+/ /g; print "   refused:$r\n" }
    while (m{<BatchResponseDetail>(.*?)</BatchResponseDetail>}gs) { my $d = $1;
      my %v; for my $k (qw(Position CompanyID ResultCode Denomination BalanceAnalysisResult Withholding)) { $v{$k} = $1 if $d =~ m{<$k>([^<]*)</$k>} }
      printf "   #%-3s %-10s %-10s %-28s withholding %-7s %s\n", map { $_ // "-" } @v{qw(Position CompanyID ResultCode BalanceAnalysisResult Withholding Denomination)} }' "$result"
done
((${#groups[@]} == count)) || { echo "   only ${#groups[@]} of $count answer groups within ${wait}s"; status=1; }
echo "   files in $out"
exit $status
