// Account administration shared by the CLI and the demo launcher: every input checked before anything is
// written, with messages that name the field.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Backend } from './server.js';
import { DuplicateError, type UserRecord } from './store/types.js';
import { passwordContextWords } from './security/password-context.js';

export class UserInputError extends Error {
  override name = 'UserInputError';
}

// NFKC first, so a full-width or ligature spelling is stored as the name it displays as. Line breaks and
// bidirectional controls are named: the first forge lines in logs, the second make one name display as another.
const username = z
  .string()
  .transform((value) => value.normalize('NFKC'))
  .refine((value) => !/[\n\r\v\f\u0085\u2028\u2029]/u.test(value), 'must not hold line breaks')
  .refine(
    (value) => !/\p{Bidi_Control}/u.test(value),
    'must not hold bidirectional text controls (they make a name display as another)',
  )
  .refine((value) => value.length >= 1, 'must not be empty')
  .refine((value) => value.length <= 64, 'must be at most 64 characters')
  .refine(
    (value) => /^[\p{L}\p{N}][\p{L}\p{N}._@+-]*$/u.test(value),
    'may hold letters, digits and . _ @ + - and must start with a letter or digit',
  );
const email = z.email({ error: 'must be an email address' }).max(254);

function check<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserInputError(`${field} ${result.error.issues[0]!.message}`);
  return result.data;
}

/** E.164 only ("+" and country code), validated as a real number, returned normalized. */
export function normalizePhone(value: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(value))
    throw new UserInputError(`phone must be in E.164 form, e.g. +15551234567 (got "${value}")`);
  try {
    const parsed = parsePhoneNumberWithError(value);
    if (!parsed.isPossible()) throw new Error('not a possible number');
    return parsed.number;
  } catch (err) {
    throw new UserInputError(`phone ${value} is not a valid number: ${(err as Error).message}`);
  }
}

export interface NewAccount {
  username: string;
  password: string;
  email?: string | undefined;
  phone?: string | undefined;
}

function passwordHash(
  backend: Backend,
  password: string,
  user: { username: string; email: string | null },
): Promise<string> {
  const problem = backend.hasher.checkNew(password, passwordContextWords(backend.config, user));
  if (problem) throw new UserInputError(problem.message);
  return backend.hasher.hash(password);
}

export async function addUser(backend: Backend, account: NewAccount): Promise<UserRecord> {
  const name = check(username, account.username, 'username');
  const mail = account.email === undefined ? null : check(email, account.email, 'email');
  const phone = account.phone === undefined ? null : normalizePhone(account.phone);
  const hash = await passwordHash(backend, account.password, { username: name, email: mail });
  try {
    // An administrator vouches for the number they enter: it counts as verified.
    return await backend.store.users.create({
      username: name,
      email: mail,
      phone,
      phoneVerified: phone !== null,
      passwordHash: hash,
    });
  } catch (err) {
    if (err instanceof DuplicateError) throw new UserInputError(`${err.field} is already taken`);
    throw err;
  }
}

export async function findUser(backend: Backend, login: string): Promise<UserRecord> {
  const user = await backend.store.users.findByLogin(login);
  if (!user) throw new UserInputError(`no user "${login}"`);
  return user;
}

export async function setPassword(backend: Backend, login: string, password: string): Promise<UserRecord> {
  const user = await findUser(backend, login);
  const updated = await backend.store.users.update(user.id, {
    passwordHash: await passwordHash(backend, password, user),
  });
  return updated!;
}

/** The demo user: created on the first start, its password and phone brought back to the given ones after. */
export async function ensureUser(backend: Backend, account: NewAccount): Promise<UserRecord> {
  const existing = await backend.store.users.findByLogin(account.username);
  if (!existing) return addUser(backend, account);
  const phone = account.phone === undefined ? existing.phone : normalizePhone(account.phone);
  const updated = await backend.store.users.update(existing.id, {
    passwordHash: (await backend.hasher.verify(existing.passwordHash, account.password))
      ? existing.passwordHash
      : await passwordHash(backend, account.password, existing),
    phone,
    phoneVerified: phone !== null,
  });
  return updated!;
}
