// k6/metrics: Counter, Gauge, Rate, Trend (created in the init context only, as in k6).
import { execution, metrics, sample } from '../state.mjs';

function define(name, type, isTime) {
  if (execution.stage !== 'init') {
    throw new Error(`metric ${name}: custom metrics can only be created in the init context`);
  }
  if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/.test(name)) {
    throw new Error(`metric ${name}: invalid name`);
  }
  const existing = metrics.get(name);
  if (existing && existing.type !== type) {
    throw new Error(`metric ${name} already exists as a ${existing.type}`);
  }
  metrics.set(name, { type, isTime: Boolean(isTime) });
}

class Metric {
  constructor(name, type, isTime) {
    define(name, type, isTime);
    this.name = name;
  }

  add(value, tags = {}) {
    const v = typeof value === 'boolean' ? Number(value) : Number(value);
    if (!Number.isFinite(v)) {
      throw new Error(`metric ${this.name}: not a number`);
    }
    sample(this.name, v, tags);
    return true;
  }
}

export class Counter extends Metric { constructor(name, isTime) { super(name, 'counter', isTime); } }
export class Gauge extends Metric { constructor(name, isTime) { super(name, 'gauge', isTime); } }
export class Rate extends Metric { constructor(name, isTime) { super(name, 'rate', isTime); } }
export class Trend extends Metric { constructor(name, isTime) { super(name, 'trend', isTime); } }

export default { Counter, Gauge, Rate, Trend };
