// k6: check, group, sleep, fail.
import { execution, problem, sample } from '../state.mjs';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function check(value, sets, tags = {}) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    const ok = typeof fn === 'function' ? Boolean(fn(value)) : Boolean(fn);
    sample('checks', ok ? 1 : 0, { ...tags, check: name });
    if (!ok) {
      all = false;
      problem(`check failed: ${name}`);
    }
  }
  return all;
}

export function group(name, fn) {
  return fn();
}

export function sleep(seconds) {
  if (execution.stage === 'init') {
    throw new Error('sleep() in the init context');
  }
  Atomics.wait(sleeper, 0, 0, Math.max(0, seconds * 1000));
}

export function fail(message) {
  throw new Error(message === undefined ? 'fail()' : String(message));
}

export default { check, group, sleep, fail };
