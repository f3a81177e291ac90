// argon2id for every stored password. Parameters come from the configuration and are never below
// ASVS/OWASP (m >= 19456 KiB, t >= 2, p = 1); hashes made with weaker parameters are upgraded at login.
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.js';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)

export type PasswordProblem = { code: 'too_short' | 'too_long'; message: string };

export class PasswordHasher {
  private readonly options: { algorithm: typeof ARGON2ID; memoryCost: number; timeCost: number; parallelism: number };
  /** A real hash of a random string: unknown users are verified against it so they take as long as known ones. */
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly policy: Config['password']) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: policy.argon2.memory_kib,
      timeCost: policy.argon2.time_cost,
      parallelism: policy.argon2.parallelism,
    };
  }

  /** Unicode passwords are compared in NFKC so the same characters typed on two keyboards match (NIST 800-63B 5.1.1.2). */
  private normalize(password: string): string {
    return password.normalize('NFKC');
  }

  check(password: string): PasswordProblem | undefined {
    const length = [...this.normalize(password)].length;
    if (length < this.policy.min_length) return { code: 'too_short', message: `The password must have at least ${this.policy.min_length} characters.` };
    if (length > this.policy.max_length) return { code: 'too_long', message: `The password must have at most ${this.policy.max_length} characters.` };
    return undefined;
  }

  async hash(password: string): Promise<string> {
    const problem = this.check(password);
    if (problem) throw new Error(problem.message);
    return hash(this.normalize(password), this.options);
  }

  /** Verifies against `stored`, or against the dummy hash when there is no user, so both take the same time. */
  async verify(stored: string | null | undefined, password: string): Promise<boolean> {
    // Longer inputs than allowed are rejected after the same work, so length does not leak timing either.
    const candidate = this.normalize(password);
    const target = stored ?? (await this.dummy());
    let ok: boolean;
    try {
      ok = await verify(target, candidate);
    } catch {
      ok = false;
    }
    return ok && stored !== null && stored !== undefined && [...candidate].length <= this.policy.max_length;
  }

  /** True when `stored` was made with weaker parameters than configured now. */
  needsRehash(stored: string): boolean {
    const m = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    if (!m) return true;
    return Number(m[1]) < this.options.memoryCost || Number(m[2]) < this.options.timeCost;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hash(`dummy-${Math.random()}-${Date.now()}`, this.options);
    return this.dummyHash;
  }
}
