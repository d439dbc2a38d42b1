// Runs the HTTP requests of the harness's k6/http with Node's fetch, one at a time, for the synchronous
// caller waiting on the shared flag (k6's HTTP API is synchronous; Node's fetch is not).
import { workerData } from 'node:worker_threads';

const { port, flag } = workerData;

port.on('message', async (request) => {
  const started = performance.now();
  let answer;
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body === null ? undefined : request.body,
        redirect: 'follow',
        signal: controller.signal,
      });
      const waited = performance.now() - started;
      const body = await res.text();
      answer = {
        status: res.status,
        url: res.url,
        headers: [...res.headers.entries()],
        body,
        duration: performance.now() - started,
        waiting: waited,
      };
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    const cause = e && e.cause ? `: ${e.cause.code || e.cause.message || e.cause}` : '';
    answer = { status: 0, url: request.url, headers: [], body: null, duration: performance.now() - started,
      waiting: 0, error: `${e && e.name === 'AbortError' ? 'request timeout' : String(e && e.message)}${cause}` };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
