// The project's commands as real processes: `node --import tsx ...` in the package root, with nothing of
// the test run's environment but PATH and what the test names.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { packageRoot } from '../../server/paths.js';

/** Starts `node --import tsx <args>` (a script path relative to the package root, and its arguments). */
export function startTsx(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything `child` prints and its exit code, once it is done; `stdin` is written to it and closed first. */
export function outcome(child: ChildProcessWithoutNullStreams, stdin = ''): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Resolves with all `child` printed (stdout and stderr) once that contains `text`; rejects if it exits first. */
export function printed(child: ChildProcessWithoutNullStreams, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += String(d);
      if (!output.includes(text)) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      resolve(output);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`exited with ${code} before printing ${JSON.stringify(text)}: ${output}`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

/** The exit code of `child` once it has exited (at once if it already has). */
export function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
