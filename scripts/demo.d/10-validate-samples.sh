#!/usr/bin/env bash
# Demo step: the sample files, checked the way the platform will check them (./suite validate).
set -uo pipefail
echo ""
echo "== Demo: the sample files, checked the way the platform will check them"
for sample in "$ROOT"/samples/eindkomst/*.txt; do
  case "$(basename "$sample")" in ky-*) system=KY ;; ksd-*) system=KSD ;; *) system= ;; esac
  echo "-- ./suite validate samples/eindkomst/$(basename "$sample")${system:+ --system $system}"
  "$ROOT/suite" validate "$sample" ${system:+--system "$system"}
  code=$?
  if ((code == 0)); then echo "   (exit 0: no errors)"; else echo "   (exit $code: the file has errors)"; fi
done
