// @ts-check
/**
 * The Styret SFTP notification (EP_FS2) load test in two steps, and what both share. k6 speaks no SFTP, so
 * the data files are uploaded BEFORE the run by `stage-styret.sh` (Node writes the files with `eindkomst.js`,
 * OpenSSH `sftp` uploads them, a JSON manifest lists them); `styret-notify.js` then notifies one staged file
 * per iteration with SOAP `NotifyUpload`. No k6 import: Node's `stage-styret.mjs` uses this module too.
 */

/** The measured scenario's defaults (the stager stages for the same rate, duration and warm-up). */
export const styretDefaults = { rate: 10, duration: '60s', warmup: '10s' };

/** The recipient every EP_FS2 notification names (SPEC §2.4). */
export const STYRET_RECIPIENT = 'SP_STYRETSFTP_SKAT_IndkomstIndberet';

/**
 * @typedef {{system: 'KY' | 'KSD', sender: string, fileName: string, size: number, id: string}} StagedFile
 * @typedef {{run: string, created: string, warmup: StagedFile[], measured: StagedFile[]}} StyretManifest
 */

/**
 * Seconds of a k6 duration (`10s`, `1m30s`, `500ms`).
 * @param {string} text
 * @returns {number}
 */
export function seconds(text) {
  let total = 0;
  let matched = '';
  for (const m of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[/** @type {'ms'|'s'|'m'|'h'} */ (m[2])];
    matched += m[0];
  }
  if (!matched || matched !== String(text)) {
    throw new Error(`not a k6 duration: '${text}'`);
  }
  return total;
}

/**
 * How many files each scenario of `styret-notify.js` notifies with these parameters: a constant arrival rate
 * starts rate × duration iterations (k6 never starts more). `WARMUP_FILES` / `FILES` override the counts
 * (the Node harness stages exactly its iterations).
 * @param {(name: string, fallback: string) => string} get  reads a parameter (k6: __ENV; Node: process.env)
 * @returns {{warmup: number, measured: number}}
 */
export function stagedCounts(get) {
  const rate = Number(get('RATE', String(styretDefaults.rate)));
  const warmupRate = Number(get('WARMUP_RATE', String(Math.max(1, Math.ceil(rate / 4)))));
  const count = (/** @type {string} */ name, /** @type {number} */ computed) => {
    const n = Number(get(name, String(computed)));
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`${name} must be a whole number >= 0, not '${get(name, '')}'`);
    }
    return n;
  };
  return {
    warmup: count('WARMUP_FILES', Math.ceil(warmupRate * seconds(get('WARMUP', styretDefaults.warmup)))),
    measured: count('FILES', Math.ceil(rate * seconds(get('DURATION', styretDefaults.duration)))),
  };
}

/**
 * The HovedIndberetningID (= SendersFileId) of staged file `n`: the system's prefix, `F` (this script),
 * the phase (`W` warm-up, `M` measured), the run token and `n` in base 36 — the scheme of
 * `testdata.js`' hovedIndberetningId, so no other script or run uses it.
 * @param {string} prefix  `A` (KY) or `B` (KSD)
 * @param {'W' | 'M'} phase
 * @param {string} run     6 letters/digits
 * @param {number} n
 * @returns {string}
 */
export function stagedId(prefix, phase, run, n) {
  const id = `${prefix}F${phase}${run}${n.toString(36).toUpperCase().padStart(7, '0')}`;
  if (!/^[AB][A-Z0-9]{15}$/.test(id)) {
    throw new Error(`cannot make a 16-character HovedIndberetningID for staged file ${n}`);
  }
  return id;
}

/**
 * The `Trigger` document of a staged file (contracts' wsdl/StyretSftp.xsd): the SOAP `NotifyUpload` body.
 * @param {StagedFile} file
 * @returns {string}
 */
export function trigger(file) {
  return '<t:Trigger xmlns:t="http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/types">'
    + '<t:FileContentDescriptor><t:FilType>SkatIndberet</t:FilType><t:SF>770B</t:SF></t:FileContentDescriptor>'
    + `<t:Routinginformation><t:FileName>${file.fileName}</t:FileName><t:SizeInBytes>${file.size}</t:SizeInBytes>`
    + `<t:Sender>${file.sender}</t:Sender><t:SendersFileId>${file.id}</t:SendersFileId>`
    + `<t:Recipients>${STYRET_RECIPIENT}</t:Recipients></t:Routinginformation></t:Trigger>`;
}

/**
 * The staged files of a manifest, checked: what `stage-styret.sh` wrote.
 * @param {string} text  the manifest's JSON
 * @param {string} where  its path, for the error
 * @returns {StyretManifest}
 */
export function parseManifest(text, where) {
  /** @type {StyretManifest} */
  const manifest = JSON.parse(text);
  for (const phase of /** @type {const} */ (['warmup', 'measured'])) {
    if (!Array.isArray(manifest[phase])) {
      throw new Error(`${where}: no '${phase}' list (write it with k8s/k6/stage-styret.sh)`);
    }
    manifest[phase].forEach((f, i) => {
      if (!f || (f.system !== 'KY' && f.system !== 'KSD') || !f.sender || !f.fileName
        || !Number.isInteger(f.size) || !/^[AB][A-Z0-9]{15}$/.test(f.id || '')) {
        throw new Error(`${where}: ${phase}[${i}] is not a staged file (system, sender, fileName, size, id)`);
      }
    });
  }
  return manifest;
}
