// `tsx bench/profile-top.ts file.cpuprofile [main-ms-per-login]`: where a server's main thread spent its busy
// time in a --cpu-prof profile (idle left out), by package or area and by function, as self time; given the
// main thread's CPU per login from the benchmark, each share is also turned into ms per login. Profiles
// come from BENCH_PROFILE=dir npm run bench (they cover the warm-up as well).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Profile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** The package or area a frame belongs to, from its URL. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:'))
    return url
      .replace(/^node:internal\//, 'node:')
      .split('/')
      .slice(0, 2)
      .join('/');
  const ours = /\/(server|bench|wire)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]!.split('/')[0]}` : url;
}

const [file, mainMs] = [process.argv[2], Number(process.argv[3] ?? 0)];
if (!file) throw new Error('usage: tsx bench/profile-top.ts file.cpuprofile [logins]');
const profile = Profile.parse(JSON.parse(readFileSync(file, 'utf8')));
const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [i, id] of profile.samples.entries()) {
  const frame = nodes.get(id)!;
  const us = profile.timeDeltas[i] ?? 0;
  if (frame.functionName === '(idle)') continue;
  total += us;
  const area = areaOf(frame.url, frame.functionName);
  byArea.set(area, (byArea.get(area) ?? 0) + us);
  const where = `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  const fn = `${frame.functionName || '(anonymous)'} ${where}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const show = (title: string, map: Map<string, number>, count: number) => {
  console.log(title);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    const perLogin = mainMs ? `  ${((mainMs * us) / total).toFixed(2).padStart(6)} ms/login` : '';
    console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%${perLogin}  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy on the main thread`);
show('by package or area (self time):', byArea, 25);
show('by function (self time):', byFunction, 25);
