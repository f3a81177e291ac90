// Words a new password must not be built from (NIST 800-63B 5.1.1.2): the account's own names, the
// issuer's host name and its labels, and the names of the configured clients. Every way a password is set
// (the CLI, a reset) checks against them.
import type { Config } from '../config.js';

export function passwordContextWords(
  config: Pick<Config, 'issuer' | 'clients'>,
  user: { username: string; email: string | null },
): string[] {
  const host = new URL(config.issuer).hostname;
  const labels = host.split('.');
  return [
    user.username,
    ...(user.email ? [user.email, user.email.split('@')[0]!] : []),
    host,
    ...(labels.length > 1 ? labels.slice(0, -1) : labels),
    'gluu',
    ...config.clients.flatMap((c) => (c.client_name ? [c.client_name] : [])),
  ];
}
