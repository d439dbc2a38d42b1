// @ts-check
/**
 * EP_FS1: SOAP SkatIndberetning submissions of a valid KY or KSD forsendelse (420 records by default), a
 * fresh HovedIndberetningID each, at a fixed arrival rate after a warm-up.
 *
 * Goal (issue 14, "Performance"): with the whole suite up, at 40 submissions/s with unique ids, p99 <= 50 ms.
 * Saturation goal (>= 200 accepted/s): run with RATE=200.
 *
 *   k6 run -e RATE=40 -e DURATION=60s k8s/k6/ep-fs1-soap-submit.js
 */
import http from 'k6/http';
import { check } from 'k6';
import {
  basicAuth, goals, openModel, summary, summaryTrendStats, urls,
} from './lib/options.js';
import {
  caseSystemOfIteration, eIndkomstFile, hovedIndberetningId, runToken, skatIndberetningEnvelope,
} from './lib/testdata.js';

const SCENARIO = 'soap';

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: openModel(SCENARIO, 'submit', { rate: 40, duration: '60s' }),
  thresholds: goals(SCENARIO, ['p(99)<50']),
  summaryTrendStats,
};

export function setup() {
  return { run: runToken() };
}

/** @param {{run: string}} data */
export function submit(data) {
  const system = caseSystemOfIteration();
  const id = hovedIndberetningId(system, 'S', data.run);
  const res = http.post(`${urls.ingest}/soap/SkatIndberetning`, skatIndberetningEnvelope(id, eIndkomstFile(system, id)), {
    headers: {
      'Content-Type': 'text/xml; charset=UTF-8',
      SOAPAction: '""',
      Authorization: basicAuth(system.user, system.password),
    },
    tags: { name: 'SOAP SkatIndberetning', system: system.name },
    responseCallback: http.expectedStatuses(200),
  });
  check(res, {
    'SOAP 200': (r) => r.status === 200,
    'Status ACCEPTED': (r) => typeof r.body === 'string' && /<(\w+:)?Status>ACCEPTED<\/(\w+:)?Status>/.test(r.body),
    'the answer names the id': (r) => typeof r.body === 'string' && r.body.includes(`>${id}<`),
  });
}

export const handleSummary = summary('ep-fs1-soap-submit');
