// @ts-check
/**
 * debt-service, grouped batches over REST: each iteration submits a batch of `BATCH_SIZE` demo-ledger
 * employers (default 1,000, company ids and NOSS numbers mixed; legal context ART_30BIS as `inspector`),
 * follows its progress until DONE and reads every result group, at a fixed arrival rate of batches after a
 * warm-up.
 *
 * Goals (issue 11) are functional: a batch completes with progress visible, results arrive grouped, each
 * item answered once — the checks. No batch time is written down; the thresholds on `debt_batch_duration`
 * (submit to DONE) and on the API calls are regression guards derived from the measured 100,000 items in
 * 52.7 s (debt-service README): a 1,000-item batch at ~1,900 items/s takes ~0.5 s.
 *
 *   k6 run -e RATE=1 -e BATCH_SIZE=1000 k8s/k6/debt-batches.js
 */
import http from 'k6/http';
import { check, fail, sleep } from 'k6';
import { Trend } from 'k6/metrics';
import {
  basicAuth, env, envNumber, goals, openModel, summary, summaryTrendStats, urls,
} from './lib/options.js';
import { batchRequest } from './lib/testdata.js';

const SCENARIO = 'debt_batch';
const LEGAL_CONTEXT = env('LEGAL_CONTEXT', 'ART_30BIS');
const BATCH_SIZE = Math.max(1, Math.floor(envNumber('BATCH_SIZE', 1000)));
const BATCH_TIMEOUT_S = envNumber('BATCH_TIMEOUT', 120);
const POLL_S = envNumber('POLL_INTERVAL', 0.2);
const AUTH = basicAuth(env('DEBT_USER', 'inspector'), env('DEBT_PASSWORD', 'inspector-secret'));

const batchDuration = new Trend('debt_batch_duration', true);

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: openModel(SCENARIO, 'batch', { rate: 1, duration: '60s', warmupRate: 1 }),
  thresholds: {
    ...goals(SCENARIO, ['p(99)<200']),
    [`debt_batch_duration{scenario:${SCENARIO}}`]: [`p(95)<${envNumber('BATCH_MAX_SECONDS', 10) * 1000}`],
  },
  summaryTrendStats,
};

/**
 * @param {string} location
 * @param {number} group
 */
function status(location, group) {
  return http.get(`${location}?group=${group}`, {
    headers: { Authorization: AUTH, Accept: 'application/json' },
    tags: { name: 'GET /api/v1/debt-queries/batches/{id}' },
    responseCallback: http.expectedStatuses(200),
  });
}

export function batch() {
  const started = Date.now();
  const submitted = http.post(`${urls.debt}/api/v1/debt-queries/batches`, batchRequest(LEGAL_CONTEXT, BATCH_SIZE), {
    headers: { Authorization: AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
    tags: { name: 'POST /api/v1/debt-queries/batches' },
    responseCallback: http.expectedStatuses(202),
  });
  const accepted = check(submitted, {
    'batch 202': (r) => r.status === 202,
    'batch total': (r) => r.status === 202 && r.json('total') === BATCH_SIZE,
    'batch Location': (r) => /\/api\/v1\/debt-queries\/batches\/[0-9a-f-]{36}$/.test(r.headers.Location || ''),
  });
  if (!accepted) {
    fail(`batch not accepted: HTTP ${submitted.status}`);
  }
  const path = (submitted.headers.Location || '').replace(/^https?:\/\/[^/]+/, '');
  const location = `${urls.debt}${path}`;
  /** @type {any} */
  let view = null;
  const deadline = started + BATCH_TIMEOUT_S * 1000;
  while (Date.now() < deadline) {
    const res = status(location, 0);
    view = res.status === 200 ? res.json() : null;
    if (!view || view.state === 'DONE') {
      break;
    }
    sleep(POLL_S);
  }
  if (!check(view, { 'batch DONE within BATCH_TIMEOUT': (v) => v !== null && v.state === 'DONE' })) {
    return;
  }
  batchDuration.add(Date.now() - started);
  /** @type {number[]} */
  const positions = [];
  let results = view.results;
  for (let group = 0; group < view.groups; group++) {
    if (group > 0) {
      const res = status(location, group);
      results = res.status === 200 ? res.json('results') : [];
    }
    for (const r of Array.isArray(results) ? results : []) {
      positions.push(r.position);
    }
  }
  check(view, {
    'all items done': (v) => v.done === BATCH_SIZE && v.total === BATCH_SIZE,
    'results grouped by groupSize': (v) => v.groups === Math.ceil(BATCH_SIZE / v.groupSize) && v.groupsReady === v.groups,
    'each item answered once': () => positions.length === BATCH_SIZE && new Set(positions).size === BATCH_SIZE,
  });
}

export const handleSummary = summary('debt-batches');
