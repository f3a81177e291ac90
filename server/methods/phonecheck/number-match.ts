// The number match of a phone check (draft-ietf-oauth-cross-device-security, "user-entered or selected
// codes"): the desktop shows a 2-digit number and the phone offers it among two decoys. Someone who was sent
// a forwarded QR code, and cannot see the screen that started the sign-in, picks the right one only by
// chance (1 in 3), and a wrong pick stops the check for good.
import { randomInt } from 'node:crypto';

export interface NumberMatch {
  /** The number the desktop shows. */
  number: number;
  /**
   * What the phone offers: `number` and two distinct decoys, shuffled. Fixed per check, so reloading the page changes
   * nothing.
   */
  choices: number[];
}

const twoDigits = () => randomInt(10, 100);

export function newNumberMatch(): NumberMatch {
  const number = twoDigits();
  const choices = [number];
  while (choices.length < 3) {
    const decoy = twoDigits();
    if (!choices.includes(decoy)) choices.push(decoy);
  }
  // Fisher-Yates with the CSPRNG: the right number's place tells nothing.
  for (let i = choices.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [choices[i], choices[j]] = [choices[j]!, choices[i]!];
  }
  return { number, choices };
}
