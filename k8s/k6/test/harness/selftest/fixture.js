// A k6 script for the harness's self-test: one GET per iteration to SELFTEST_URL, expecting EXPECT
// (status) and checking CHECK_STATUS. The self-test serves the URL itself.
import http from 'k6/http';
import { check } from 'k6';

const expect = Number(__ENV.EXPECT || 200);

export const options = {
  scenarios: {
    only: { executor: 'constant-arrival-rate', exec: 'probe', rate: 1, timeUnit: '1s', duration: '1s',
      preAllocatedVUs: 1, maxVUs: 1 },
  },
  thresholds: { 'http_req_failed{scenario:only}': ['rate<0.01'] },
};

export function probe() {
  const res = http.get(__ENV.SELFTEST_URL, { responseCallback: http.expectedStatuses(expect) });
  check(res, { 'status as checked': (r) => r.status === Number(__ENV.CHECK_STATUS || expect) });
}

export function handleSummary() {
  return { stdout: '' };
}
