// @ts-check
/**
 * REST submissions (POST /api/v1/indberetninger) of a valid KY or KSD forsendelse, a fresh
 * HovedIndberetningID each, in the three forms ingest accepts, in turn: the raw file (text/plain,
 * ISO-8859-1, id in the `HovedIndberetningID` header), the Base64 JSON form and the structured JSON form
 * (encoded into the file by ingest). Each request is tagged `form`, so thresholds and results can be read
 * per form.
 *
 * Goal: the SOAP submit goal (issue 14: p99 <= 50 ms at 40/s), applied to the REST channel, which does the
 * same work behind another envelope (an assumption: no REST-specific goal is written down).
 *
 *   k6 run -e RATE=40 -e FORMS=raw,base64,structured k8s/k6/rest-submit.js
 */
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import {
  basicAuth, env, goals, openModel, summary, summaryTrendStats, urls,
} from './lib/options.js';
import {
  base64Submission, caseSystemOfIteration, eIndkomstFile, hovedIndberetningId, runToken, structuredForsendelse,
} from './lib/testdata.js';

const SCENARIO = 'rest';
const FORMS = env('FORMS', 'raw,base64,structured').split(',').map((f) => f.trim())
  .filter((f) => f === 'raw' || f === 'base64' || f === 'structured');
if (!FORMS.length) {
  throw new Error('FORMS must name at least one of raw, base64, structured');
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: openModel(SCENARIO, 'submit', { rate: 40, duration: '60s' }),
  thresholds: {
    ...goals(SCENARIO, ['p(99)<50']),
    // One line per form, so a slow encoder shows itself apart from the file path.
    [`http_req_duration{scenario:${SCENARIO},form:raw}`]: ['p(99)<50'],
    [`http_req_duration{scenario:${SCENARIO},form:base64}`]: ['p(99)<50'],
    [`http_req_duration{scenario:${SCENARIO},form:structured}`]: ['p(99)<50'],
  },
  summaryTrendStats,
};

export function setup() {
  return { run: runToken() };
}

/** @param {{run: string}} data */
export function submit(data) {
  const system = caseSystemOfIteration();
  const id = hovedIndberetningId(system, 'R', data.run);
  // KY and KSD alternate with the iteration and the forms take turns, so every combination comes round
  // (every 6 iterations with the three forms).
  const form = FORMS[exec.scenario.iterationInTest % FORMS.length];
  /** @type {Record<string, string>} */
  const headers = { Authorization: basicAuth(system.user, system.password) };
  /** @type {string} */
  let body;
  if (form === 'raw') {
    headers['Content-Type'] = 'text/plain; charset=ISO-8859-1';
    headers.HovedIndberetningID = id;
    body = eIndkomstFile(system, id);
  } else if (form === 'base64') {
    headers['Content-Type'] = 'application/json';
    body = base64Submission(id, eIndkomstFile(system, id));
  } else {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(structuredForsendelse(system, id));
  }
  const res = http.post(`${urls.ingest}/api/v1/indberetninger`, body, {
    headers,
    tags: { name: 'POST /api/v1/indberetninger', form, system: system.name },
    responseCallback: http.expectedStatuses(202),
  });
  check(res, {
    'REST 202': (r) => r.status === 202,
    'status ACCEPTED': (r) => r.status === 202 && r.json('status') === 'ACCEPTED',
    'Location names the id': (r) => (r.headers.Location || '').endsWith(`/api/v1/indberetninger/${id}`),
  }, { form });
}

export const handleSummary = summary('rest-submit');
