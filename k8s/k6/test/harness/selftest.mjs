// The harness must be able to fail: runs run-one.mjs on selftest/fixture.js against a local server that
// answers 404, once as the script expects (exit 0) and twice as it does not (exit 1): an unexpected status,
// and a failed check.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const server = createServer((req, res) => { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('nothing'); });
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${server.address().port}/x`;

function run(env) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./run-one.mjs', import.meta.url)),
      fileURLToPath(new URL('./selftest/fixture.js', import.meta.url))],
    { env: { ...process.env, SELFTEST_URL: url, HARNESS_ITERATIONS: '1', ...env }, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => done({ code, out }));
  });
}

const cases = [
  { name: '404 expected and checked: passes', env: { EXPECT: '404' }, code: 0 },
  { name: '200 expected, 404 answered: fails', env: { EXPECT: '200', CHECK_STATUS: '404' }, code: 1, says: 'unexpected response' },
  { name: '404 expected, check wants 200: fails', env: { EXPECT: '404', CHECK_STATUS: '200' }, code: 1, says: 'check failed' },
];
let failures = 0;
for (const c of cases) {
  const { code, out } = await run(c.env);
  const ok = code === c.code && (!c.says || out.includes(c.says));
  console.log(`${ok ? 'ok  ' : 'FAIL'} harness self-test: ${c.name} (exit ${code})`);
  if (!ok) {
    failures++;
    console.log(out);
  }
}
server.close();
process.exit(failures ? 1 : 0);
