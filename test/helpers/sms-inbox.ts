// Reading the one-time code out of a text message the stand-ins received, the way the WebOTP line at the
// end of every message gives it ("@host #123456").
import type { PhoneInbox, ReceivedSms } from '../../demo/stand-ins/inbox.js';

/** The code in `message`'s WebOTP line; throws when the message has none. */
export function smsCode(message: Pick<ReceivedSms, 'to' | 'body'>): string {
  const code = /#(\d{6})$/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code in the SMS to ${message.to}: ${JSON.stringify(message.body)}`);
  return code;
}

/** The code in the newest message to `to`; throws when there is none. */
export function newestSmsCode(inbox: PhoneInbox, to: string): string {
  const [newest] = inbox.list(to);
  if (!newest) throw new Error(`no SMS to ${to}`);
  return smsCode(newest);
}
