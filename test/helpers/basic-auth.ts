/** An HTTP Basic Authorization header value (RFC 7617), as a client or an SDK sends it. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
