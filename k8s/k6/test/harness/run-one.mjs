// Runs ONE k6 script the way k6 would, collapsed: what it needs staged (staging.mjs), init context (imports, options), options checked,
// setup(), each scenario's exec function for HARNESS_ITERATIONS iterations (default 3) in start order,
// teardown(), then the summary handed to handleSummary(). Thresholds are parsed and evaluated for the
// report but do not decide the result (a few iterations measure nothing). Exit 1 when a check failed, a
// request got a status the script did not declare as expected (its responseCallback, k6's
// http_req_failed), an iteration threw, or the options are not what k6 would accept.
//
//   node harness/run-one.mjs ../ep-fs1-soap-submit.js
import { register } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stage } from './staging.mjs';
import { execution, metrics, problem, problems, sample, samples } from './state.mjs';

register('./hooks.mjs', import.meta.url);

const script = process.argv[2];
if (!script) {
  console.error('usage: node harness/run-one.mjs SCRIPT.js');
  process.exit(2);
}
const iterations = Number(process.env.HARNESS_ITERATIONS || 3);
const name = script.replace(/^.*\//, '');
const outDir = resolve(process.env.HARNESS_OUT || new URL('../target', import.meta.url).pathname);
mkdirSync(outDir, { recursive: true });

// What the script needs before k6 runs it (staging.mjs: the Styret SFTP files); its __ENV entries.
let staged = {};
try {
  staged = stage(name, iterations, outDir);
} catch (e) {
  problem(`staging: ${e && e.message ? e.message : e}`);
}

// k6 globals. __ENV holds the system environment (k6 run's default) plus SUMMARY_DIR for the summary file.
globalThis.__ENV = { SUMMARY_DIR: outDir, ...process.env, ...staged };
globalThis.__VU = 0;
globalThis.__ITER = 0;
// open(): init context only, a path relative to the script's folder (as k6 resolves it for the main script).
globalThis.open = (file, mode) => {
  if (execution.stage !== 'init') {
    throw new Error('open() can be called only in the init context');
  }
  const content = readFileSync(isAbsolute(file) ? file : resolve(dirname(resolve(script)), file));
  return mode === 'b' ? content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength)
    : content.toString('utf8');
};

const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
const EXECUTORS = new Set(['constant-arrival-rate', 'ramping-arrival-rate']);
const THRESHOLD = /^(avg|min|max|med|count|rate|value|p\(\d+(\.\d+)?\))\s*(<=|>=|==|===|!=|<|>)\s*-?\d+(\.\d+)?$/;

function millis(text) {
  let total = 0;
  for (const [, n, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(n) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[unit];
  }
  return total;
}

/** The options k6 would refuse, and the conventions of k8s/k6 (open model, thresholds). */
function checkOptions(options, module) {
  if (!options || typeof options !== 'object') {
    problem('options: the script exports no options');
    return [];
  }
  const scenarios = Object.entries(options.scenarios || {});
  if (!scenarios.length) {
    problem('options: no scenarios (k8s/k6 scripts use open-model scenarios)');
  }
  for (const [id, s] of scenarios) {
    const where = `options.scenarios.${id}`;
    if (!/^[a-zA-Z0-9_-]+$/.test(id)) problem(`${where}: invalid scenario name`);
    if (!EXECUTORS.has(s.executor)) problem(`${where}: executor ${s.executor} is not an open-model (arrival-rate) executor`);
    const exec = s.exec || 'default';
    if (typeof module[exec] !== 'function') problem(`${where}: exec ${exec} is not an exported function`);
    for (const key of ['duration', 'startTime', 'timeUnit', 'gracefulStop']) {
      if (s[key] !== undefined && !DURATION.test(String(s[key]))) problem(`${where}.${key}: not a duration: ${s[key]}`);
    }
    if (!Number.isInteger(s.preAllocatedVUs) || s.preAllocatedVUs < 0) problem(`${where}: preAllocatedVUs must be an integer >= 0`);
    if (s.maxVUs !== undefined && (!Number.isInteger(s.maxVUs) || s.maxVUs < s.preAllocatedVUs)) problem(`${where}: maxVUs must be an integer >= preAllocatedVUs`);
    if (s.executor === 'constant-arrival-rate') {
      if (!Number.isInteger(s.rate) || s.rate <= 0) problem(`${where}: rate must be a positive integer`);
      if (s.duration === undefined) problem(`${where}: duration is required`);
    }
    if (s.executor === 'ramping-arrival-rate') {
      if (!Array.isArray(s.stages) || !s.stages.length) problem(`${where}: stages are required`);
      for (const st of s.stages || []) {
        if (!DURATION.test(String(st.duration)) || !Number.isInteger(st.target)) problem(`${where}: bad stage ${JSON.stringify(st)}`);
      }
    }
  }
  const ids = new Set(scenarios.map(([id]) => id));
  const thresholds = Object.entries(options.thresholds || {});
  if (!thresholds.length) problem('options: no thresholds (k8s/k6 scripts state their goals as thresholds)');
  for (const [key, list] of thresholds) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(\{(.*)\})?$/.exec(key);
    if (!m) {
      problem(`thresholds: cannot parse ${key}`);
      continue;
    }
    if (!metrics.has(m[1])) problem(`thresholds: no metric named ${m[1]} (k6 refuses to start)`);
    for (const pair of m[3] ? m[3].split(',') : []) {
      const [tag, value] = pair.split(':').map((x) => (x || '').trim());
      if (!tag || value === undefined) problem(`thresholds: bad tag filter in ${key}`);
      if (tag === 'scenario' && !ids.has(value)) problem(`thresholds: ${key} names no scenario of this script`);
    }
    for (const t of Array.isArray(list) ? list : [list]) {
      const expr = typeof t === 'string' ? t : t && t.threshold;
      if (!THRESHOLD.test(String(expr).trim())) problem(`thresholds: ${key}: cannot parse '${expr}'`);
    }
  }
  return scenarios.sort((a, b) => millis(a[1].startTime || '0s') - millis(b[1].startTime || '0s'));
}

// ---- the summary k6 hands to handleSummary --------------------------------------------------------------

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (rank - lo);
}

function values(type, list, seconds, trendStats) {
  if (type === 'trend') {
    const sorted = list.map((s) => s.value).sort((a, b) => a - b);
    const out = {};
    for (const stat of trendStats) {
      const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
      out[stat] = p ? percentile(sorted, Number(p[1]))
        : stat === 'avg' ? (sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1))
          : stat === 'min' ? (sorted[0] || 0) : stat === 'max' ? (sorted[sorted.length - 1] || 0)
            : stat === 'med' ? percentile(sorted, 50) : stat === 'count' ? sorted.length : 0;
    }
    return out;
  }
  if (type === 'rate') {
    const passes = list.filter((s) => s.value !== 0).length;
    return { rate: list.length ? passes / list.length : 0, passes, fails: list.length - passes };
  }
  if (type === 'gauge') {
    const v = list.map((s) => s.value);
    return { value: v[v.length - 1] || 0, min: Math.min(...v, 0), max: Math.max(...v, 0) };
  }
  const count = list.reduce((a, s) => a + s.value, 0);
  return { count, rate: seconds ? count / seconds : 0 };
}

function evaluate(expr, v) {
  const m = /^(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|==|===|!=|<|>)\s*(-?\d+(?:\.\d+)?)$/.exec(expr.trim());
  if (!m) return false;
  const left = v[m[1]] !== undefined ? v[m[1]] : 0;
  const right = Number(m[3]);
  return { '<': left < right, '<=': left <= right, '>': left > right, '>=': left >= right,
    '==': left === right, '===': left === right, '!=': left !== right }[m[2]];
}

function summaryData(options, seconds) {
  const trendStats = options.summaryTrendStats || ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'];
  const data = {
    metrics: {},
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
    options: { summaryTrendStats: trendStats, summaryTimeUnit: '', noColor: true },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: seconds * 1000 },
  };
  const keys = new Set(samples.map((s) => s.metric));
  for (const key of Object.keys(options.thresholds || {})) keys.add(key);
  for (const key of keys) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)(?:\{(.*)\})?$/.exec(key);
    if (!m || !metrics.has(m[1])) continue;
    const filter = (m[2] ? m[2].split(',') : []).map((p) => p.split(':').map((x) => x.trim()));
    const list = samples.filter((s) => s.metric === m[1] && filter.every(([t, v]) => s.tags[t] === v));
    const { type, isTime } = metrics.get(m[1]);
    const thresholds = options.thresholds && options.thresholds[key];
    const expressions = (Array.isArray(thresholds) ? thresholds : thresholds ? [thresholds] : [])
      .map((t) => String(typeof t === 'string' ? t : t.threshold).trim());
    // As k6: a threshold's statistic is computed whether or not summaryTrendStats lists it.
    const stats = [...new Set([...trendStats, ...expressions.map((e) => e.split(/\s*[<>=!]/)[0])])];
    const entry = { type, contains: isTime ? 'time' : 'default', values: values(type, list, seconds, stats) };
    if (expressions.length) {
      entry.thresholds = {};
      for (const expr of expressions) {
        entry.thresholds[expr] = { ok: list.length === 0 || evaluate(expr, entry.values) };
      }
    }
    data.metrics[key] = entry;
  }
  const byCheck = new Map();
  for (const s of samples.filter((x) => x.metric === 'checks')) {
    const c = byCheck.get(s.tags.check) || { name: s.tags.check, path: `::${s.tags.check}`, id: '', passes: 0, fails: 0 };
    if (s.value) c.passes++; else c.fails++;
    byCheck.set(s.tags.check, c);
  }
  data.root_group.checks = [...byCheck.values()];
  return data;
}

// ---- the run ----------------------------------------------------------------------------------------------

const started = Date.now();
let module;
try {
  module = await import(pathToFileURL(resolve(script)).href);
} catch (e) {
  problem(`init context: ${e && e.stack ? e.stack : e}`);
}
if (module) {
  const options = module.options;
  const scenarios = checkOptions(options, module);
  let data;
  let setupOk = true;
  if (typeof module.setup === 'function') {
    execution.stage = 'setup';
    try {
      const result = module.setup();
      data = result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    } catch (e) {
      setupOk = false;
      problem(`setup() threw: ${e && e.stack ? e.stack : e}`);
    }
  }
  for (const [id, s] of setupOk ? scenarios : []) {
    const exec = module[s.exec || 'default'];
    if (typeof exec !== 'function') continue;
    const before = samples.filter((x) => x.metric === 'http_reqs').length;
    for (let i = 0; i < iterations; i++) {
      execution.stage = 'iteration';
      execution.scenario = { name: id, executor: s.executor, iteration: i, tags: { ...(s.tags || {}) } };
      globalThis.__VU = 1;
      globalThis.__ITER = i;
      const t0 = performance.now();
      try {
        exec(data);
      } catch (e) {
        problem(`iteration threw: ${e && e.stack ? e.stack : e}`);
      }
      sample('iteration_duration', performance.now() - t0);
      sample('iterations', 1);
    }
    execution.scenario = null;
    const made = samples.filter((x) => x.metric === 'http_reqs').length - before;
    console.log(`  ${name}: scenario ${id} (${s.executor}): ${iterations} iterations, ${made} requests`);
    if (made === 0) problem(`scenario ${id} made no request`);
  }
  execution.stage = 'teardown';
  if (typeof module.teardown === 'function') {
    try {
      module.teardown(data);
    } catch (e) {
      problem(`teardown() threw: ${e && e.stack ? e.stack : e}`);
    }
  }
  execution.stage = 'summary';
  const summary = summaryData(options || {}, (Date.now() - started) / 1000);
  if (typeof module.handleSummary === 'function') {
    try {
      const outputs = module.handleSummary(summary);
      if (!outputs || typeof outputs !== 'object') throw new Error('handleSummary must return an object');
      for (const [target, content] of Object.entries(outputs)) {
        if (typeof content !== 'string') throw new Error(`handleSummary: ${target} is not a string`);
        if (target === 'stdout') {
          process.stdout.write(content.replace(/^(?=.)/gm, '  '));
          console.log(`  (thresholds shown for information only: ${iterations} iterations per scenario measure nothing)`);
        }
        else if (target === 'stderr') process.stderr.write(content);
        else {
          const file = isAbsolute(target) ? target : resolve(target);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, content);
        }
      }
    } catch (e) {
      problem(`handleSummary threw: ${e && e.stack ? e.stack : e}`);
    }
  } else {
    problem('no handleSummary (k8s/k6 scripts export one)');
  }
}

const requests = samples.filter((s) => s.metric === 'http_reqs').length;
const checks = samples.filter((s) => s.metric === 'checks');
const failedChecks = checks.filter((s) => !s.value).length;
if (problems.length) {
  console.log(`FAIL ${name}: ${requests} requests, ${checks.length - failedChecks}/${checks.length} checks passed`);
  for (const p of problems.slice(0, 30)) console.log(`     ${p}`);
  if (problems.length > 30) console.log(`     ... and ${problems.length - 30} more`);
  process.exitCode = 1;
} else {
  console.log(`ok   ${name}: ${requests} requests, ${checks.length}/${checks.length} checks passed, `
    + `every status as the script expects (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
