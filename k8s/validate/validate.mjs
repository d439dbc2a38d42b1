// Offline schema validation of rendered Kubernetes manifests (k8s/check.sh): every object must match the
// schema of its apiVersion and kind, or the run fails; an object with no schema here fails too.
//   built-in kinds      kubernetes-models (the Kubernetes OpenAPI schemas, compiled)
//   ServiceMonitor,     @kubernetes-models/prometheus-operator
//   PrometheusRule
//   ActiveMQArtemis,    the operators' CRD schemas vendored in crds/ (see README.md), checked with Ajv; fields
//   ActiveMQArtemisAddress, a CRD does not declare are refused (the API server would prune them silently)
//   Cluster (CNPG)
// Plus, for every object: metadata.name and label keys/values as the API server accepts them.
//
//   node validate.mjs FILE...
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));

// Vendored CRD schemas, made strict: an object schema with properties and no additionalProperties or
// x-kubernetes-preserve-unknown-fields gets additionalProperties: false.
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)])) : strict(v);
  }
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
for (const k of ["x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations"]) {
  ajv.addKeyword(k);
}
const crds = new Map();
for (const file of readdirSync(join(here, "crds")).filter((f) => f.endsWith(".json"))) {
  const crd = JSON.parse(readFileSync(join(here, "crds", file), "utf8"));
  const schema = strict(crd.schema);
  // metadata is checked below like every object's; int-or-string fields accept both.
  schema.properties.metadata = { type: "object" };
  crds.set(`${crd.group}/${crd.version}/${crd.kind}`, ajv.compile(intOrString(schema)));
}
function intOrString(schema) {
  if (Array.isArray(schema)) return schema.map(intOrString);
  if (!schema || typeof schema !== "object") return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) =>
    [k, k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, intOrString(s)])) : intOrString(v)]));
  if (out["x-kubernetes-int-or-string"]) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  return out;
}

async function model(apiVersion, kind) {
  const crd = crds.get(`${apiVersion}/${kind}`);
  if (crd) {
    return (obj) => (crd(obj) ? [] : crd.errors.map((e) => `${e.instancePath || "/"} ${e.message}` +
      (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : "")));
  }
  const path = apiVersion.startsWith("monitoring.coreos.com/")
    ? `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  let Model;
  try {
    Model = (await import(path))[kind];
  } catch {
    return null;
  }
  return (obj) => {
    try {
      new Model(obj).validate();
      return [];
    } catch (e) {
      return [e.message];
    }
  };
}

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
// Kinds whose names become DNS labels (a Service's name is a host name).
const labelNamed = new Set(["Service", "Namespace"]);

function metadataErrors(obj) {
  const errors = [];
  const m = obj.metadata ?? {};
  const name = m.name ?? "";
  const limit = labelNamed.has(obj.kind) ? 63 : 253;
  if (!(labelNamed.has(obj.kind) ? dns1123Label : dns1123Subdomain).test(name) || name.length > limit) {
    errors.push(`metadata.name ${JSON.stringify(name)} is no valid ${obj.kind} name`);
  }
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    if (!labelKey.test(k) || k.split("/").pop().length > 63) errors.push(`label key ${JSON.stringify(k)} is invalid`);
    if (typeof v !== "string" || !labelValue.test(v) || v.length > 63) errors.push(`label ${k}=${JSON.stringify(v)} is invalid`);
  }
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    if (typeof v !== "string") errors.push(`annotation ${k} is not a string`);
  }
  return errors;
}

let failures = 0;
for (const file of process.argv.slice(2)) {
  const counts = {};
  let index = 0;
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    index++;
    if (doc.errors.length) {
      failures++;
      console.error(`FAIL ${file} #${index}: ${doc.errors[0].message}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    const id = `${obj.kind} ${obj.metadata?.name}`;
    const check = await model(obj.apiVersion, obj.kind);
    const errors = check === null ? [`no schema for ${obj.apiVersion} ${obj.kind}`] : [...check(obj), ...metadataErrors(obj)];
    for (const e of errors) {
      failures++;
      console.error(`FAIL ${file}: ${id}: ${e}`);
    }
    counts[obj.kind] = (counts[obj.kind] ?? 0) + 1;
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`     ${file.split("/").pop()}: ${total} objects (${Object.entries(counts).sort().map(([k, n]) => `${k} ${n}`).join(", ")})`);
}
process.exit(failures ? 1 : 0);
