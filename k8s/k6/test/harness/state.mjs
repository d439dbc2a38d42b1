// What one harness run records: every metric sample (with its tags), failed checks, unexpected responses,
// failed iterations, and where execution is (for k6/execution, __VU, __ITER).

/** @type {{metric: string, type: string, value: number, tags: Record<string, string>}[]} */
export const samples = [];
/** @type {Map<string, {type: string, isTime: boolean}>} metrics by name (built-in and custom) */
export const metrics = new Map();
/** @type {string[]} */
export const problems = [];

export const execution = {
  /** 'init' | 'setup' | 'iteration' | 'teardown' | 'summary' */
  stage: 'init',
  scenario: /** @type {null | {name: string, executor: string, iteration: number, tags: Record<string,string>}} */ (null),
};

const BUILT_IN = {
  checks: 'rate', data_received: 'counter', data_sent: 'counter', dropped_iterations: 'counter',
  http_req_blocked: 'trend', http_req_connecting: 'trend', http_req_duration: 'trend', http_req_failed: 'rate',
  http_req_receiving: 'trend', http_req_sending: 'trend', http_req_tls_handshaking: 'trend',
  http_req_waiting: 'trend', http_reqs: 'counter', iteration_duration: 'trend', iterations: 'counter',
  vus: 'gauge', vus_max: 'gauge',
};
for (const [name, type] of Object.entries(BUILT_IN)) {
  metrics.set(name, { type, isTime: type === 'trend' });
}

/** The tags every sample of the current iteration carries (k6: scenario, plus the scenario's tags). */
export function currentTags() {
  const s = execution.scenario;
  return s ? { ...s.tags, scenario: s.name } : {};
}

/**
 * @param {string} metric
 * @param {number} value
 * @param {Record<string, string>} [tags]
 */
export function sample(metric, value, tags = {}) {
  const m = metrics.get(metric);
  if (!m) {
    throw new Error(`unknown metric ${metric}`);
  }
  samples.push({ metric, type: m.type, value, tags: { ...currentTags(), ...tags } });
}

/** @param {string} text */
export function problem(text) {
  const where = execution.scenario ? `${execution.scenario.name}#${execution.scenario.iteration}` : execution.stage;
  problems.push(`[${where}] ${text}`);
}
