import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits, base64url: flow handles and one-time tickets. */
export function randomHandle(): string {
  return randomBytes(16).toString('base64url');
}

/** Stored in place of handles and tickets, so a copy of the database cannot drive anyone's flow. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
