// What a script needs in place before k6 runs it, done before the harness loads it (as an operator would run
// the staging step before `k6 run`). Only as much as the harness's iterations need.
//
// styret-notify.js: stage-styret.sh uploads HARNESS_ITERATIONS files per scenario (warm-up and measured) with
// OpenSSH sftp into ./suite up's Styret SFTP server and writes the manifest into the harness's output folder.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const k6Dir = fileURLToPath(new URL('../../', import.meta.url));

const STAGING = {
  'styret-notify.js': (iterations, outDir) => {
    const manifest = join(outDir, 'styret-staged.json');
    const run = spawnSync('bash', [join(k6Dir, 'stage-styret.sh')], {
      stdio: 'inherit',
      env: { ...process.env, FILES: String(iterations), WARMUP_FILES: String(iterations), STYRET_MANIFEST: manifest },
    });
    if (run.status !== 0) {
      throw new Error(`stage-styret.sh failed (exit ${run.status === null ? run.signal : run.status})`);
    }
    return { STYRET_MANIFEST: manifest };
  },
};

/**
 * Stages what the script needs; answers the __ENV entries that point the script at it.
 * @param {string} name   the script's file name
 * @param {number} iterations  per scenario
 * @param {string} outDir
 * @returns {Record<string, string>}
 */
export function stage(name, iterations, outDir) {
  const step = STAGING[name];
  return step ? step(iterations, outDir) : {};
}
