// The 49,233 most common passwords of zxcvbn-ts (`@zxcvbn-ts/language-common`, MIT, from breach corpora;
// lower case), as a set built on first use: the CLI and the server only need it when a password is set.
import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/** Whether `lowered` (NFKC, lower case) is one of the common passwords. */
export function isCommonPassword(lowered: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(lowered);
}

export function commonPasswordCount(): number {
  common ??= new Set(dictionary['passwords-common']);
  return common.size;
}
