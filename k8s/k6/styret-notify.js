// @ts-check
/**
 * EP_FS2: the Styret SFTP notification. Each iteration notifies ONE data file staged before the run
 * (`stage-styret.sh`: OpenSSH sftp uploads, a manifest lists them; k6 speaks no SFTP) with SOAP
 * `NotifyUpload` on ingest's `/soap/StyretNotification`, as the case system it was uploaded by; the platform
 * checks the file, moves it into its own folder, records it and answers `MOVED` with a FileTransferUUID
 * (validation, kvittering and forward follow asynchronously and are not measured here).
 *
 * Goal: none is written for EP_FS2; p(99)<50 ms is the SOAP submit goal (issue 14) applied to the notification
 * (an assumption, as for REST). The default rate, 10/s, keeps a 60 s run (600 files, 300 per system plus the
 * warm-up's) inside each upload area's 1,000-file limit (ingest.styret-sftp.max-files).
 *
 *   RATE=10 DURATION=60s k8s/k6/stage-styret.sh && k6 run -e RATE=10 -e DURATION=60s k8s/k6/styret-notify.js
 */
import http from 'k6/http';
import exec from 'k6/execution';
import { check, fail } from 'k6';
import {
  basicAuth, env, goals, openModel, summary, summaryTrendStats, urls,
} from './lib/options.js';
import { caseSystems } from './lib/testdata.js';
import { parseManifest, styretDefaults, trigger } from './lib/styret.js';

const SCENARIO = 'styret';

// Init context: the manifest stage-styret.sh wrote (k6 archive bundles it with the script).
const MANIFEST = env('STYRET_MANIFEST', './styret-staged.json');
const manifest = parseManifest(open(MANIFEST), MANIFEST);

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: openModel(SCENARIO, 'notify', styretDefaults),
  thresholds: goals(SCENARIO, ['p(99)<50']),
  summaryTrendStats,
};

export function notify() {
  const phase = exec.scenario.name === 'warmup' ? 'warmup' : 'measured';
  const n = exec.scenario.iterationInTest;
  const file = manifest[phase][n];
  if (!file) {
    fail(`${MANIFEST} has ${manifest[phase].length} staged ${phase} file(s), iteration ${n} needs one more: `
      + 'stage with the same RATE, DURATION, WARMUP and WARMUP_RATE as this run');
  }
  const system = caseSystems[file.system];
  const res = http.post(`${urls.ingest}/soap/StyretNotification`,
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>'
      + `${trigger(file)}</soapenv:Body></soapenv:Envelope>`, {
      headers: {
        'Content-Type': 'text/xml; charset=UTF-8',
        SOAPAction: '"http://serviceplatformen.dk/xml/wsdl/soap11/SFTP/1/NotifyUpload"',
        Authorization: basicAuth(system.user, system.password),
      },
      tags: { name: 'SOAP NotifyUpload', system: system.name },
      responseCallback: http.expectedStatuses(200),
    });
  check(res, {
    'SOAP 200': (r) => r.status === 200,
    // MOVED: this file was new. REPEATED would mean a staged file was notified twice (a stale manifest).
    'Status MOVED': (r) => typeof r.body === 'string' && /<(\w+:)?Status>MOVED<\/(\w+:)?Status>/.test(r.body),
    'a FileTransferUUID': (r) => typeof r.body === 'string' && /<(\w+:)?FileTransferUUID>[0-9a-fA-F-]{36}</.test(r.body),
    'the answer names the id': (r) => typeof r.body === 'string' && r.body.includes(`>${file.id}<`),
  });
}

export const handleSummary = summary('styret-notify');
