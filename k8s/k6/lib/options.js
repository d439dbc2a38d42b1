// @ts-check
/**
 * Shared k6 plumbing for every script in k8s/k6: __ENV parameters, the open-model scenarios (a warm-up, then
 * the measured scenario), Basic credentials and the end-of-test summary. Plain k6 JavaScript (no remote
 * imports, so it runs in a cluster without internet access).
 */
import encoding from 'k6/encoding';

/**
 * An __ENV parameter, or its default.
 * @param {string} name
 * @param {string} fallback
 * @returns {string}
 */
export function env(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
}

/**
 * A numeric __ENV parameter, or its default.
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
export function envNumber(name, fallback) {
  const raw = env(name, String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new Error(`__ENV.${name} must be a number`);
  }
  return value;
}

/**
 * The `Authorization` header value for HTTP Basic.
 * @param {string} user
 * @param {string} password
 * @returns {string}
 */
export function basicAuth(user, password) {
  return `Basic ${encoding.b64encode(`${user}:${password}`)}`;
}

/** The base URLs of the suite (local `./suite up` ports by default; in a cluster, the chart's Services). */
export const urls = {
  ingest: env('INGEST_URL', 'http://127.0.0.1:8081').replace(/\/$/, ''),
  debt: env('DEBT_URL', 'http://127.0.0.1:8084').replace(/\/$/, ''),
};

/**
 * When the measured scenarios run: after `WARMUP` (default 10s), for `DURATION`.
 * @param {string} duration  the script's default duration
 * @param {string} [warmup]  the script's default warm-up
 * @returns {{startTime: string, duration: string}}
 */
export function measuredWindow(duration, warmup) {
  return { startTime: env('WARMUP', warmup || '10s'), duration: env('DURATION', duration) };
}

/**
 * One open-model scenario (constant-arrival-rate) measured after a warm-up scenario of its own.
 *
 * The warm-up runs first at `WARMUP_RATE` for `WARMUP` (JIT, connection and database pools); the measured
 * scenario starts when it ends, at `RATE` for `DURATION`. Thresholds name the measured scenario by tag
 * (`{scenario:<name>}`), so the warm-up never counts. Arrival-rate executors start iterations on schedule
 * whether or not earlier ones have finished (no coordinated omission); `MAX_VUS` bounds the concurrency.
 *
 * @param {string} name      the measured scenario's name (and its `scenario` tag)
 * @param {string} exec      the exported function both scenarios run
 * @param {{rate: number, duration: string, warmup?: string, warmupRate?: number}} defaults
 * @returns {Record<string, import('k6/options').Scenario>}
 */
export function openModel(name, exec, defaults) {
  const rate = envNumber('RATE', defaults.rate);
  const { startTime: warmup, duration } = measuredWindow(defaults.duration, defaults.warmup);
  const warmupRate = envNumber('WARMUP_RATE', defaults.warmupRate || Math.max(1, Math.ceil(rate / 4)));
  const preAllocatedVUs = envNumber('PRE_ALLOCATED_VUS', Math.max(2, Math.ceil(rate / 5)));
  const maxVUs = envNumber('MAX_VUS', Math.max(10, rate * 2));
  return {
    warmup: {
      executor: 'constant-arrival-rate',
      exec,
      rate: warmupRate,
      timeUnit: '1s',
      duration: warmup,
      preAllocatedVUs,
      maxVUs,
      gracefulStop: '5s',
      tags: { phase: 'warmup' },
    },
    [name]: {
      executor: 'constant-arrival-rate',
      exec,
      rate,
      timeUnit: '1s',
      duration,
      startTime: warmup,
      preAllocatedVUs,
      maxVUs,
      gracefulStop: '30s',
      tags: { phase: 'measured' },
    },
  };
}

/**
 * The thresholds every script shares for its measured scenario: the latency goal given, (almost) no failed
 * request or check, and the arrival rate sustained.
 *
 * @param {string} scenario
 * @param {string[]} latency  e.g. ['p(99)<50']
 * @returns {Record<string, string[]>}
 */
export function goals(scenario, latency) {
  return {
    [`http_req_duration{scenario:${scenario}}`]: latency,
    [`http_req_failed{scenario:${scenario}}`]: ['rate<0.01'],
    [`checks{scenario:${scenario}}`]: ['rate>0.99'],
    // The arrival rate was sustained: k6 started every iteration the schedule asked for.
    [`dropped_iterations{scenario:${scenario}}`]: ['count<1'],
  };
}

/** Trend statistics in the summary (k6's default has no p(99), which the goals use). */
export const summaryTrendStats = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

/**
 * @param {number | undefined} v
 * @param {boolean} time
 * @returns {string}
 */
function show(v, time) {
  return v === undefined ? '-' : time ? `${v.toFixed(1)} ms` : v.toFixed(2);
}

/**
 * The `handleSummary` every script exports: a short report on stdout (each threshold and its verdict, the
 * request and iteration counts) and the full k6 summary as JSON in `SUMMARY_DIR` (default: the working
 * directory; under the k6 operator the report in the runner's log is what stays).
 *
 * @param {string} script   the script's name, for the file name and the report
 * @returns {(data: any) => Record<string, string>}
 */
export function summary(script) {
  return (data) => {
    const lines = [`== ${script}`];
    for (const [metric, m] of Object.entries(data.metrics || {})) {
      const values = /** @type {Record<string, number>} */ (m.values || {});
      const thresholds = /** @type {Record<string, {ok: boolean}>} */ (m.thresholds || {});
      const verdicts = Object.entries(thresholds).map(([t, r]) => `${t} ${r.ok ? 'ok' : 'FAILED'}`);
      if (!verdicts.length && !['http_reqs', 'iterations', 'dropped_iterations'].includes(metric)) {
        continue;
      }
      let shown;
      if (m.type === 'trend') {
        const t = m.contains === 'time';
        shown = `p50 ${show(values.med, t)}, p95 ${show(values['p(95)'], t)}, p99 ${show(values['p(99)'], t)}, `
          + `max ${show(values.max, t)}`;
      } else if (m.type === 'rate') {
        shown = `${((values.rate || 0) * 100).toFixed(2)} %`;
      } else {
        shown = `${values.count || 0}${values.rate !== undefined ? ` (${values.rate.toFixed(1)}/s)` : ''}`;
      }
      lines.push(`  ${metric}: ${shown}${verdicts.length ? `  [${verdicts.join('; ')}]` : ''}`);
    }
    const dir = env('SUMMARY_DIR', '.').replace(/\/$/, '');
    return {
      stdout: `${lines.join('\n')}\n`,
      [`${dir}/${script}-summary.json`]: JSON.stringify(data, null, 2),
    };
  };
}
