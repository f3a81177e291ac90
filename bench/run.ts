// `npm run bench`: prints figures measured in this run, and their ratios. Never pass/fail.
import os from 'node:os';
import { benchPasswordLogin, type LoginSide } from './password-login.js';
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

const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const loginSeconds = Number(process.env.BENCH_LOGIN_SECONDS ?? 5);
console.log(
  `\npassword login: gluu-login vs the anchor (bare oidc-provider, same argon2id) vs bare argon2id ` +
    `(${os.cpus().length} CPUs, concurrency ${concurrency}, ${warmUpSeconds} s warm-up each, ` +
    `best of ${rounds} rounds of ${loginSeconds} s taking turns)`,
);
const r = await benchPasswordLogin({ seconds: loginSeconds, concurrency, warmUpSeconds, rounds });
console.log(`  argon2id m=${r.params.memory_kib} KiB t=${r.params.time_cost} p=${r.params.parallelism}`);
const ms = (n: number) => n.toFixed(1).padStart(6);
console.log(`  ${''.padEnd(54)}exch.  logins/s  server CPU per login, ms: total   main   pool  other   client`);
for (const side of r.sides) {
  console.log(
    `  ${side.name.padEnd(54)}${String(side.exchanges).padStart(5)}${side.loginsPerSecond.toFixed(1).padStart(10)}` +
      `${''.padEnd(25)}${ms(side.serverMs.total)} ${ms(side.serverMs.main)} ${ms(side.serverMs.pool)} ` +
      `${ms(side.serverMs.other)}   ${ms(side.clientMs)}`,
  );
}
console.log(
  `  ${'bare argon2id verify (in this process)'.padEnd(54)}${'-'.padStart(5)}` +
    `${r.verifyRate.toFixed(1).padStart(10)}${''.padEnd(25)}${ms(r.verifyMs)}`,
);
const [gluu, anchorSql, anchorMem] = r.sides as [LoginSide, LoginSide, LoginSide];
for (const anchor of [anchorSql, anchorMem]) {
  console.log(
    `  gluu-login / ${anchor.name.replace('anchor: ', 'anchor (').concat(')')}:\n` +
      `    server CPU ${(gluu.serverMs.total / anchor.serverMs.total).toFixed(2)}x (goal <= 1.1), ` +
      `main thread ${(gluu.serverMs.main / anchor.serverMs.main).toFixed(2)}x (goal <= 1.5), ` +
      `logins/s ${(gluu.loginsPerSecond / anchor.loginsPerSecond).toFixed(2)}x`,
  );
}
console.log(
  `  server CPU per login in each round, ms (flat = steady state): ` +
    r.sides.map((s) => s.rounds.map((x) => x.toFixed(1)).join(' / ')).join('   '),
);
console.log(
  `  ratio logins / bare verifications: ${(gluu.loginsPerSecond / r.verifyRate).toFixed(2)} ` +
    `(old goal >= 0.80; the anchor reaches ${(anchorSql.loginsPerSecond / r.verifyRate).toFixed(2)} on SQLite, ` +
    `${(anchorMem.loginsPerSecond / r.verifyRate).toFixed(2)} in memory)`,
);
console.log(
  `  protocol share of a login's server CPU (1 - verify / login): ` +
    `gluu-login ${(100 * (1 - r.verifyMs / gluu.serverMs.total)).toFixed(0)}%, ` +
    `anchor ${(100 * (1 - r.verifyMs / anchorSql.serverMs.total)).toFixed(0)}% / ` +
    `${(100 * (1 - r.verifyMs / anchorMem.serverMs.total)).toFixed(0)}%`,
);

console.log(
  `\nTOTP code checks through POST /flow/action vs bare otplib verify (${seconds} s each, concurrency ${concurrency})`,
);
const t = await benchTotpChecks({ seconds, concurrency });
console.log(`  checks through the HTTP step endpoint: ${t.httpRate.toFixed(0)}/s  (${t.checks} in total)`);
console.log(`  bare otplib verifications (window 1):  ${t.bareRate.toFixed(0)}/s`);
console.log(`  ratio HTTP / bare: ${t.ratio.toFixed(3)}`);
console.log('  server CPU per request, ms (same client, same concurrency, each server in its own process):');
console.log(`    TOTP check, POST /flow/action (wrong code, 401):     ${t.totpMs.toFixed(3)}`);
console.log(`    Hono POST reading a JSON body like it (401):         ${t.floor.post.ms.toFixed(3)}`);
console.log(`    trivial Hono GET answering JSON:                     ${t.floor.get.ms.toFixed(3)}`);
console.log(
  `    ratio TOTP check / Hono JSON POST: ${(t.totpMs / t.floor.post.ms).toFixed(1)}x (goal <= 4x); ` +
    `/ trivial GET: ${(t.totpMs / t.floor.get.ms).toFixed(1)}x`,
);

const smppMessages = Number(process.env.BENCH_SMPP_MESSAGES ?? 2000);
const smppWindow = Number(process.env.BENCH_SMPP_WINDOW ?? 10);
console.log(`\nSMPP submit_sm to a local stand-in SMSC (${smppMessages} messages, ${smppWindow} in flight)`);
const m = await benchSmpp({ messages: smppMessages, window: smppWindow });
console.log(`  one long-lived transceiver bind (SmppSender):         ${m.oneBindRate.toFixed(0)} SMS/s`);
console.log(`  connect + bind + submit + unbind per message (seed):  ${m.freshBindRate.toFixed(0)} SMS/s`);
console.log(`  ratio one bind / fresh binds: ${m.ratio.toFixed(1)}`);
const delayedMessages = Number(process.env.BENCH_SMPP_DELAYED_MESSAGES ?? 300);
console.log(
  `  the same through a proxy holding every chunk 20 ms each way (a 40 ms round trip; ${delayedMessages} messages):`,
);
const d = await benchSmpp({ messages: delayedMessages, window: smppWindow, delayMs: 20 });
console.log(`    one long-lived transceiver bind:            ${d.oneBindRate.toFixed(0)} SMS/s`);
console.log(`    connect + bind + submit + unbind each time: ${d.freshBindRate.toFixed(0)} SMS/s`);
console.log(`    ratio one bind / fresh binds: ${d.ratio.toFixed(1)}`);
