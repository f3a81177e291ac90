// Reading the one-time code out of a text message the stand-ins received, the way the WebOTP line at the
// end of every message gives it ("@host #123456").
import type { PhoneInbox, ReceivedSms } from '../../demo/stand-ins/inbox.js';

/** The code in `message`'s WebOTP line; throws when the message has none. */
export function smsCode(message: Pick<ReceivedSms, 'to' | 'body'>): string {
  const code = /#(\d{6})$/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code in the SMS to ${message.to}: ${JSON.stringify(message.body)}`);
  return code;
}

/**
 * The code in the newest message to `to` that carries one; throws when there is none. Notices (a factor was
 * added to the account) carry no code and are texted in the background, so they may arrive after a code.
 */
export function newestSmsCode(inbox: PhoneInbox, to: string): string {
  const messages = inbox.list(to);
  if (!messages.length) throw new Error(`no SMS to ${to}`);
  const withCode = messages.find((m) => /#\d{6}$/.test(m.body));
  return smsCode(withCode ?? messages[0]!);
}

/** The one-time codes texted to `to`, newest first; texts without one (a factor-bound notice) are left out. */
export function textedCodes(inbox: PhoneInbox, to: string): string[] {
  return inbox.list(to).flatMap((m) => /#(\d{6})$/.exec(m.body)?.[1] ?? []);
}
