#!/usr/bin/env python3
"""Vendors one version of a CustomResourceDefinition's schema into crds/ for validate.mjs.

    python3 vendor-crd.py CRD.yaml VERSION "SOURCE (repository, tag)"

writes crds/<group>_<version>_<Kind>.json: the openAPIV3Schema with its description texts removed (they are
most of a CRD's size), and where it came from.
"""
import json, pathlib, sys
import yaml


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if not (k == "description" and isinstance(v, str))}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


crd_file, version, source = sys.argv[1:4]
crd = yaml.safe_load(pathlib.Path(crd_file).read_text(encoding="utf-8"))
spec = crd["spec"]
served = next(v for v in spec["versions"] if v["name"] == version)
kind = spec["names"]["kind"]
out = pathlib.Path(__file__).parent / "crds" / f"{spec['group']}_{version}_{kind}.json"
out.write_text(json.dumps({
    "$comment": f"openAPIV3Schema of {kind} {spec['group']}/{version}, descriptions removed; from {source}. "
                "Regenerate with k8s/validate/vendor-crd.py (see k8s/validate/README.md).",
    "group": spec["group"], "version": version, "kind": kind,
    "schema": strip(served["schema"]["openAPIV3Schema"]),
}, separators=(",", ":"), sort_keys=True), encoding="utf-8")
print(out)
