// @ts-check
/**
 * The eIndkomst forsendelse files of the k6 scripts, with no k6 import: k6 scripts use it through
 * `testdata.js`, and Node uses it as is (`stage-styret.mjs` writes the files that `styret-notify.js`
 * notifies). The case systems of the local registry and a VALID fixed-record file for each.
 *
 * The files follow contracts' EIndkomstGenerator and EIndkomstFileBuilder (record layouts of
 * contracts/.../RecordLayouts.java): 1000, 2001, one 2101, 5000, then person blocks 6000, 6001 0014,
 * 6001 0015, 6002 0045 `A`, 6001 0046, and 9999 — CR/LF, ASCII (a subset of ISO-8859-1), every field valid,
 * so the suite accepts them (strict validation). The positions below are a second copy of those layouts in
 * another language; ingest's strict validation is what keeps them in step: any drift is a refusal, which
 * fails the CI harness run.
 */

/**
 * @typedef {{name: string, prefix: string, edbSystem: string, indkomsttype: string,
 *            indberetterSe: string, kommuneSe: string, user: string, password: string}} CaseSystem
 */

/**
 * The case systems of the local registry (service-support's microprofile-config.properties, profile
 * `local`): id prefix, Edb-system, indkomsttype, SE numbers and HTTP Basic credentials. Every value can be
 * overridden for another registry (the chart's `caseSystems`).
 * @param {(name: string, fallback: string) => string} get  reads a parameter (k6: __ENV; Node: process.env)
 * @returns {Record<'KY' | 'KSD', CaseSystem>}
 */
export function caseSystemsFrom(get) {
  return {
    KY: {
      name: 'KY',
      prefix: 'A',
      edbSystem: 'KOMBIT_KY',
      indkomsttype: '06',
      indberetterSe: get('KY_INDBERETTER_SE', '29800014'),
      kommuneSe: get('KY_KOMMUNE_SE', '31500028'),
      user: get('KY_USER', 'ky'),
      password: get('KY_PASSWORD', 'ky-secret'),
    },
    KSD: {
      name: 'KSD',
      prefix: 'B',
      edbSystem: 'KOMBIT_KSD',
      indkomsttype: '07',
      indberetterSe: get('KSD_INDBERETTER_SE', '29800022'),
      kommuneSe: get('KSD_KOMMUNE_SE', '31500036'),
      user: get('KSD_USER', 'ksd'),
      password: get('KSD_PASSWORD', 'ksd-secret'),
    },
  };
}

/** KOMBIT's CVR number, record 1000 field 6 (passes modulus 11). */
export const KOMBIT_CVR = '29800030';

/**
 * @param {string | number} value
 * @param {number} width
 */
export function num(value, width) {
  const s = String(value);
  if (s.length > width) {
    throw new Error(`numeric field wider than ${width}`);
  }
  return s.padStart(width, '0');
}

/**
 * One fixed-length record: the fields at their 1-based positions, the rest blank, the record's full length.
 * @param {number} line
 * @param {string} type
 * @param {number} length
 * @param {Array<[number, string]>} fields  [position, text]
 */
function record(line, type, length, fields) {
  const chars = `${num(line, 7)}${type}`.padEnd(length, ' ').split('');
  for (const [position, text] of fields) {
    for (let i = 0; i < text.length; i++) {
      chars[position - 1 + i] = text[i];
    }
  }
  return chars.join('');
}

/** @param {Date} d */
export function yyyymmdd(d) {
  return `${d.getUTCFullYear()}${num(d.getUTCMonth() + 1, 2)}${num(d.getUTCDate(), 2)}`;
}

/** @param {Date} d */
export function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

/**
 * A fictitious CPR number that passes the platform's check: day 01–28, month 01–12, year 00–29, serial
 * starting 0–3 (born in the 1900s), as EIndkomstGenerator makes them.
 * @param {number} i
 */
export function cpr(i) {
  return `${num(1 + (i % 28), 2)}${num(1 + (i % 12), 2)}${num(i % 30, 2)}${num(i % 4000, 4)}`;
}

/**
 * The dates of a forsendelse made now: sent now, pay period = last month, disposition = 3rd of this month.
 */
export function periods() {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const paid = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 3));
  return { now, start, end, paid };
}

/**
 * A valid forsendelse as SKAT's fixed-record file (CR/LF), for `system` under `id`.
 * @param {CaseSystem} system
 * @param {string} id
 * @param {number} persons
 * @returns {string}
 */
export function eIndkomstFile(system, id, persons) {
  const { now, start, end, paid } = periods();
  const time = `${num(now.getUTCHours(), 2)}${num(now.getUTCMinutes(), 2)}${num(now.getUTCSeconds(), 2)}`;
  /** @type {string[]} */
  const lines = [];
  const add = (/** @type {string} */ type, /** @type {number} */ length,
    /** @type {Array<[number, string]>} */ fields) => lines.push(record(lines.length + 1, type, length, fields));
  add('1000', 142, [[12, yyyymmdd(now)], [20, time], [26, system.indberetterSe], [34, KOMBIT_CVR], [42, '02'],
    [49, '0'], [50, system.edbSystem], [70, '1.0'], [90, id], [106, '2.0'], [109, 'P'], [142, 'E']]);
  add('2001', 39, [[28, system.kommuneSe], [37, 'DKK']]);
  // One employment (a tax-card request) per forsendelse, for the first person.
  add('2101', 144, [[12, cpr(0)], [45, yyyymmdd(start)], [85, '1'], [86, yyyymmdd(start)]]);
  add('5000', 75, [[13, id], [45, yyyymmdd(start)], [53, yyyymmdd(end)], [61, yyyymmdd(paid)], [70, 'B'],
    [74, system.indkomsttype]]);
  for (let p = 0; p < persons; p++) {
    add('6000', 96, [[12, '00000000'], [20, cpr(p)]]);
    add('6001', 32, [[12, '0014'], [16, num(10000 + (p % 900) * 37, 10)], [26, '000000'], [32, '+']]);
    add('6001', 32, [[12, '0015'], [16, num(3900 + (p % 300) * 11, 10)], [26, '500000'], [32, '+']]);
    add('6002', 25, [[12, '0045'], [16, 'A']]);
    add('6001', 32, [[12, '0046'], [16, num(99, 10)], [26, '000000'], [32, '+']]);
  }
  add('9999', 18, [[12, num(lines.length + 1, 7)]]);
  return `${lines.join('\r\n')}\r\n`;
}
