// @ts-check
/**
 * debt-service, synchronous SOAP EmployerAccountBalance with one RequestDetail (`DETAILS` for more) for the
 * employers of the demo ledger (`./suite up` loads 3,000; see README), at a fixed arrival rate after a
 * warm-up.
 *
 * Goal (issue 11): p99 < 20 ms at 500 queries/s.
 *
 *   k6 run -e RATE=500 -e DURATION=60s k8s/k6/debt-sync-soap.js
 */
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import {
  basicAuth, env, envNumber, goals, openModel, summary, summaryTrendStats, urls,
} from './lib/options.js';
import { companyId, employerAccountBalanceEnvelope, employerOfIteration } from './lib/testdata.js';

const SCENARIO = 'debt_soap';
const LEGAL_CONTEXT = env('LEGAL_CONTEXT', 'PUBLIC_PROCUREMENT');
const DETAILS = Math.max(1, Math.floor(envNumber('DETAILS', 1)));
const AUTH = basicAuth(env('DEBT_USER', 'telemarc'), env('DEBT_PASSWORD', 'telemarc-secret'));

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: openModel(SCENARIO, 'query', { rate: 500, duration: '60s' }),
  thresholds: goals(SCENARIO, ['p(99)<20']),
  summaryTrendStats,
};

export function query() {
  const n = exec.scenario.iterationInTest;
  /** @type {string[]} */
  const ids = [];
  for (let k = 0; k < DETAILS; k++) {
    ids.push(companyId(employerOfIteration(n * DETAILS + k)));
  }
  const res = http.post(`${urls.debt}/soap/EmployerAccountBalance`, employerAccountBalanceEnvelope(LEGAL_CONTEXT, ids), {
    headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""', Authorization: AUTH },
    tags: { name: 'SOAP EmployerAccountBalance' },
    responseCallback: http.expectedStatuses(200),
  });
  const body = typeof res.body === 'string' ? res.body : '';
  check(res, {
    'SOAP 200': (r) => r.status === 200,
    'no fault': () => !/:Fault>/.test(body),
    'one ResultCode OK per detail': () => (body.match(/<(\w+:)?ResultCode>OK</g) || []).length === DETAILS,
    'every employer answered': () => ids.every((id) => body.includes(`>${id}<`)),
  });
}

export const handleSummary = summary('debt-sync-soap');
