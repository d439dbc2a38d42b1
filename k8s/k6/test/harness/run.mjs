// Runs every k6 script of k8s/k6 (or the ones named) through run-one.mjs, each in its own Node process
// (k6 gives each script its own runtime too), and fails when any of them fails.
//
//   node harness/run.mjs                          # all scripts, HARNESS_ITERATIONS=3 each scenario
//   node harness/run.mjs ../debt-sync-rest.js     # one
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const scriptsDir = fileURLToPath(new URL('../../', import.meta.url));
const scripts = process.argv.length > 2 ? process.argv.slice(2)
  : readdirSync(scriptsDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(scriptsDir, f));
if (!scripts.length) {
  console.error('no k6 scripts found');
  process.exit(2);
}
const failed = [];
for (const script of scripts) {
  const run = spawnSync(process.execPath, [join(here, 'run-one.mjs'), script], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(script.replace(/^.*\//, ''));
}
console.log(failed.length ? `k6 harness: ${failed.length} of ${scripts.length} scripts FAILED: ${failed.join(', ')}`
  : `k6 harness: all ${scripts.length} scripts passed`);
process.exit(failed.length ? 1 : 0);
