// The Key Uri Format that authenticator apps read. Every parameter is written out,
// `algorithm` included, so SHA-256/512 and 7-8 digit settings reach the app instead of silently
// falling back to SHA-1 and 6 digits. (otplib's generateURI leaves out parameters at their default values.)
export interface OtpauthParams {
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  secret: string;
  algorithm: 'sha1' | 'sha256' | 'sha512';
  digits: number;
  period?: number;
  counter?: number;
}

export function otpauthUri(p: OtpauthParams): string {
  const label = `${encodeURIComponent(p.issuer)}:${encodeURIComponent(p.account)}`;
  const query = new URLSearchParams({
    secret: p.secret,
    issuer: p.issuer,
    algorithm: p.algorithm.toUpperCase(),
    digits: String(p.digits),
    ...(p.type === 'totp' ? { period: String(p.period ?? 30) } : { counter: String(p.counter ?? 0) }),
  });
  // URLSearchParams writes spaces as "+"; authenticator apps expect %20.
  return `otpauth://${p.type}/${label}?${query.toString().replace(/\+/g, '%20')}`;
}
