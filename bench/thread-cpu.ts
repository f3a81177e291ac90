// A server process's CPU time split by thread, read from Linux /proc by the benchmark's own process, so the
// client's CPU never mixes in: the main thread (the event loop: JavaScript, HTTP, SQLite), libuv's pool
// ("libuv-worker": argon2 through @node-rs/argon2, async crypto) and the rest (V8's GC and compiler threads).
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  /** The whole process, in seconds, threads that have exited included. */
  total: number;
  main: number;
  pool: number;
  /** total - main - pool: V8's background threads (GC, JIT) and any thread that exited. */
  other: number;
}

/** utime + stime in seconds from a /proc stat line (fields 14 and 15, after the parenthesised name). */
function statSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function threadCpu(pid: number): ThreadCpu {
  const total = statSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  let main = 0;
  let pool = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread exited meanwhile: its time is in the process's total
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (tid === String(pid)) main = statSeconds(stat);
    else if (name === 'libuv-worker') pool += statSeconds(stat);
  }
  return { total, main, pool, other: total - main - pool };
}

export function cpuSince(before: ThreadCpu, after: ThreadCpu): ThreadCpu {
  return {
    total: after.total - before.total,
    main: after.main - before.main,
    pool: after.pool - before.pool,
    other: after.other - before.other,
  };
}
