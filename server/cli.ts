// gluu-login serve | user add | user list | user show | user set-password | user delete | user unlock
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ConfigError, type Config } from './config.js';
import { loadConfig } from './config-loading.js';
import { createBackend, startServer, type Backend } from './server.js';
import { createLogger } from './security/audit.js';
import { addUser, findUser, normalizePhone, setPassword, UserInputError } from './users.js';
import { Throttle } from './security/lockout.js';
import type { UserRecord } from './store/types.js';
import { credentialTypesOf, THROTTLED_FACTORS } from './methods/index.js';
import { credentialLabel, noticeFactorOf } from './methods/credential-facts.js';
import { issueCodes, issueTicket } from './methods/recovery/codes.js';
import { formatImportReport, runDirectoryImport } from './store/ldap/import.js';
import { DirectoryManagedError } from './store/ldap/users.js';
import { goesBySms } from './notifications/notifier.js';
import type { AccountNotice } from './notifications/types.js';

const USAGE = `Usage: gluu-login <command> [options]

Commands:
  serve                                  start the OpenID Provider and the flow API
  user add <username> [--email E] [--phone +E164]
                                         add a user; the password is read from standard input
  user list [--json]                     list users
  user show <username> [--json]          show one user (never a secret)
  user set-password <username>           set a password, read from standard input
  user delete <username>                 delete a user and their credentials
  user unlock <username>                 forget the user's failed sign-in attempts
  user reset-otp <username>              remove the user's OTP devices (the next sign-in enrolls again)
  user set-phone <username> <+E164>      set the user's phone number (verified: an administrator vouches for it)
  user remove-phone <username>           remove the user's phone number (SMS sign-in enrolls again, if allowed)
  user remove-credential <username> <id> remove one credential (a passkey, an OTP device) by its id from user show
  user recovery-codes <username>         make the user's recovery codes anew and print them (the old ones stop working)
  user recovery-ticket <username> [--hours H]
                                         print one recovery code that works once within H hours (default 24): the
                                         user signs in, picks "Use another way", "Recovery code", and may then add a
                                         new authenticator app in place of a lost one
  import ldap [--dry-run] [--json]       copy the directory's accounts, phones and OTP devices (users.ldap) into
                                         the SQL storage, to leave the directory; --dry-run writes nothing

set-password, reset-otp, set-phone, remove-phone, remove-credential, recovery-codes and recovery-ticket tell the
user (notifications):
the command waits until the notice went out or timed out.

Options:
  --config <file>                        configuration file (JSON or YAML); default: $GLUU_CONFIG
  --lang <tag>                           the notice's language (docs/languages.md lists 16); default: en
  -h, --help                             show this help

Environment: GLUU_ISSUER, GLUU_PORT, GLUU_HOST, GLUU_DATA_DIR, GLUU_LOG_LEVEL, GLUU_SEAL_KEY,
and GLUU__<SECTION>__<KEY>=<json> for any other setting (e.g. GLUU__FLOW__TTL_SECONDS=300).
`;

class UsageError extends Error {}

/** The password from a terminal (not echoed, asked twice) or the first line of piped standard input. */
async function readPassword(confirm: boolean): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    const line = text.split(/\r?\n/)[0] ?? '';
    if (!line) throw new UserInputError('no password on standard input');
    return line;
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      let muted = false;
      const output = new Writable({
        write(chunk, _enc, done) {
          if (!muted) process.stderr.write(chunk as Buffer);
          done();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      rl.question(prompt, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask('Password: ');
  if (confirm && (await ask('Repeat password: ')) !== first) throw new UserInputError('the two passwords differ');
  return first;
}

function describe(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    phone: user.phone,
    phone_verified: user.phoneVerified,
    has_password: user.passwordHash !== null,
    created_at: new Date(user.createdAt).toISOString(),
    updated_at: new Date(user.updatedAt).toISOString(),
  };
}

async function withBackend<T>(config: Config, work: (backend: Backend) => Promise<T>): Promise<T> {
  // Admin commands log only problems, on stderr, so their stdout stays clean for scripts.
  const backend = await createBackend(config, { logger: createLogger('warn', process.stderr as never) });
  try {
    return await work(backend);
  } finally {
    await backend.store.close();
  }
}

/** A change an administrator made, as a notice: whose account and what (the rest is the same for every command). */
type Change<N> = N extends AccountNotice ? Omit<N, 'by' | 'at' | 'lang'> : never;
type AdminChange = Change<AccountNotice>;

/**
 * Tells the account's owner of an administrator's change, and waits until every channel was tried (each bounded
 * by its timeout), so that the process does not exit before. The SMS gateways start only for a notice that may
 * go by SMS. Problems are logged on stderr; stdout stays the command's own.
 */
async function notify(b: Backend, change: AdminChange, lang: string | undefined): Promise<void> {
  const senders = goesBySms(change.kind, b.config.notifications) ? [...b.gateways.sms.values()] : [];
  await Promise.all(senders.map((s) => s.start()));
  try {
    await b.notifier.accountChanged({
      ...change,
      by: { type: 'administrator' },
      at: Date.now(),
      lang,
    } as AccountNotice);
  } finally {
    await Promise.all(senders.map((s) => s.close()));
  }
}

function print(value: unknown, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${String(value)}\n`);
}

async function userCommand(
  config: Config,
  sub: string | undefined,
  args: string[],
  values: {
    email?: string | undefined;
    phone?: string | undefined;
    json?: boolean | undefined;
    lang?: string | undefined;
    hours?: string | undefined;
  },
) {
  const json = values.json ?? false;
  const lang = values.lang;
  const target = () => {
    const name = args[0];
    if (!name) throw new UsageError(`user ${sub} needs a username`);
    return name;
  };
  switch (sub) {
    case 'add': {
      const username = target();
      const password = await readPassword(true);
      const user = await withBackend(config, (b) =>
        addUser(b, { username, password, email: values.email, phone: values.phone }),
      );
      print(json ? describe(user) : `added user ${user.username} (${user.id})`, json);
      return;
    }
    case 'list': {
      const users = await withBackend(config, (b) => b.store.users.list());
      if (json) print(users.map(describe), true);
      else if (!users.length) print('no users', false);
      else {
        // A header row, tab-separated like the rows: `cut -f1` and the like keep working past it (tail -n +2).
        print('username\temail\tphone\tid', false);
        for (const u of users) print(`${u.username}\t${u.email ?? '-'}\t${u.phone ?? '-'}\t${u.id}`, false);
      }
      return;
    }
    case 'show': {
      const name = target();
      const shown = await withBackend(config, async (b) => {
        const user = await findUser(b, name);
        const credentials = await b.store.credentials.listForUser(user.id);
        return {
          ...describe(user),
          credentials: credentials.map((cr) => ({
            id: cr.id,
            type: cr.type,
            created_at: new Date(cr.createdAt).toISOString(),
            last_used_at: cr.lastUsedAt ? new Date(cr.lastUsedAt).toISOString() : null,
            ...cr.metadata,
          })),
        };
      });
      if (json) print(shown, true);
      else {
        const { credentials, ...rest } = shown;
        for (const [k, v] of Object.entries(rest)) print(`${k}: ${v ?? '-'}`, false);
        print(`credentials: ${credentials.length ? '' : 'none'}`, false);
        for (const cr of credentials)
          print(`  - ${cr.type} ${cr.id} created ${cr.created_at} last used ${cr.last_used_at ?? 'never'}`, false);
      }
      return;
    }
    case 'set-password': {
      const name = target();
      const password = await readPassword(true);
      const user = await withBackend(config, async (b) => {
        const changed = await setPassword(b, name, password);
        await notify(b, { kind: 'password_changed', userId: changed.id }, lang);
        return changed;
      });
      print(json ? describe(user) : `password of ${user.username} changed`, json);
      return;
    }
    case 'delete': {
      const name = target();
      const user = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        await b.store.users.delete(found.id);
        return found;
      });
      print(json ? describe(user) : `deleted user ${user.username}`, json);
      return;
    }
    case 'unlock': {
      const name = target();
      const user = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        await new Throttle(b.store.counters, config.lockout).unlock(found, [...THROTTLED_FACTORS]);
        return found;
      });
      print(json ? describe(user) : `unlocked ${user.username}`, json);
      return;
    }
    case 'reset-otp': {
      const name = target();
      const { user, removed } = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        const types = credentialTypesOf('otp');
        const devices = (await b.store.credentials.listForUser(found.id)).filter((cr) => types.includes(cr.type));
        let count = 0;
        for (const type of types) count += await b.store.credentials.removeAllOfType(found.id, type);
        if (count > 0) {
          const label = devices.flatMap((cr) => credentialLabel(cr.metadata) ?? []).join(', ');
          await notify(
            b,
            { kind: 'factor_removed', userId: found.id, factor: 'otp', ...(label ? { label } : {}) },
            lang,
          );
        }
        return { user: found, removed: count };
      });
      print(
        json
          ? { ...describe(user), removed_credentials: removed }
          : `removed ${removed} OTP device(s) of ${user.username}; the next sign-in enrolls again`,
        json,
      );
      return;
    }
    case 'set-phone': {
      const name = target();
      const raw = args[1];
      if (!raw) throw new UsageError('user set-phone needs a username and a phone number in E.164 form');
      const phone = normalizePhone(raw);
      const user = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        const changed = (await b.store.users.update(found.id, { phone, phoneVerified: true }))!;
        // The number before, when it was verified, is told too: it may be the owner's, replaced by someone else.
        if (found.phone !== phone || !found.phoneVerified) {
          const previousPhone = found.phoneVerified && found.phone !== phone ? found.phone : null;
          await notify(b, { kind: 'phone_changed', userId: found.id, previousPhone }, lang);
        }
        return changed;
      });
      print(json ? describe(user) : `phone of ${user.username} set to ${phone} (verified)`, json);
      return;
    }
    case 'remove-credential': {
      const name = target();
      const id = args[1];
      if (!id) throw new UsageError('user remove-credential needs a username and a credential id (see user show)');
      const user = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        const credential = (await b.store.credentials.listForUser(found.id)).find((cr) => cr.id === id);
        if (!credential || !(await b.store.credentials.remove(found.id, id)))
          throw new UserInputError(`${found.username} has no credential ${id}`);
        const factor = noticeFactorOf(credential.type);
        const label = credentialLabel(credential.metadata);
        await notify(
          b,
          { kind: 'factor_removed', userId: found.id, ...(factor ? { factor } : {}), ...(label ? { label } : {}) },
          lang,
        );
        return found;
      });
      print(
        json ? { ...describe(user), removed_credential: id } : `removed credential ${id} of ${user.username}`,
        json,
      );
      return;
    }
    case 'recovery-codes':
    case 'recovery-ticket': {
      const name = target();
      if (!config.methods.recovery_code.enabled)
        throw new UsageError('recovery codes are off: set methods.recovery_code.enabled to true first');
      const hours = values.hours === undefined ? 24 : Number(values.hours);
      if (!Number.isInteger(hours) || hours < 1 || hours > 168)
        throw new UsageError('--hours must be a whole number of hours from 1 to 168');
      const ticket = sub === 'recovery-ticket';
      const { user, codes, expiresAt } = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        const until = Date.now() + hours * 3_600_000;
        const made = ticket
          ? [await issueTicket(b, found.id, until)]
          : await issueCodes(b, found.id, config.methods.recovery_code.count);
        await notify(b, { kind: 'recovery_codes_regenerated', userId: found.id, count: made.length }, lang);
        return { user: found, codes: made, expiresAt: ticket ? new Date(until).toISOString() : undefined };
      });
      if (json)
        print({ ...describe(user), recovery_codes: codes, ...(expiresAt ? { expires_at: expiresAt } : {}) }, true);
      else {
        for (const code of codes) print(code, false);
        process.stderr.write(
          ticket
            ? `one recovery code for ${user.username}, valid once until ${expiresAt}\n`
            : `${codes.length} new recovery codes for ${user.username}; the earlier ones no longer work\n`,
        );
      }
      return;
    }
    case 'remove-phone': {
      const name = target();
      const user = await withBackend(config, async (b) => {
        const found = await findUser(b, name);
        const changed = (await b.store.users.update(found.id, { phone: null, phoneVerified: false }))!;
        if (found.phone) {
          const previousPhone = found.phoneVerified ? found.phone : null;
          await notify(b, { kind: 'phone_changed', userId: found.id, previousPhone }, lang);
        }
        return changed;
      });
      print(json ? describe(user) : `phone of ${user.username} removed`, json);
      return;
    }
    default:
      throw new UsageError(sub ? `unknown user command "${sub}"` : 'user needs a command');
  }
}

const parseCliArgs = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      hours: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const config = loadConfig({ file: values.config });
    if (command === 'serve') {
      // Listening first: until a listener exists a signal's default action applies, and a stop sent as soon
      // as "listening" is logged would kill the server without closing it.
      const starting = startServer(config);
      const stop = () => void starting.then((server) => server.close()).finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await starting;
      return -1; // keep running
    }
    if (command === 'import') {
      if (sub !== 'ldap') throw new UsageError('import needs its source: import ldap');
      const logger = createLogger('warn', process.stderr as never);
      const report = await runDirectoryImport(config, logger, { dryRun: values['dry-run'] ?? false });
      print(values.json ? report : formatImportReport(report), values.json ?? false);
      return 0;
    }
    if (command === 'user') {
      await userCommand(config, sub, rest, values);
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof UserInputError || err instanceof DirectoryManagedError) {
      process.stderr.write(`${err.message}\n`);
      return err instanceof ConfigError ? 78 : 2;
    }
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
