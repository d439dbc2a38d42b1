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

# Every optional part on: simulator, NetworkPolicy with egress, existing secrets, PDBs, NodePort, HPAs,
# ServiceMonitors, the PrometheusRule (with the broker's dead-letter alert) and the Grafana dashboard.
everything=(
  --set services.skat-simulator.enabled=true
  --set otel.endpoint=http://otel-collector.observability:4317
  --set networkPolicy.enabled=true
  --set-json 'networkPolicy.egress=[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8"}}]}]'
  --set amqp.existingSecret=amqp-credentials
  --set skatMq.existingSecret=skat-mq-credentials
  --set mailer.existingSecret=smtp-credentials
  --set payloadEncryption.existingSecret=ingest-payload-keys
  --set postgresql.databases.ingest-service.existingSecret=ingest-db-credentials
  --set services.debt-service.replicas=2
  --set services.ingest-service.autoscaling.enabled=true
  --set-json 'services.ingest-service.persistence.accessModes=["ReadWriteMany"]'
  --set services.forwarder-service.autoscaling.enabled=true
  --set monitoring.serviceMonitor.enabled=true
  --set monitoring.prometheusRule.enabled=true
  --set monitoring.prometheusRule.brokerDeadLetters.enabled=true
  --set monitoring.grafanaDashboard.enabled=true
  --set-json 'services.receipt-service.pdb={"enabled":true,"maxUnavailable":1}'
  --set services.receipt-service.service.type=NodePort
  --set services.receipt-service.service.nodePorts.sftp=30223
  --set global.image.registry=registry.example.org
  --set batchChannel.existingSecret=batch-channel-senders
  --set platformSigning.existingSecret=platform-signing
  --set-json 'batchChannel.channels={"SSEC_100002":{"senderNumber":"100002","quality":"SOCIAL_SECRETARIAT","companyId":"0420000201"}}'
  --set-json 'batchChannel.adminCertificateSubjects=["CN=mandates-admin,O=Example"]'
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
  if python3 - "$out/$1.yaml" "$2" "$3" "${4:-}" "${5:-}" <<'PY'
import sys, yaml
path, suffix, expected, expected_registry = sys.argv[1], sys.argv[2], set(sys.argv[3].split(",")), sys.argv[4]
expected_hpas = set(filter(None, sys.argv[5].split(",")))
docs = [d for d in yaml.safe_load_all(open(path)) if d]
errors = []
# HPAs: only where expected, on a Deployment that leaves replicas to them, never on a pod with a private volume.
by_name = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
claims = {d["metadata"]["name"]: d["spec"]["accessModes"] for d in docs if d["kind"] == "PersistentVolumeClaim"}
pdbs = {tuple(sorted(d["spec"]["selector"]["matchLabels"].items())) for d in docs if d["kind"] == "PodDisruptionBudget"}
hpa_services = set()
for h in (d for d in docs if d["kind"] == "HorizontalPodAutoscaler"):
    target = by_name.get(h["spec"]["scaleTargetRef"]["name"])
    if target is None:
        errors.append(f"HPA {h['metadata']['name']} scales no rendered Deployment"); continue
    svc = target["metadata"]["labels"]["app.kubernetes.io/name"]
    hpa_services.add(svc)
    if "replicas" in target["spec"]:
        errors.append(f"{svc}: Deployment sets replicas although an HPA scales it")
    if not 1 <= h["spec"]["minReplicas"] <= h["spec"]["maxReplicas"]:
        errors.append(f"{svc}: HPA min/max replicas {h['spec']['minReplicas']}/{h['spec']['maxReplicas']}")
    for v in target["spec"]["template"]["spec"]["volumes"]:
        claim = v.get("persistentVolumeClaim", {}).get("claimName")
        if claim and "ReadWriteMany" not in claims.get(claim, []):
            errors.append(f"{svc}: autoscaled with the volume {claim}, which is not ReadWriteMany")
    if h["spec"]["minReplicas"] > 1 and tuple(sorted(target["spec"]["selector"]["matchLabels"].items())) not in pdbs:
        errors.append(f"{svc}: autoscaled from {h['spec']['minReplicas']} pods without a PodDisruptionBudget")
if hpa_services != expected_hpas:
    errors.append(f"HPAs for {sorted(hpa_services)}, expected {sorted(expected_hpas)}")
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
    # Tracing: on for every service (otel.endpoint, the "everything" run) or off for every one (the default).
    otel = {e["name"]: e.get("value") for e in c.get("env", []) if e["name"].startswith("QUARKUS_OTEL_")}
    want_otel = path.endswith("/everything.yaml")
    if want_otel and otel != {"QUARKUS_OTEL_SDK_DISABLED": "false",
                              "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector.observability:4317"}:
        errors.append(f"{name}: otel.endpoint set, but the exporter env is {otel}")
    if not want_otel and (otel or any("OTEL" in k for k in cm)):
        errors.append(f"{name}: OpenTelemetry switched on although otel.endpoint is empty")
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
# The Belgian batch channel (when channels are listed): ingest alone reads its properties, the senders' files are
# where the properties say, the batch-sftp port is on ingest's Service, and ingest and receipt sign with the
# platform key from its Secret (generation off).
batch = [d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-batch-channel")]
if batch:
    props = batch[0]["data"]["batch-channel.properties"]
    for want in ("quality=SOCIAL_SECRETARIAT", "authorized-keys=/etc/reporting-suite/batch-channel-senders/",
                 "certificate-subjects=CN=mandates-admin\\\\,O=Example"):
        if want not in props:
            errors.append(f"batch-channel.properties lacks {want!r}")
    readers = [d["metadata"]["name"] for d in docs if d["kind"] == "ConfigMap"
               and "batch-channel.properties" in d.get("data", {}).get("QUARKUS_CONFIG_LOCATIONS", "")]
    if len(readers) != 1 or not readers[0].endswith("ingest-service"):
        errors.append(f"batch-channel.properties read by {readers}, expected ingest-service alone")
    signers = sorted(d["metadata"]["name"].rsplit("-", 2)[-2] for d in docs if d["kind"] == "ConfigMap"
                     and d.get("data", {}).get("SUITE_PLATFORM_SIGNING_GENERATE") == "false")
    if signers != ["ingest", "receipt"]:
        errors.append(f"platform signing key from its Secret in {signers}, expected ingest and receipt")
    ports = [p["port"] for d in docs if d["kind"] == "Service" and d["metadata"]["name"].endswith("ingest-service")
             for p in d["spec"]["ports"]]
    if 8022 not in ports:
        errors.append(f"ingest-service's Service lacks the batch channel's port 8022: {ports}")
kinds = {}
for d in docs:
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
dashboards = sum(1 for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-dashboard"))
for kind, count in (("Service", len(expected)), ("ConfigMap", len(expected) + 1 + dashboards + len(batch)),
                    ("ServiceAccount", len(expected))):
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

# The existing engines: an ArtemisCloud broker and CloudNativePG clusters, their resources rendered too; and
# receipt-service autoscaled on a ReadWriteMany volume.
engines=(
  --set artemis.enabled=true --set artemis.createBroker=true --set artemis.createAddresses=true
  --set cloudnativePg.enabled=true --set cloudnativePg.createClusters=true
  --set services.receipt-service.autoscaling.enabled=true
  --set-json 'services.receipt-service.persistence.accessModes=["ReadWriteMany"]'
  --set services.receipt-service.strategy.type=RollingUpdate
)

# Every rendered object against its schema, offline: Kubernetes' own (npm kubernetes-models), the Prometheus
# Operator's, and the ArtemisCloud and CloudNativePG CRD schemas vendored in k8s/validate/crds/. Installs its
# packages from k8s/validate/package-lock.json (npm ci) on first use.
validate_schemas() {
  local dir="$root/k8s/validate"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    fail "schema validation needs Node.js and npm"; return
  fi
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    if ! (cd "$dir" && npm ci --no-audit --no-fund) >"$out/npm-ci.log" 2>&1; then
      fail "npm ci in k8s/validate"; cat "$out/npm-ci.log" >&2; return
    fi
  fi
  local files=()
  for name in "$@"; do [[ -s "$out/$name.yaml" ]] && files+=("$out/$name.yaml"); done
  if node "$dir/validate.mjs" "${files[@]}"; then
    echo "ok   every object valid against its schema ($*)"
  else
    fail "schema validation"
  fi
  # The validator itself: each mistake in testdata/refused.yaml must be refused, with its reason.
  if node "$dir/validate.mjs" "$dir/testdata/refused.yaml" >"$out/validate-refused.log" 2>&1; then
    fail "schema validation accepted k8s/validate/testdata/refused.yaml"; return
  fi
  local expected missing=0
  for expected in "Deployment ingest-service: data/spec/replicas must be integer" \
      "HorizontalPodAutoscaler ingest-service: data/spec must have required property scaleTargetRef" \
      'Service Ingest_Service: metadata.name "Ingest_Service" is no valid Service name' \
      "ServiceMonitor ingest-service: data/spec/endpoints/0/interval must match pattern" \
      "ActiveMQArtemis suite-broker: /spec/deploymentPlan must NOT have additional properties (persistenceEnabeld)" \
      "Cluster suite-ingest-db: label app.kubernetes.io/name=" \
      "Widget widget: no schema for example.org/v1 Widget"; do
    grep -qF "$expected" "$out/validate-refused.log" || { fail "schema validation did not refuse: $expected"; missing=1; }
  done
  ((missing)) || echo "ok   schema validation refuses each mistake in k8s/validate/testdata/refused.yaml"
}

# With the engines on, the services use them: the broker's acceptor Service, each CloudNativePG cluster's -rw
# Service and -app Secret, and the chart makes no credentials of its own for them.
engines_wired() {
  if python3 - "$out/engines.yaml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
errors = []
kinds = {}
for d in docs:
    kinds.setdefault(d["kind"], []).append(d)
for cm in kinds["ConfigMap"]:
    data = cm.get("data", {})
    if "AMQP_HOST" in data and data["AMQP_HOST"] != "suite-broker-amqp-0-svc":
        errors.append(f"{cm['metadata']['name']}: AMQP_HOST {data['AMQP_HOST']}")
    url = data.get("QUARKUS_DATASOURCE_JDBC_URL")
    if url and not url.startswith(("jdbc:postgresql://suite-ingest-db-rw:5432/ingest", "jdbc:postgresql://suite-receipt-db-rw:5432/receipt",
                                   "jdbc:postgresql://suite-debt-db-rw:5432/debt")):
        errors.append(f"{cm['metadata']['name']}: JDBC URL {url}")
clusters = {c["metadata"]["name"]: c for c in kinds.get("Cluster", [])}
if set(clusters) != {"suite-ingest-db", "suite-receipt-db", "suite-debt-db"}:
    errors.append(f"CloudNativePG clusters {sorted(clusters)}")
for d in kinds["Deployment"]:
    for e in d["spec"]["template"]["spec"]["containers"][0].get("env", []):
        ref = e.get("valueFrom", {}).get("secretKeyRef")
        if e["name"].startswith("QUARKUS_DATASOURCE_") and not (ref["name"].endswith("-db-app") and ref["name"][:-4] in clusters):
            errors.append(f"{d['metadata']['name']}: {e['name']} from {ref['name']}, not a cluster's app Secret")
if any(s["metadata"]["name"].endswith("-db") for s in kinds.get("Secret", [])):
    errors.append("the chart made database Secrets although CloudNativePG provides them")
broker = kinds.get("ActiveMQArtemis", [])
if len(broker) != 1:
    errors.append(f"{len(broker)} ActiveMQArtemis resources")
else:
    spec = broker[0]["spec"]
    setting = spec["addressSettings"]["addressSetting"][0]
    for key in ("redeliveryDelay", "maxDeliveryAttempts", "deadLetterAddress", "deadLetterQueuePrefix", "expiryAddress"):
        if key not in setting:
            errors.append(f"ActiveMQArtemis: address setting {key} missing (ARCHITECTURE §3)")
    if spec["acceptors"][0]["port"] != 5672 or "AMQP" not in spec["acceptors"][0]["protocols"]:
        errors.append("ActiveMQArtemis: no AMQP acceptor on 5672")
queues = {a["spec"].get("queueName") for a in kinds.get("ActiveMQArtemisAddress", [])}
for q in ("eindkomst.forsendelser", "eindkomst.retur", "debt.batch-requests", "debt.batch-results"):
    if q not in queues or "DLQ." + q not in queues:
        errors.append(f"ActiveMQArtemisAddress for {q} or its DLQ missing")
for e in errors:
    print("  " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
  then echo "ok   engines: services wired to the ArtemisCloud broker and the CloudNativePG clusters"; else fail "engines wiring"; fi
}

# TLS of the HTTP ports (issue 14): every service with connects.tls mounts the TLS Secret where service-support's %prod
# settings read it, is probed and scraped over HTTPS; the others (skat-simulator) over HTTP; the chart-made Secret
# holds what the services and ServiceMonitors read; with tls.existingSecret the chart makes none.
tls_wired() { # rendered file, existing secret name or ""
  if python3 - "$1" "$2" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
existing = sys.argv[2]
errors = []
secrets = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Secret"}
monitors = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ServiceMonitor"}
tls_deployments = 0
for d in (d for d in docs if d["kind"] == "Deployment"):
    name = d["metadata"]["name"]
    pod = d["spec"]["template"]["spec"]
    c = pod["containers"][0]
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    mounted = any(m["name"] == "tls" and m["mountPath"] == "/etc/reporting-suite/tls" for m in c["volumeMounts"])
    scheme = "HTTPS" if mounted else "HTTP"
    tls_deployments += mounted
    if name.endswith("skat-simulator") and mounted:
        errors.append(f"{name}: skat-simulator has no TLS settings (no service-support) but the TLS Secret is mounted")
    if not name.endswith("skat-simulator") and not mounted:
        errors.append(f"{name}: the TLS Secret is not mounted at /etc/reporting-suite/tls")
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        if c[probe]["httpGet"].get("scheme") != scheme:
            errors.append(f"{name}: {probe} is not {scheme}")
    if mounted:
        secret = volumes["tls"]["secret"]["secretName"]
        if existing and secret != existing:
            errors.append(f"{name}: mounts {secret}, not tls.existingSecret {existing}")
        if not existing and set(secrets.get(secret, {}).get("data", {})) != {"tls.crt", "tls.key", "ca.crt", "client-ca.crt"}:
            errors.append(f"{name}: the chart-made TLS Secret {secret} lacks tls.crt, tls.key, ca.crt or client-ca.crt")
        m = monitors.get(name)
        if m and (m["spec"]["endpoints"][0].get("scheme") != "https"
                  or m["spec"]["endpoints"][0]["tlsConfig"]["ca"]["secret"] != {"name": secret, "key": "ca.crt"}):
            errors.append(f"{name}: ServiceMonitor does not scrape over HTTPS with the Secret's ca.crt")
if tls_deployments == 0:
    errors.append("no service serves HTTPS")
if existing and any(n.endswith("-tls") for n in secrets):
    errors.append("a TLS Secret was made although tls.existingSecret is set")
for e in errors:
    print("  " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
  then echo "ok   TLS: HTTPS services mount ${2:-the chart-made} Secret, probes and ServiceMonitors use HTTPS"; else fail "TLS wiring ($1)"; fi
}

echo "helm: $HELM ($("$HELM" version --short 2>/dev/null || echo unknown))"
lint jvm -f "$chart/values-jvm.yaml"
lint native -f "$chart/values-native.yaml"
lint everything -f "$chart/values-jvm.yaml" "${everything[@]}"
lint engines -f "$chart/values-native.yaml" "${engines[@]}"
render default && assert default "" "$core"
render jvm -f "$chart/values-jvm.yaml" && assert jvm "" "$core"
render native -f "$chart/values-native.yaml" && assert native "-native" "$core"
render everything -f "$chart/values-native.yaml" "${everything[@]}" \
  && assert everything "-native" "$core,skat-simulator" \
    "suite.case-systems.KY.prefix=A;suite.case-systems.KY.indberetter-se=29800014;suite.case-systems.KY.kommuner.31500044=29189854;suite.case-systems.KY.certificate-subject=CN=KY,O=KOMBIT,C=DK;suite.case-systems.KY.retention-warning-email=drift@ky.example" \
    "ingest-service,forwarder-service"
render engines -f "$chart/values-native.yaml" "${engines[@]}" \
  && assert engines "-native" "$core" "" "receipt-service" && engines_wired
validate_schemas default jvm native everything engines
tls_wired "$out/everything.yaml" ""
render tls -f "$chart/values-jvm.yaml" --set tls.existingSecret=suite-tls && tls_wired "$out/tls.yaml" suite-tls

# The alerts and the dashboard: promtool checks the rules and runs their unit tests (k8s/tests/alerts.test.yaml)
# on the PrometheusRule of the "everything" run; every metric they name exists today (a counter in the
# services' code, a Quarkus metric, or one of the few external ones the README names); every counter the
# services register is on the dashboard; every alert's runbook_url points at a section of k8s/README.md.
# promtool: $PROMTOOL, the PATH, or unpacked from Debian's prometheus package into k8s/target/tools (only the
# promtool binary is used; nothing is installed and no daemon started).
find_promtool() {
  PROMTOOL="${PROMTOOL:-$(command -v promtool || true)}"
  local tools="$out/tools"
  if [[ -z "$PROMTOOL" && ! -x "$tools/usr/bin/promtool" ]] && command -v apt-get >/dev/null 2>&1; then
    mkdir -p "$tools/deb"
    if ! (cd "$tools/deb" && apt-get download prometheus) >"$out/promtool-download.log" 2>&1; then
      # A fresh machine has no package lists yet.
      { apt-get update -qq && (cd "$tools/deb" && apt-get download prometheus); } >>"$out/promtool-download.log" 2>&1 || true
    fi
    for deb in "$tools"/deb/prometheus_*.deb; do [[ -f "$deb" ]] && dpkg-deb -x "$deb" "$tools"; done
    rm -rf "$tools/deb"
  fi
  if [[ -z "$PROMTOOL" && -x "$tools/usr/bin/promtool" ]]; then PROMTOOL="$tools/usr/bin/promtool"; fi
}

monitoring() {
  find_promtool
  if [[ -z "$PROMTOOL" ]]; then
    fail "alert checks need promtool (set PROMTOOL, or Debian's prometheus package must be downloadable)"
    cat "$out/promtool-download.log" >&2 2>/dev/null || true
    return
  fi
  if ! python3 - "$out/everything.yaml" "$out/prometheus-rules.yaml" "$root" <<'PY'
import json, pathlib, re, sys, yaml
rendered, rules_out, root = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
docs = [d for d in yaml.safe_load_all(open(rendered)) if d]
errors = []
rules = [d for d in docs if d["kind"] == "PrometheusRule"]
if len(rules) != 1:
    sys.exit(f"  {len(rules)} PrometheusRules rendered, 1 expected")
yaml.safe_dump({"groups": rules[0]["spec"]["groups"]}, open(rules_out, "w"))
# Metrics that exist: the services' own counters, timers and gauges (read from their code), Quarkus' HTTP server and JVM
# binders, and the external ones: Prometheus' up, Artemis' metrics plugin, the kubelet's volume statistics.
counters, timers, gauges = set(), set(), set()
for src in root.glob("*/src/main/java/**/*.java"):
    text = src.read_text(encoding="utf-8")
    for name in re.findall(r'(?:Counter\.builder|\.counter)\("([a-z0-9.]+)"', text):
        counters.add(name.replace(".", "_") + "_total")
    # Timers (Prometheus: _seconds_count/_sum/_max, _bucket with service-level objectives) and gauges.
    for name in re.findall(r'Timer\.builder\("([a-z0-9.]+)"', text):
        timers.update(name.replace(".", "_") + "_seconds" + suffix for suffix in ("_count", "_sum", "_max", "_bucket"))
    for name in re.findall(r'Gauge\.builder\("([a-z0-9.]+)"', text):
        gauges.add(name.replace(".", "_"))
# Counters named from a prefix the caller gives (service-support's RetentionJob: metricPrefix + ".retention…",
# constructed with "receipt" / "ingest"): every prefix × suffix exists.
suffixes, prefixes = set(), set()
for src in root.glob("*/src/main/java/**/*.java"):
    text = src.read_text(encoding="utf-8")
    suffixes |= set(re.findall(r'\.counter\(\w+ \+ "\.([a-z0-9.]+)"\)', text))
    prefixes |= set(re.findall(r'new RetentionJob\([\s\S]*?"([a-z]+)", clock\)', text))
if suffixes and not prefixes:
    errors.append("prefixed counters found but no RetentionJob prefix: the scan is broken")
prefixed = {f"{p}_{n.replace('.', '_')}_total" for p in prefixes for n in suffixes}
known = counters | timers | gauges | prefixed | {"http_server_requests_seconds_count", "http_server_requests_seconds_sum",
                    "http_server_requests_seconds_max", "process_cpu_usage", "jvm_memory_used_bytes", "up",
                    "artemis_message_count", "kubelet_volume_stats_available_bytes",
                    "kubelet_volume_stats_capacity_bytes"}
def metrics(expr):
    return set(re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\{", expr))
alerts = [r for g in rules[0]["spec"]["groups"] for r in g["rules"] if "alert" in r]
used = set()
for r in alerts:
    used |= metrics(r["expr"])
dashboard = json.loads(next(d for d in docs if d["kind"] == "ConfigMap"
                            and d["metadata"]["name"].endswith("-dashboard"))["data"]["reporting-suite.json"])
on_dashboard = set()
for p in dashboard["panels"]:
    for t in p.get("targets", []):
        on_dashboard |= metrics(t["expr"])
for name in sorted((used | on_dashboard) - known):
    errors.append(f"metric {name} is used but no service exposes it (and it is none of the known external ones)")
for name in sorted(counters - on_dashboard):
    errors.append(f"counter {name} is not on the dashboard")
if len(counters) < 10:
    errors.append(f"only {len(counters)} counters found in the services' code: the scan is broken")
# Every Service is scraped by one ServiceMonitor, on its http port, at /q/metrics.
services = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Service"}
monitored = set()
for m in (d for d in docs if d["kind"] == "ServiceMonitor"):
    wanted = m["spec"]["selector"]["matchLabels"].items()
    hits = [n for n, svc in services.items() if wanted <= svc["metadata"]["labels"].items()]
    ports = [p["name"] for n in hits for p in services[n]["spec"]["ports"]]
    if len(hits) != 1 or "http" not in ports or m["spec"]["endpoints"] != [dict(m["spec"]["endpoints"][0], port="http", path="/q/metrics")]:
        errors.append(f"ServiceMonitor {m['metadata']['name']} selects {hits} (ports {ports}), endpoints {m['spec']['endpoints']}")
    monitored.update(hits)
if monitored != set(services):
    errors.append(f"Services without a ServiceMonitor: {sorted(set(services) - monitored)}")
# Every alert links a runbook section that exists (GitHub's heading anchors: lower case, spaces to -).
readme = (root / "k8s" / "README.md").read_text(encoding="utf-8")
anchors = {re.sub(r"[^a-z0-9 _-]", "", h.strip().lower()).replace(" ", "-")
           for h in re.findall(r"^#+ (.*)$", readme, re.M)}
for r in alerts:
    url = r.get("annotations", {}).get("runbook_url", "")
    anchor = url.partition("#")[2]
    if anchor != r["alert"].lower() or anchor not in anchors:
        errors.append(f"{r['alert']}: runbook_url {url!r} does not point at its section in k8s/README.md")
    if r.get("labels", {}).get("severity") not in ("warning", "critical"):
        errors.append(f"{r['alert']}: severity missing")
for e in errors:
    print("  " + e, file=sys.stderr)
if not errors:
    print(f"     {len(alerts)} alerts, {len(used | on_dashboard)} metrics used, {len(counters)} service counters all on the dashboard")
sys.exit(1 if errors else 0)
PY
  then fail "alerts and dashboard use what exists"; return; fi
  echo "ok   alerts and dashboard use only metrics that exist; runbooks linked"
  if "$PROMTOOL" check rules "$out/prometheus-rules.yaml" >"$out/promtool.log" 2>&1 \
      && "$PROMTOOL" test rules "$root/k8s/tests/alerts.test.yaml" >>"$out/promtool.log" 2>&1; then
    echo "ok   promtool check rules + test rules (k8s/tests/alerts.test.yaml; $("$PROMTOOL" --version 2>&1 | sed -n '1s/^promtool, version \([^ ]*\).*/promtool \1/p'))"
  else
    fail "promtool"; cat "$out/promtool.log" >&2
  fi
}
[[ -s "$out/everything.yaml" ]] && monitoring

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
refuse "receipt-service autoscaled on a ReadWriteOnce volume (every pod serves the same SFTP files)" \
  "needs persistence.accessModes ReadWriteMany" --set services.receipt-service.autoscaling.enabled=true
refuse "receipt-service with two replicas on a ReadWriteOnce volume" \
  "needs persistence.accessModes ReadWriteMany" --set services.receipt-service.replicas=2
refuse "ingest-service autoscaled on a ReadWriteOnce volume (every pod serves the same Styret SFTP areas)" \
  "needs persistence.accessModes ReadWriteMany" --set services.ingest-service.autoscaling.enabled=true
refuse "a second skat-simulator pod (its ledger of received ids is in memory)" \
  "runs as one pod only" --set services.skat-simulator.enabled=true --set services.skat-simulator.replicas=2
refuse "an HPA whose minReplicas is above maxReplicas" \
  "is above maxReplicas" --set services.debt-service.autoscaling.enabled=true --set services.debt-service.autoscaling.minReplicas=5
refuse "an OTLP endpoint that is no http(s) URL" \
  "does not match pattern" --set otel.endpoint=otel-collector:4317
refuse "a payload key id that is no property-name segment" \
  "may hold only letters, digits and -" --set 'payloadEncryption.keys.bad\.id=AAAA'
refuse "a batch channel without its senders' Secret" "needs batchChannel.existingSecret" \
  --set platformSigning.existingSecret=platform-signing \
  --set-json 'batchChannel.channels={"EMP_100001":{"senderNumber":"100001","quality":"EMPLOYER","companyId":"0200000142"}}'
refuse "a batch channel without the platform signing key" "needs platformSigning.existingSecret" \
  --set batchChannel.existingSecret=batch-channel-senders \
  --set-json 'batchChannel.channels={"EMP_100001":{"senderNumber":"100001","quality":"EMPLOYER","companyId":"0200000142"}}'
refuse "a batch channel whose sender number is not 6 digits" "senderNumber" \
  --set batchChannel.existingSecret=batch-channel-senders --set platformSigning.existingSecret=platform-signing \
  --set-json 'batchChannel.channels={"EMP_100001":{"senderNumber":"1001","quality":"EMPLOYER","companyId":"0200000142"}}'

if ((failures)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all chart checks passed"
