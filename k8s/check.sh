#!/usr/bin/env bash
# Checks the reporting-suite chart without a cluster: `helm lint --strict` (warnings fail) and
# `helm template` for the JVM and the native values files, plus a run with every optional part
# switched on, structural assertions on the rendered manifests, and misconfigurations that must
# be refused. Rendered manifests are left in k8s/target/ for inspection.
#
#   k8s/check.sh                 # helm from ../shared/tools/helm (relative to the repo root)
#   HELM=/usr/local/bin/helm k8s/check.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
chart="$root/k8s/reporting-suite"
out="$root/k8s/target"
HELM="${HELM:-$(cd "$root" && ../shared/tools/helm)}"
mkdir -p "$out"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Every optional part on: simulator, NetworkPolicy with egress, existing secrets, PDBs, NodePort.
everything=(
  --set services.skat-simulator.enabled=true
  --set networkPolicy.enabled=true
  --set-json 'networkPolicy.egress=[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"}}]}]'
  --set amqp.existingSecret=amqp-credentials
  --set skatMq.existingSecret=skat-mq-credentials
  --set mailer.existingSecret=smtp-credentials
  --set payloadEncryption.existingSecret=ingest-payload-keys
  --set postgresql.databases.ingest-service.existingSecret=ingest-db-credentials
  --set services.debt-service.replicas=2
  --set-json 'services.receipt-service.pdb={"enabled":true,"maxUnavailable":1}'
  --set services.receipt-service.service.type=NodePort
  --set services.receipt-service.service.nodePorts.sftp=30223
  --set global.image.registry=registry.example.org
  --set-json 'caseSystems={"KY":{"prefix":"A","edbSystem":"KOMBIT_KY","sftpUser":"KY_STYRETSFTP","indberetterSe":["29800014"],"kommuner":{"31500028":"29189846","31500044":"29189854"},"notificationEndpoint":"https://ky.example/soap","beskedfordelerAddress":"beskedfordeler.KY","certificateSubject":"CN=KY,O=KOMBIT,C=DK","retentionWarningEmail":["drift@ky.example"]}}'
)

lint() { # name, helm args...
  local name=$1; shift
  local log="$out/lint-$name.log"
  if ! "$HELM" lint --strict "$chart" "$@" >"$log" 2>&1; then
    fail "helm lint ($name)"; cat "$log" >&2; return
  fi
  if grep -q '\[\(WARNING\|ERROR\)\]' "$log"; then
    fail "helm lint ($name) reported warnings"; cat "$log" >&2; return
  fi
  echo "ok   helm lint --strict ($name): $(grep -c '\[INFO\]' "$log" || true) info, 0 warnings"
}

render() { # name, helm args...
  local name=$1; shift
  if ! "$HELM" template reporting-suite "$chart" --namespace suite "$@" >"$out/$name.yaml" 2>"$out/template-$name.log"; then
    fail "helm template ($name)"; cat "$out/template-$name.log" >&2; return 1
  fi
  echo "ok   helm template ($name): $(grep -c '^kind:' "$out/$name.yaml") resources -> k8s/target/$name.yaml"
}

# Structural assertions on one rendered file: name, expected image tag suffix, expected services.
assert() {
  if ! python3 -c 'import yaml' 2>/dev/null; then
    fail "structural checks ($1) need python3 with PyYAML (Debian: apt-get install python3-yaml)"; return
  fi
  if python3 - "$out/$1.yaml" "$2" "$3" "${4:-}" <<'PY'
import sys, yaml
path, suffix, expected, expected_registry = sys.argv[1], sys.argv[2], set(sys.argv[3].split(",")), sys.argv[4]
docs = [d for d in yaml.safe_load_all(open(path)) if d]
errors = []
deployments = {d["metadata"]["labels"]["app.kubernetes.io/name"]: d for d in docs if d["kind"] == "Deployment"}
if set(deployments) != expected:
    errors.append(f"deployments {sorted(deployments)} != {sorted(expected)}")
paths = {"startupProbe": "/q/health/started", "livenessProbe": "/q/health/live", "readinessProbe": "/q/health/ready"}
for name, d in deployments.items():
    pod = d["spec"]["template"]
    spec, ann = pod["spec"], pod["metadata"]["annotations"]
    c = spec["containers"][0]
    sc = c["securityContext"]
    if not (spec["securityContext"].get("runAsNonRoot") and sc.get("runAsNonRoot")):
        errors.append(f"{name}: runAsNonRoot missing")
    if sc.get("readOnlyRootFilesystem") is not True or sc.get("allowPrivilegeEscalation") is not False:
        errors.append(f"{name}: root filesystem not read-only or privilege escalation allowed")
    if sc.get("capabilities", {}).get("drop") != ["ALL"]:
        errors.append(f"{name}: capabilities not dropped")
    if not any(m["mountPath"] == "/tmp" for m in c["volumeMounts"]):
        errors.append(f"{name}: no /tmp emptyDir")
    for probe, p in paths.items():
        if c.get(probe, {}).get("httpGet", {}).get("path") != p:
            errors.append(f"{name}: {probe} not on {p}")
    if ann.get("prometheus.io/path") != "/q/metrics" or not ann.get("checksum/config"):
        errors.append(f"{name}: scrape or checksum annotations missing")
    image = c["image"]
    if suffix == "-native" and not image.endswith("-native"):
        errors.append(f"{name}: image {image} is not native")
    if suffix == "" and image.endswith("-native"):
        errors.append(f"{name}: image {image} is native")
    cm = next(x for x in docs if x["kind"] == "ConfigMap" and x["metadata"]["name"] == c["envFrom"][0]["configMapRef"]["name"])["data"]
    secret_env = {e["name"] for e in c.get("env", []) if "secretKeyRef" in e.get("valueFrom", {})}
    # Only what exists: receipt-service (EP_FS3) and ingest-service (EP_FS2) run SFTP servers, each with a
    # volume for its data directory and mail for its retention warnings.
    sftp_env = {"receipt-service": ("RECEIPT_SFTP_PORT", "RECEIPT_SFTP_HOST", "RECEIPT_DATA_DIR"),
                "ingest-service": ("INGEST_STYRET_SFTP_PORT", "INGEST_STYRET_SFTP_HOST", "INGEST_DATA_DIR")}
    sftp_services = {n for n, dd in deployments.items() if any(p["name"] == "sftp" for p in dd["spec"]["template"]["spec"]["containers"][0]["ports"])}
    if sftp_services - set(sftp_env):
        errors.append(f"SFTP ports on {sorted(sftp_services - set(sftp_env))}, which have no SFTP server")
    if name in sftp_env:
        port_env, host_env, dir_env = sftp_env[name]
        claims = {v["name"] for v in spec["volumes"] if v.get("persistentVolumeClaim")}
        if not claims:
            errors.append(f"{name}: no volume for its data directory")
        sftp = next((p["containerPort"] for p in c["ports"] if p["name"] == "sftp"), None)
        if sftp is None:
            errors.append(f"{name}: no SFTP port")
        elif cm.get(port_env) != str(sftp):
            errors.append(f"{name}: SFTP port in the ConfigMap differs from the container port {sftp}")
        if cm.get(host_env) != "0.0.0.0":
            errors.append(f"{name}: the SFTP server would listen on loopback only")
        # The data directory (SFTP areas, host key) must lie on the mounted volume, not on the read-only root
        # filesystem or the /tmp emptyDir.
        data_dir = cm.get(dir_env, "")
        on_volume = [m for m in c["volumeMounts"] if m["name"] in claims
                     and (data_dir == m["mountPath"] or data_dir.startswith(m["mountPath"].rstrip("/") + "/"))]
        if not on_volume:
            errors.append(f"{name}: {dir_env}={data_dir!r} is not on a mounted PersistentVolumeClaim")
        for key in ("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_FROM", "QUARKUS_MAILER_START_TLS"):
            if not cm.get(key):
                errors.append(f"{name}: {key} missing (retention warnings go by e-mail)")
        if not {"QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD"} <= secret_env:
            errors.append(f"{name}: SMTP credentials not read from a Secret")
    elif any(k.startswith("QUARKUS_MAILER_") for k in cm) or any(k.startswith("QUARKUS_MAILER_") for k in secret_env):
        errors.append(f"{name}: mailer settings on a service that sends no mail")
    if any("OTEL" in k for k in cm):
        errors.append(f"{name}: OpenTelemetry settings, but no service has OpenTelemetry")
    keys = [v for v in spec["volumes"] if v["name"] == "payload-encryption"]
    if name == "ingest-service":
        mount = next((m for m in c["volumeMounts"] if m["name"] == "payload-encryption"), None)
        if not keys or not mount or not mount.get("readOnly") \
                or mount["mountPath"] + "/payload-encryption.properties" not in cm.get("QUARKUS_CONFIG_LOCATIONS", "").split(","):
            errors.append(f"{name}: payload encryption keys not mounted from a Secret (QUARKUS_CONFIG_LOCATIONS)")
        elif not any(d["kind"] == "Secret" and d["metadata"]["name"] == keys[0]["secret"]["secretName"] for d in docs) \
                and keys[0]["secret"]["secretName"] != "ingest-payload-keys":
            errors.append(f"{name}: payload encryption Secret {keys[0]['secret']['secretName']} neither made nor named")
    elif keys:
        errors.append(f"{name}: payload encryption keys mounted although it stores no payloads")
    limits = c.get("resources", {}).get("limits", {})
    if "memory" not in limits:
        errors.append(f"{name}: no memory limit")
registry = [x for x in docs if x["kind"] == "ConfigMap" and x["metadata"]["name"].endswith("-case-systems")]
if len(registry) != 1:
    errors.append(f"{len(registry)} case-system registry ConfigMaps rendered, 1 expected")
else:
    for name, d in deployments.items():
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        volume = next((v for v in spec["volumes"] if v.get("configMap", {}).get("name") == registry[0]["metadata"]["name"]), None)
        mount = volume and next((m for m in c["volumeMounts"] if m["name"] == volume["name"]), None)
        cm = next(x for x in docs if x["kind"] == "ConfigMap" and x["metadata"]["name"] == c["envFrom"][0]["configMapRef"]["name"])
        if not mount or mount["mountPath"] + "/case-systems.properties" not in cm["data"].get("QUARKUS_CONFIG_LOCATIONS", "").split(","):
            errors.append(f"{name}: does not mount and read the case-system registry")
    if expected_registry:
        lines = set(registry[0]["data"]["case-systems.properties"].splitlines())
        missing = [l for l in expected_registry.split(";") if l not in lines]
        if missing:
            errors.append(f"case-system registry lacks {missing}")
kinds = {}
for d in docs:
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
for kind, count in (("Service", len(expected)), ("ConfigMap", len(expected) + 1), ("ServiceAccount", len(expected))):
    if kinds.get(kind, 0) != count:
        errors.append(f"{kind}: {kinds.get(kind, 0)} rendered, {count} expected")
for e in errors:
    print("  " + e, file=sys.stderr)
print("     " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
sys.exit(1 if errors else 0)
PY
  then echo "ok   structure ($1)"; else fail "structure ($1)"; fi
}

core="debt-service,forwarder-service,ingest-service,receipt-service"

echo "helm: $HELM ($("$HELM" version --short 2>/dev/null || echo unknown))"
lint jvm -f "$chart/values-jvm.yaml"
lint native -f "$chart/values-native.yaml"
lint everything -f "$chart/values-jvm.yaml" "${everything[@]}"
render jvm -f "$chart/values-jvm.yaml" && assert jvm "" "$core"
render native -f "$chart/values-native.yaml" && assert native "-native" "$core"
render everything -f "$chart/values-native.yaml" "${everything[@]}" \
  && assert everything "-native" "$core,skat-simulator" \
    "suite.case-systems.KY.prefix=A;suite.case-systems.KY.indberetter-se=29800014;suite.case-systems.KY.kommuner.31500044=29189854;suite.case-systems.KY.certificate-subject=CN=KY,O=KOMBIT,C=DK;suite.case-systems.KY.retention-warning-email=drift@ky.example"

# Misconfigurations must be refused with a clear message, not rendered half-way.
refuse() { # description, expected message, helm args...
  local what=$1 expected=$2; shift 2
  if "$HELM" template reporting-suite "$chart" "$@" >/dev/null 2>"$out/template-refused.log"; then
    fail "rendered although $what"
  elif grep -qF "$expected" "$out/template-refused.log"; then
    echo "ok   refused: $what"
  else
    fail "refused with an unexpected message: $what"; cat "$out/template-refused.log" >&2
  fi
}
refuse "a service wired to a database has no database entry" \
  "postgresql.databases.forwarder-service.name is not set" --set services.forwarder-service.connects.database=true
refuse "replicas is not a number (values.schema.json)" \
  "got string, want integer" --set services.debt-service.replicas=two
refuse "receipt-service's data directory would not be on a volume" \
  "the data directory must be on the volume" --set services.receipt-service.persistence.enabled=false
refuse "receipt-service's data directory is set by hand, off the volume" \
  "is set from persistence.mountPath" --set services.receipt-service.config.RECEIPT_DATA_DIR=/tmp/receipt
refuse "ingest-service's data directory (Styret SFTP areas) would not be on a volume" \
  "the data directory must be on the volume" --set services.ingest-service.persistence.enabled=false
refuse "a case system carries a password (credentials never go into the registry ConfigMap)" \
  "additional properties 'password' not allowed" \
  --set-json 'caseSystems={"KY":{"prefix":"A","edbSystem":"KOMBIT_KY","sftpUser":"KY_STYRETSFTP","indberetterSe":["29800014"],"kommuner":{"31500028":"29189846"},"notificationEndpoint":"x","beskedfordelerAddress":"y","password":"secret"}}'
refuse "a kommune CVR is given as a number (it would render as 2.9189846e+07)" \
  "got number, want string" \
  --set-json 'caseSystems={"KY":{"prefix":"A","edbSystem":"KOMBIT_KY","sftpUser":"KY_STYRETSFTP","indberetterSe":["29800014"],"kommuner":{"31500028":29189846},"notificationEndpoint":"x","beskedfordelerAddress":"y"}}'
refuse "a case system lacks a required key" \
  "missing property 'kommuner'" \
  --set-json 'caseSystems={"KY":{"prefix":"A","edbSystem":"KOMBIT_KY","sftpUser":"KY_STYRETSFTP","indberetterSe":["29800014"],"notificationEndpoint":"x","beskedfordelerAddress":"y"}}'
refuse "portEnv names a port the service does not have" \
  "which service.ports does not have" --set services.debt-service.service.portEnv.sftp=DEBT_SFTP_PORT
refuse "a payload key id that is no property-name segment" \
  "may hold only letters, digits and -" --set 'payloadEncryption.keys.bad\.id=AAAA'

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all chart checks passed"
