// @ts-check
/**
 * debt-service, synchronous REST: GET /api/v1/employers/{companyId}/balance for the employers of the demo
 * ledger (`./suite up` loads 3,000; see README), at a fixed arrival rate after a warm-up. Every 50th
 * iteration asks for an employer the ledger does not hold and must get 404 / NOT_FOUND.
 *
 * Goal (issue 11): p99 < 20 ms at 500 queries/s.
 *
 *   k6 run -e RATE=500 -e DURATION=60s k8s/k6/debt-sync-rest.js
 */
import http from 'k6/http';
import { check } from 'k6';
import exec from 'k6/execution';
import {
  basicAuth, env, goals, openModel, summary, summaryTrendStats, urls,
} from './lib/options.js';
import { companyId, employerOfIteration } from './lib/testdata.js';

const SCENARIO = 'debt_rest';
const LEGAL_CONTEXT = env('LEGAL_CONTEXT', 'PUBLIC_PROCUREMENT');
const AUTH = basicAuth(env('DEBT_USER', 'telemarc'), env('DEBT_PASSWORD', 'telemarc-secret'));

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: openModel(SCENARIO, 'query', { rate: 500, duration: '60s' }),
  thresholds: goals(SCENARIO, ['p(99)<20']),
  summaryTrendStats,
};

export function query() {
  const n = exec.scenario.iterationInTest;
  const unknown = n % 50 === 49;
  // Enterprise numbers far beyond any demo ledger: valid check digits, no such employer.
  const id = unknown ? companyId(900000 + (n % 1000)) : companyId(employerOfIteration());
  const res = http.get(`${urls.debt}/api/v1/employers/${id}/balance?legalContext=${LEGAL_CONTEXT}`, {
    headers: { Authorization: AUTH, Accept: 'application/json' },
    tags: { name: 'GET /api/v1/employers/{id}/balance' },
    responseCallback: http.expectedStatuses(unknown ? 404 : 200),
  });
  if (unknown) {
    check(res, {
      'unknown employer: 404': (r) => r.status === 404,
      'unknown employer: NOT_FOUND': (r) => r.status === 404 && r.json('resultCode') === 'NOT_FOUND',
    });
    return;
  }
  check(res, {
    'balance 200': (r) => r.status === 200,
    'resultCode OK': (r) => r.status === 200 && r.json('resultCode') === 'OK',
    'the employer asked for': (r) => r.status === 200 && r.json('employerId.companyId') === id,
    'a balance analysis': (r) => r.status === 200 && typeof r.json('balanceAnalysisResult') === 'string',
  });
}

export const handleSummary = summary('debt-sync-rest');
