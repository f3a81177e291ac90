// `npx tsx bench/smpp-throughput-main.ts`: prints the SMPP throughput figures (BENCH_SMPP_MESSAGES, BENCH_SMPP_WINDOW).
import { benchSmpp } from './smpp-throughput.js';

const messages = Number(process.env.BENCH_SMPP_MESSAGES ?? 2000);
const window = Number(process.env.BENCH_SMPP_WINDOW ?? 10);

const r = await benchSmpp({ messages, window });
console.log(`SMPP submit_sm to a local stand-in SMSC (${messages} messages, ${window} in flight)`);
console.log(`  one long-lived transceiver bind (SmppSender):       ${r.oneBindRate.toFixed(0)} SMS/s`);
console.log(`  connect + bind + submit + unbind per message (seed): ${r.freshBindRate.toFixed(0)} SMS/s`);
console.log(`  ratio one bind / fresh binds: ${r.ratio.toFixed(1)}`);
