// k6/http: request, get, post, put, patch, del, head, options, expectedStatuses, setResponseCallback —
// synchronous, as in k6: the request runs in a worker thread (Node's fetch) while this thread waits.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { execution, problem, sample } from '../state.mjs';

const flag = new Int32Array(new SharedArrayBuffer(4));
const channel = new MessageChannel();
const worker = new Worker(new URL('../fetch-worker.mjs', import.meta.url), {
  workerData: { port: channel.port2, flag },
  transferList: [channel.port2],
});
worker.unref();
channel.port1.unref();

const EXPECTED = Symbol('expectedStatuses');

/** k6's response callback: which statuses count as expected (not a failed request). */
export function expectedStatuses(...ranges) {
  const list = ranges.map((r) => {
    if (typeof r === 'number' && Number.isInteger(r)) {
      return { min: r, max: r };
    }
    if (r && Number.isInteger(r.min) && Number.isInteger(r.max)) {
      return { min: r.min, max: r.max };
    }
    throw new Error('expectedStatuses takes status codes or {min, max} objects');
  });
  return { [EXPECTED]: list, toString: () => JSON.stringify(list) };
}

let defaultCallback = expectedStatuses({ min: 200, max: 399 });

export function setResponseCallback(callback) {
  if (callback !== null && !(callback && callback[EXPECTED])) {
    throw new Error('setResponseCallback takes the result of http.expectedStatuses() or null');
  }
  defaultCallback = callback;
}

/** Go's canonical MIME header key, as k6 shows response headers: content-type -> Content-Type. */
function canonical(name) {
  return name.split('-').map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p)).join('-');
}

/** The subset of gjson paths k6's Response.json(selector) takes that the scripts use: a.b.0.c */
function select(value, selector) {
  let current = value;
  for (const part of selector.split('.')) {
    if (current === null || current === undefined) {
      return undefined;
    }
    if (part === '#' && Array.isArray(current)) {
      return current.length;
    }
    current = current[/^\d+$/.test(part) && Array.isArray(current) ? Number(part) : part];
  }
  return current;
}

function parseTimeout(timeout) {
  if (timeout === undefined) {
    return 60000;
  }
  if (typeof timeout === 'number') {
    return timeout;
  }
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(String(timeout));
  if (!m) {
    throw new Error(`unsupported timeout ${timeout}`);
  }
  return Number(m[1]) * { ms: 1, s: 1000, m: 60000 }[m[2]];
}

function encodeBody(body, headers) {
  if (body === undefined || body === null) {
    return null;
  }
  if (typeof body === 'string') {
    return body;
  }
  if (body instanceof ArrayBuffer) {
    return Buffer.from(new Uint8Array(body));
  }
  if (typeof body === 'object') {
    // k6 form-encodes an object body.
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
  }
  throw new Error('unsupported request body');
}

export function request(method, url, body, params = {}) {
  if (execution.stage === 'init') {
    throw new Error('HTTP requests are not allowed in the init context');
  }
  const known = new Set(['headers', 'tags', 'timeout', 'responseCallback', 'responseType', 'redirects', 'auth',
    'cookies', 'compression', 'jar']);
  for (const key of Object.keys(params || {})) {
    if (!known.has(key)) {
      throw new Error(`unknown request parameter ${key}`);
    }
  }
  const headers = { ...(params.headers || {}) };
  const payload = encodeBody(body, headers);
  Atomics.store(flag, 0, 0);
  channel.port1.postMessage({ method, url: String(url), headers, body: payload, timeoutMs: parseTimeout(params.timeout) });
  if (Atomics.wait(flag, 0, 0, parseTimeout(params.timeout) + 5000) === 'timed-out') {
    throw new Error(`the harness's HTTP worker did not answer ${method} ${url}`);
  }
  const answer = receiveMessageOnPort(channel.port1).message;

  const callback = params.responseCallback === undefined ? defaultCallback : params.responseCallback;
  const expected = callback === null ? true
    : callback[EXPECTED].some((r) => answer.status >= r.min && answer.status <= r.max);
  const path = new URL(String(url)).pathname;
  const tags = {
    method, url: String(url), name: String(url), status: String(answer.status),
    expected_response: String(expected), ...(params.tags || {}),
  };
  sample('http_reqs', 1, tags);
  sample('http_req_duration', answer.duration, tags);
  sample('http_req_waiting', answer.waiting, tags);
  sample('http_req_failed', expected ? 0 : 1, tags);
  if (!expected) {
    const detail = answer.error || (answer.body || '').replace(/\s+/g, ' ').slice(0, 300);
    problem(`unexpected response: ${method} ${path} -> ${answer.status}, the script expects `
      + `${callback.toString()}: ${detail}`);
  }

  const responseHeaders = {};
  for (const [name, value] of answer.headers) {
    const key = canonical(name);
    responseHeaders[key] = responseHeaders[key] === undefined ? value : `${responseHeaders[key]}, ${value}`;
  }
  return {
    status: answer.status,
    status_text: String(answer.status),
    url: answer.url,
    body: params.responseType === 'none' ? null : answer.body,
    headers: responseHeaders,
    error: answer.error || '',
    error_code: answer.error ? 1000 : 0,
    proto: 'HTTP/1.1',
    timings: { duration: answer.duration, waiting: answer.waiting, blocked: 0, connecting: 0, sending: 0,
      receiving: answer.duration - answer.waiting, tls_handshaking: 0 },
    request: { method, url: String(url), headers, body: payload === null ? '' : String(payload), cookies: {} },
    cookies: {},
    json(selector) {
      if (typeof answer.body !== 'string') {
        throw new Error('the response has no body');
      }
      const value = JSON.parse(answer.body);
      return selector === undefined ? value : select(value, selector);
    },
  };
}

export const get = (url, params) => request('GET', url, null, params);
export const head = (url, params) => request('HEAD', url, null, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const patch = (url, body, params) => request('PATCH', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);
export const options = (url, body, params) => request('OPTIONS', url, body, params);

export default { request, get, head, post, put, patch, del, options, expectedStatuses, setResponseCallback };
