// k6/execution: the scenario and VU of the running iteration (one VU per scenario in the harness).
import { execution } from '../state.mjs';

function running(what) {
  if (execution.stage !== 'iteration' || !execution.scenario) {
    // As k6: scenario and VU information exist only inside an iteration.
    throw new Error(`getting ${what} information outside of the VU context is not supported`);
  }
  return execution.scenario;
}

const exec = {
  get scenario() {
    const s = running('scenario');
    return {
      name: s.name,
      executor: s.executor,
      startTime: Date.now(),
      progress: 0,
      iterationInInstance: s.iteration,
      iterationInTest: s.iteration,
    };
  },
  get vu() {
    const s = running('VU');
    return {
      idInInstance: 1, idInTest: 1, iterationInInstance: s.iteration, iterationInScenario: s.iteration,
      tags: {}, metrics: { tags: {}, metadata: {} },
    };
  },
  get instance() {
    return { iterationsCompleted: 0, iterationsInterrupted: 0, vusActive: 1, vusInitialized: 1, currentTestRunDuration: 0 };
  },
  test: {
    abort(reason) {
      throw new Error(`test.abort(${reason === undefined ? '' : reason})`);
    },
    options: {},
  },
};

export default exec;
