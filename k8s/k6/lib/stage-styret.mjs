// Writes the data files of a Styret SFTP notification run and their manifest (Node >= 20, no dependencies);
// `stage-styret.sh` calls it, uploads the files with OpenSSH sftp and only then publishes the manifest.
//
//   node lib/stage-styret.mjs WORKDIR   ->  WORKDIR/KY/*.txt, WORKDIR/KSD/*.txt, WORKDIR/manifest.json
//
// The files are eindkomst.js' valid forsendelser (PERSONS persons each), one per iteration of
// styret-notify.js (lib/styret.js' stagedCounts: RATE × DURATION measured, WARMUP_RATE × WARMUP warm-up, or
// FILES / WARMUP_FILES), KY and KSD alternating (SYSTEMS), each under its own HovedIndberetningID.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseSystemsFrom, eIndkomstFile } from './eindkomst.js';
import { stagedCounts, stagedId } from './styret.js';

/** @param {string} name @param {string} fallback */
const get = (name, fallback) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
};

const work = process.argv[2];
if (!work) {
  console.error('usage: node lib/stage-styret.mjs WORKDIR');
  process.exit(2);
}
const systems = caseSystemsFrom(get);
const names = get('SYSTEMS', 'KY,KSD').split(',').map((s) => s.trim().toUpperCase())
  .filter((s) => s === 'KY' || s === 'KSD');
if (!names.length) names.push('KY', 'KSD');
const persons = Math.max(1, Math.floor(Number(get('PERSONS', '83'))));
const given = get('RUN_ID', '');
if (given && !/^[A-Za-z0-9]{1,6}$/.test(given)) {
  console.error('RUN_ID must be 1 to 6 letters or digits');
  process.exit(2);
}
const run = given ? given.toUpperCase().padStart(6, '0')
  : Math.floor(Date.now() / 1000).toString(36).toUpperCase().padStart(6, '0').slice(-6);
const counts = stagedCounts(get);
const maxFiles = Number(get('STYRET_MAX_FILES', '1000'));
const senders = { KY: get('KY_SFTP_USER', 'KY_STYRETSFTP'), KSD: get('KSD_SFTP_USER', 'KSD_STYRETSFTP') };

const perSystem = { KY: 0, KSD: 0 };
const manifest = { run, created: new Date().toISOString(), warmup: [], measured: [] };
for (const [phase, letter, n] of [['warmup', 'W', counts.warmup], ['measured', 'M', counts.measured]]) {
  for (let i = 0; i < n; i++) {
    const name = /** @type {'KY' | 'KSD'} */ (names[i % names.length]);
    const system = systems[name];
    const id = stagedId(system.prefix, letter, run, i);
    const body = Buffer.from(eIndkomstFile(system, id, persons), 'latin1');
    const fileName = `${name}-${id}.txt`;
    mkdirSync(join(work, name), { recursive: true });
    writeFileSync(join(work, name, fileName), body);
    manifest[phase].push({ system: name, sender: senders[name], fileName, size: body.length, id });
    perSystem[name]++;
  }
}
for (const [name, n] of Object.entries(perSystem)) {
  if (n > maxFiles) {
    console.error(`stage-styret: ${n} files for ${name} exceed its upload area's limit of ${maxFiles} `
      + '(ingest.styret-sftp.max-files, STYRET_MAX_FILES): lower RATE or DURATION, or raise the limit');
    process.exit(1);
  }
}
writeFileSync(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`stage-styret: run ${run}: ${counts.warmup} warm-up + ${counts.measured} measured files `
  + `(KY ${perSystem.KY}, KSD ${perSystem.KSD}; ${persons} persons each)`);
