// A storage service that cannot be reached (PostgreSQL or Redis down, restarting, or too slow) is a
// condition of the deployment, not a bug: requests answer 503 with a clear message and the app keeps
// running, reconnecting by itself. Drivers report it in many shapes; they are told apart here.

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    readonly service: 'postgres' | 'redis' | 'ldap',
    cause: unknown,
  ) {
    super(`${service} is unavailable: ${(cause as Error | undefined)?.message ?? String(cause)}`, { cause });
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATE classes and codes that mean "the database cannot serve now", not "this statement is wrong". */
function unavailablePostgresState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300' ||
    code === '57014'
  );
}

/** What node-postgres says when the database cannot serve (as opposed to a statement that is wrong). */
const POSTGRES_DOWN = new RegExp(
  [
    'Connection terminated',
    'connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error',
    'Query read timeout',
    'Cannot use a pool after calling end',
  ].join('|'),
  'i',
);

export function isUnavailable(err: unknown, service: 'postgres' | 'redis'): boolean {
  if (!(err instanceof Error)) return false;
  const { code } = err as { code?: unknown };
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || (service === 'postgres' && unavailablePostgresState(code)))
  )
    return true;
  const m = err.message;
  if (service === 'postgres') {
    return POSTGRES_DOWN.test(m);
  }
  // ioredis: no offline queue while disconnected, per-command timeouts, retries given up.
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|Command timed out|Reached the max retries|connect ETIMEDOUT/i.test(m)
  );
}

/** Wraps every method of `target` so that what it throws or rejects with goes through `translate` first. */
export function translatingErrors<T extends object>(target: T, translate: (err: unknown) => unknown): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
          return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(translate(err))) : result;
        } catch (err) {
          throw translate(err);
        }
      };
    },
  });
}

/** `err` as a StoreUnavailableError when it means `service` cannot be reached, else unchanged. */
export function asUnavailable(err: unknown, service: 'postgres' | 'redis'): unknown {
  return isUnavailable(err, service) ? new StoreUnavailableError(service, err) : err;
}

/** `target` whose "cannot reach the service" errors become StoreUnavailableError; others pass unchanged. */
export function reportingUnavailable<T extends object>(target: T, service: 'postgres' | 'redis'): T {
  return translatingErrors(target, (err) => asUnavailable(err, service));
}
