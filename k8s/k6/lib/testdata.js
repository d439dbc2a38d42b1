// @ts-check
/**
 * The test data of every k6 script, in one place: HovedIndberetningIDs unique per iteration, VALID eIndkomst
 * forsendelser for KY and KSD (the fixed-record file, its Base64 form and its structured JSON form), the SOAP
 * envelopes of EP_FS1 and EmployerAccountBalance, and the employers of debt-service's demo ledger.
 *
 * The files follow contracts' EIndkomstGenerator and EIndkomstFileBuilder (record layouts of
 * contracts/.../RecordLayouts.java): 1000, 2001, one 2101, 5000, then person blocks 6000, 6001 0014,
 * 6001 0015, 6002 0045 `A`, 6001 0046, and 9999 — CR/LF, ASCII (a subset of ISO-8859-1), every field valid,
 * so the suite accepts them (strict validation). The positions below are a second copy of those layouts in
 * another language; ingest's strict validation is what keeps them in step: any drift is a refusal, which
 * fails the CI harness run. The default size, 83 persons = 420 records (~19 KB), is the size
 * ingest-service's SoapSubmissionBench sends, so the figures compare.
 */
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import { env, envNumber } from './options.js';

/**
 * The case systems of the local registry (service-support's microprofile-config.properties, profile
 * `local`): id prefix, Edb-system, indkomsttype, SE numbers and HTTP Basic credentials. Every value can be
 * overridden for another registry (the chart's `caseSystems`).
 * @typedef {{name: string, prefix: string, edbSystem: string, indkomsttype: string,
 *            indberetterSe: string, kommuneSe: string, user: string, password: string}} CaseSystem
 * @type {Record<'KY' | 'KSD', CaseSystem>}
 */
export const caseSystems = {
  KY: {
    name: 'KY',
    prefix: 'A',
    edbSystem: 'KOMBIT_KY',
    indkomsttype: '06',
    indberetterSe: env('KY_INDBERETTER_SE', '29800014'),
    kommuneSe: env('KY_KOMMUNE_SE', '31500028'),
    user: env('KY_USER', 'ky'),
    password: env('KY_PASSWORD', 'ky-secret'),
  },
  KSD: {
    name: 'KSD',
    prefix: 'B',
    edbSystem: 'KOMBIT_KSD',
    indkomsttype: '07',
    indberetterSe: env('KSD_INDBERETTER_SE', '29800022'),
    kommuneSe: env('KSD_KOMMUNE_SE', '31500036'),
    user: env('KSD_USER', 'ksd'),
    password: env('KSD_PASSWORD', 'ksd-secret'),
  },
};

/** KOMBIT's CVR number, record 1000 field 6 (passes modulus 11). */
const KOMBIT_CVR = '29800030';

/**
 * The case system of this iteration: KY and KSD alternate, unless `SYSTEMS` names one (`KY` or `KSD`).
 * @returns {CaseSystem}
 */
export function caseSystemOfIteration() {
  const only = env('SYSTEMS', 'KY,KSD').split(',').map((s) => s.trim().toUpperCase())
    .filter((s) => s === 'KY' || s === 'KSD');
  const names = only.length ? only : ['KY', 'KSD'];
  return caseSystems[/** @type {'KY' | 'KSD'} */ (names[exec.scenario.iterationInTest % names.length])];
}

/**
 * A token for this test run, made once in `setup()` and handed to every iteration: the run's start in
 * seconds, base 36 (6 characters until 2038), or `RUN_ID` when given (6 letters or digits).
 * @returns {string}
 */
export function runToken() {
  const given = env('RUN_ID', '');
  if (given) {
    if (!/^[A-Za-z0-9]{1,6}$/.test(given)) {
      throw new Error('RUN_ID must be 1 to 6 letters or digits');
    }
    return given.toUpperCase().padStart(6, '0');
  }
  return Math.floor(Date.now() / 1000).toString(36).toUpperCase().padStart(6, '0').slice(-6);
}

/**
 * A HovedIndberetningID no other iteration of any run uses: the system's prefix (`A` KY, `B` KSD), the
 * script's kind letter, the phase (`W` warm-up, `M` measured, `S` setup), the run token and the iteration
 * number in the whole test (k6/execution's `iterationInTest`, unique across k6 operator runners too), base
 * 36. An exact resend is ingest's idempotent fast path and would measure nothing, so ids never repeat.
 *
 * @param {CaseSystem} system
 * @param {string} kind       one letter or digit per script (S SOAP, R REST, T tracking, ...)
 * @param {string} run        from {@link runToken}
 * @param {number} [n]        the iteration number; default: this iteration's `iterationInTest`
 * @returns {string}          16 characters, `[AB][A-Z0-9]{15}`
 */
export function hovedIndberetningId(system, kind, run, n) {
  const iteration = n === undefined ? exec.scenario.iterationInTest : n;
  const phase = n !== undefined ? 'S' : exec.scenario.name === 'warmup' ? 'W' : 'M';
  const id = `${system.prefix}${kind}${phase}${run}${iteration.toString(36).toUpperCase().padStart(7, '0')}`;
  if (!/^[AB][A-Z0-9]{15}$/.test(id)) {
    throw new Error(`cannot make a 16-character HovedIndberetningID for iteration ${iteration}`);
  }
  return id;
}

/**
 * @param {string | number} value
 * @param {number} width
 */
function num(value, width) {
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
function yyyymmdd(d) {
  return `${d.getUTCFullYear()}${num(d.getUTCMonth() + 1, 2)}${num(d.getUTCDate(), 2)}`;
}

/** @param {Date} d */
function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

/**
 * A fictitious CPR number that passes the platform's check: day 01–28, month 01–12, year 00–29, serial
 * starting 0–3 (born in the 1900s), as EIndkomstGenerator makes them.
 * @param {number} i
 */
function cpr(i) {
  return `${num(1 + (i % 28), 2)}${num(1 + (i % 12), 2)}${num(i % 30, 2)}${num(i % 4000, 4)}`;
}

/**
 * The dates of a forsendelse made now: sent now, pay period = last month, disposition = 3rd of this month.
 */
function periods() {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const paid = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 3));
  return { now, start, end, paid };
}

/** Persons per forsendelse: `PERSONS`, default 83 (420 records, the size of ingest's SOAP benchmark). */
export function personsPerForsendelse() {
  return Math.max(1, Math.floor(envNumber('PERSONS', 83)));
}

/**
 * A valid forsendelse as SKAT's fixed-record file (CR/LF), for `system` under `id`.
 * @param {CaseSystem} system
 * @param {string} id
 * @param {number} [persons]
 * @returns {string}
 */
export function eIndkomstFile(system, id, persons = personsPerForsendelse()) {
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

/**
 * The same forsendelse as {@link eIndkomstFile} in ingest's structured JSON form (contracts'
 * ForsendelseJsonModel: camelCase field names, amounts in øre); ingest computes Lb_nr, 9999 and the counts.
 * @param {CaseSystem} system
 * @param {string} id
 * @param {number} [persons]
 */
export function structuredForsendelse(system, id, persons = personsPerForsendelse()) {
  const { now, start, end, paid } = periods();
  const people = [];
  for (let p = 0; p < persons; p++) {
    people.push({
      personCprNr: cpr(p),
      linjer: [
        { recNr: '6001', feltnr: '0014', beloeb: (10000 + (p % 900) * 37) * 100, fortegn: '+' },
        { recNr: '6001', feltnr: '0015', beloeb: (3900 + (p % 300) * 11) * 100 + 50, fortegn: '+' },
        { recNr: '6002', feltnr: '0045', kodefelt: 'A' },
        { recNr: '6001', feltnr: '0046', beloeb: 9900, fortegn: '+' },
      ],
    });
  }
  return {
    indberetter: {
      datoSendt: isoDate(now),
      klokSendt: now.toISOString().slice(11, 19),
      indberetterSeNr: system.indberetterSe,
      indberetterCvrNr: KOMBIT_CVR,
      indberetterType: '02',
      indberetningsmetode: '0',
      edbSystem: system.edbSystem,
      edbSystemVersion: '1.0',
      hovedIndberetningsId: id,
      formatVersion: '2.0',
      testMarkering: 'P',
      system: 'E',
    },
    virksomhed: { virksomhedSeNr: system.kommuneSe, valutakode: 'DKK' },
    ansaettelser: [{ personCprNr: cpr(0), ansaettelsesdato: isoDate(start), skattekortType: '1',
      anvendesFra: isoDate(start) }],
    indkomster: [{
      indberetningsId: id,
      loenperiodeStart: isoDate(start),
      loenperiodeSlut: isoDate(end),
      dispositionsdato: isoDate(paid),
      forudBagudMarkering: 'B',
      indkomsttype: system.indkomsttype,
      personer: people,
    }],
  };
}

/**
 * The EP_FS1 SOAP request (SkatIndberetning.xsd) carrying `file`.
 * @param {string} id
 * @param {string} file
 */
export function skatIndberetningEnvelope(id, file) {
  return '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
    + 'xmlns:s="urn:reportingsuite:eindkomst:skatindberetning:1"><soapenv:Body><s:SKATIndberetServiceRequest>'
    + `<s:HovedIndberetningID>${id}</s:HovedIndberetningID>`
    + `<s:Indberetning>${encoding.b64encode(file)}</s:Indberetning>`
    + '</s:SKATIndberetServiceRequest></soapenv:Body></soapenv:Envelope>';
}

/**
 * The Base64 JSON form of a REST submission.
 * @param {string} id
 * @param {string} file
 */
export function base64Submission(id, file) {
  return JSON.stringify({ hovedIndberetningId: id, indberetning: encoding.b64encode(file) });
}

// ---- debt-service -----------------------------------------------------------------------------------------

/**
 * The employers of debt-service's demo ledger (contracts' DemoLedger, loaded by `./suite up`): employer `i`
 * of `DEBT_EMPLOYERS` (default 3000) starting at `DEBT_FIRST` (default 0); profile `i % 12` fixes its rule
 * outcome (no debt, below/above each threshold, plan, dispute, missing DmfA, ...), so consecutive
 * iterations see every outcome.
 */
export const ledger = {
  first: Math.floor(envNumber('DEBT_FIRST', 0)),
  employers: Math.max(1, Math.floor(envNumber('DEBT_EMPLOYERS', 3000))),
};

/**
 * Enterprise number (CBE) of demo employer `i`: `02` + running number + mod-97 check digits.
 * @param {number} i
 */
export function companyId(i) {
  const base = 2000000 + i;
  return `${num(base, 8)}${num(97 - (base % 97), 2)}`;
}

/**
 * NOSS registration number of demo employer `i` (nine digits); profile 11 has none in the ledger.
 * @param {number} i
 */
export function nossNumber(i) {
  const n = 1000000 + i;
  const cc = 96 - ((n * 100) % 97);
  return `${num(n, 7)}${num(cc === 0 ? 97 : cc, 2)}`;
}

/**
 * The demo employer for iteration `n` (default: this iteration), cycling through the ledger.
 * @param {number} [n]
 * @returns {number}
 */
export function employerOfIteration(n) {
  const iteration = n === undefined ? exec.scenario.iterationInTest : n;
  return ledger.first + (iteration % ledger.employers);
}

/**
 * The EmployerAccountBalance SOAP request (one `RequestDetail` per company id).
 * @param {string} legalContext
 * @param {string[]} companyIds
 * @param {string} [closingDate]  yyyy-MM-dd
 */
export function employerAccountBalanceEnvelope(legalContext, companyIds, closingDate) {
  const details = companyIds.map((id) => '<eab:RequestDetail><eab:EmployerId>'
    + `<eab:CompanyID>${id}</eab:CompanyID></eab:EmployerId>`
    + `${closingDate ? `<eab:ClosingDate>${closingDate}</eab:ClosingDate>` : ''}</eab:RequestDetail>`).join('');
  return '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
    + 'xmlns:eab="http://socialsecurity.be/xml/ns/accountbalance"><soapenv:Body><eab:EmployerAccountBalance>'
    + '<eab:Request><eab:RequestInformation><eab:Consumer><eab:CompanyID>0316381039</eab:CompanyID>'
    + '</eab:Consumer></eab:RequestInformation><eab:LegalContextInformation>'
    + `<eab:LegalContext>${legalContext}</eab:LegalContext></eab:LegalContextInformation>${details}`
    + '</eab:Request></eab:EmployerAccountBalance></soapenv:Body></soapenv:Envelope>';
}

/**
 * A grouped-batch request of `size` consecutive demo employers starting at this iteration's place.
 * @param {string} legalContext
 * @param {number} size
 */
export function batchRequest(legalContext, size) {
  const start = exec.scenario.iterationInTest * size;
  const items = [];
  for (let k = 0; k < size; k++) {
    const i = ledger.first + ((start + k) % ledger.employers);
    items.push(k % 2 === 0 || i % 12 === 11 ? { companyId: companyId(i) } : { nossRegistrationNbr: nossNumber(i) });
  }
  return JSON.stringify({ legalContext, items });
}
