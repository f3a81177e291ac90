// argon2id for every stored password. Parameters come from the configuration and are never below
// ASVS/OWASP (m >= 19456 KiB, t >= 2, p = 1); hashes made with weaker parameters are upgraded at login.
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.js';
import { isCommonPassword } from './common-passwords.js';

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)

export type PasswordProblem = {
  code: 'too_short' | 'too_long' | 'control_character' | 'common' | 'context';
  message: string;
};

/** Context words shorter than this are left out: they would refuse half the dictionary. */
const MIN_CONTEXT_WORD = 3;

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

  /**
   * Unicode passwords are compared in NFKC so the same characters typed on two keyboards match (NIST 800-63B 5.1.1.2).
   */
  private normalize(password: string): string {
    return password.normalize('NFKC');
  }

  check(password: string): PasswordProblem | undefined {
    const length = [...this.normalize(password)].length;
    if (length < this.policy.min_length)
      return { code: 'too_short', message: `The password must have at least ${this.policy.min_length} characters.` };
    if (length > this.policy.max_length)
      return { code: 'too_long', message: `The password must have at most ${this.policy.max_length} characters.` };
    return undefined;
  }

  /**
   * What is wrong with `password` as a new password (NIST 800-63B 5.1.1.2): its length, control characters
   * (a pasted tab or escape no keyboard types again), one of the ~49,000 most common passwords, or a
   * context word (the username, the service's host name, a client's name) with nothing but digits, marks
   * or another common password beside it ("alice2024!", "localhost1", "alicepassword").
   */
  checkNew(password: string, context: readonly string[]): PasswordProblem | undefined {
    const length = this.check(password);
    if (length) return length;
    if (/\p{Cc}/u.test(password))
      return {
        code: 'control_character',
        message: 'The password must not hold control characters (tab, escape, ...): type it with printable characters.',
      };
    const lowered = this.normalize(password).toLowerCase();
    if (isCommonPassword(lowered))
      return {
        code: 'common',
        message: 'This password is one of the most commonly used (and breached) passwords: choose another.',
      };
    let rest = lowered;
    // Longest first: the e-mail address goes whole before the username inside it is taken out.
    const words = context
      .map((w) => w.normalize('NFKC').toLowerCase())
      .filter((w) => [...w].length >= MIN_CONTEXT_WORD);
    for (const word of words.sort((a, b) => b.length - a.length)) {
      rest = rest.split(word).join(' ');
    }
    rest = rest.trim();
    if (rest !== lowered.trim() && (!/\p{L}/u.test(rest) || isCommonPassword(rest))) {
      return {
        code: 'context',
        message:
          "The password must not be built from the username, this service's name or an application's name: " +
          'add words of your own.',
      };
    }
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
