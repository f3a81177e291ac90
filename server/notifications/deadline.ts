// A bound on how long one delivery may take, whatever the library underneath does with its own timeouts.

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** `work`'s outcome, or a DeadlineError after `ms`; the timer is a plain one, cleared either way. */
export function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
