// `npm run bench`: prints figures measured in this run, and their ratios. Never pass/fail.
import os from 'node:os';
import { benchPasswordLogin } from './password-login.js';
import { benchTotpChecks } from './totp-check.js';
import { benchSmpp } from './smpp-throughput.js';
import { measure, OTHER_WIDGETS, WIDGET_BUDGET_BYTES } from './widget-size.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4 * os.availableParallelism());

const size = await measure();
console.log(`widget bundle, esbuild --minify + gzip -9 (budget ${WIDGET_BUDGET_BYTES} B):`);
console.log(
  `  <gluu-login> (every step kind, WebAuthn, English): ${String(size.gzipped).padStart(7)} B   ` +
    `(${size.minified} B minified)`,
);
for (const other of OTHER_WIDGETS) {
  console.log(
    `  ${other.name.padEnd(46)}${String(other.bytes).padStart(7)} B   ` +
      `(${(other.bytes / size.gzipped).toFixed(1)}x ours)`,
  );
}

console.log(
  `\npassword login vs bare argon2id (${seconds} s each, concurrency ${concurrency}, ${os.cpus().length} CPUs)`,
);
const r = await benchPasswordLogin({ seconds, concurrency });
console.log(`  argon2id m=${r.params.memory_kib} KiB t=${r.params.time_cost} p=${r.params.parallelism}`);
console.log(`  complete logins (flow + /auth + code exchange): ${r.loginRate.toFixed(1)}/s  (${r.logins} in total)`);
console.log(
  `  bare argon2id verifications:                    ${r.verifyRate.toFixed(1)}/s  (${r.verifications} in total)`,
);
console.log(
  `  ratio logins / verifications: ${r.ratio.toFixed(2)}  ` +
    '(goal >= 0.80: the protocol around the hash costs under a quarter of it)',
);
const protocolShare = 100 * (1 - r.cpuMsPerVerification / r.serverCpuMsPerLogin);
console.log(
  `  server CPU per login: ${r.serverCpuMsPerLogin.toFixed(1)} ms; ` +
    `CPU per bare verification: ${r.cpuMsPerVerification.toFixed(1)} ms; ` +
    `protocol share of a login's server CPU: ${protocolShare.toFixed(0)}%`,
);
console.log(
  "  (client and server share this machine's CPUs: " +
    "the client's own work, openid-client and fetch, lowers the login rate)",
);

console.log(
  `\nTOTP code checks through POST /flow/action vs bare otplib verify (${seconds} s each, concurrency ${concurrency})`,
);
const t = await benchTotpChecks({ seconds, concurrency });
console.log(`  checks through the HTTP step endpoint: ${t.httpRate.toFixed(0)}/s  (${t.checks} in total)`);
console.log(`  bare otplib verifications (window 1):  ${t.bareRate.toFixed(0)}/s`);
console.log(`  ratio HTTP / bare: ${t.ratio.toFixed(3)}`);

const smppMessages = Number(process.env.BENCH_SMPP_MESSAGES ?? 2000);
const smppWindow = Number(process.env.BENCH_SMPP_WINDOW ?? 10);
console.log(`\nSMPP submit_sm to a local stand-in SMSC (${smppMessages} messages, ${smppWindow} in flight)`);
const m = await benchSmpp({ messages: smppMessages, window: smppWindow });
console.log(`  one long-lived transceiver bind (SmppSender):         ${m.oneBindRate.toFixed(0)} SMS/s`);
console.log(`  connect + bind + submit + unbind per message (seed):  ${m.freshBindRate.toFixed(0)} SMS/s`);
console.log(`  ratio one bind / fresh binds: ${m.ratio.toFixed(1)}`);
