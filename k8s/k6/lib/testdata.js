// @ts-check
/**
 * The test data of every k6 script, in one place: HovedIndberetningIDs unique per iteration, VALID eIndkomst
 * forsendelser for KY and KSD (the fixed-record file, its Base64 form and its structured JSON form), the SOAP
 * envelopes of EP_FS1 and EmployerAccountBalance, and the employers of debt-service's demo ledger.
 *
 * The fixed-record file itself is built by `eindkomst.js` (no k6 import, so Node's `stage-styret.mjs` writes
 * the same files); it follows contracts' EIndkomstGenerator and EIndkomstFileBuilder. The default size, 83 persons = 420 records (~19 KB), is the size
 * ingest-service's SoapSubmissionBench sends, so the figures compare.
 */
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import { env, envNumber } from './options.js';
import {
  KOMBIT_CVR, caseSystemsFrom, cpr, eIndkomstFile as fixedRecordFile, isoDate, num, periods,
} from './eindkomst.js';

/**
 * The case systems of the local registry (`eindkomst.js`), every value overridable by `__ENV`.
 * @typedef {import('./eindkomst.js').CaseSystem} CaseSystem
 */
export const caseSystems = caseSystemsFrom(env);

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

/** Persons per forsendelse: `PERSONS`, default 83 (420 records, the size of ingest's SOAP benchmark). */
export function personsPerForsendelse() {
  return Math.max(1, Math.floor(envNumber('PERSONS', 83)));
}

/**
 * A valid forsendelse as SKAT's fixed-record file (CR/LF), for `system` under `id` (`eindkomst.js`).
 * @param {CaseSystem} system
 * @param {string} id
 * @param {number} [persons]
 * @returns {string}
 */
export function eIndkomstFile(system, id, persons = personsPerForsendelse()) {
  return fixedRecordFile(system, id, persons);
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
