// The phone-check consent page over HTTP, as a phone's browser uses it: GET the page (which sets the
// browser's cookie), read its form's token and numbers, and answer with the headers a browser sends when
// its own page submits the form (Sec-Fetch-Site: same-origin). Tests of forged answers change those.
import type { UserAgent } from './user-agent.js';

export interface ConsentForm {
  status: number;
  html: string;
  /** The hidden token of the form (undefined when the page has no form). */
  token: string | undefined;
  /** The numbers offered as approve buttons, in page order. */
  choices: number[];
}

export async function openConsent(phone: UserAgent, link: string): Promise<ConsentForm> {
  const response = await phone.request(link);
  const html = await response.text();
  return {
    status: response.status,
    html,
    token: /<input type="hidden" name="token" value="([^"]+)">/.exec(html)?.[1],
    choices: [...html.matchAll(/<button type="submit" name="number" value="(\d+)">/g)].map((m) => Number(m[1])),
  };
}

export interface Answer {
  token?: string | undefined;
  number?: number;
  /** Replaces the browser's own same-origin fetch metadata. */
  headers?: Record<string, string>;
}

export function answerConsent(
  phone: UserAgent,
  link: string,
  action: 'allow' | 'deny',
  answer: Answer,
): Promise<Response> {
  const body = new URLSearchParams();
  if (answer.token !== undefined) body.set('token', answer.token);
  if (answer.number !== undefined) body.set('number', String(answer.number));
  return phone.request(`${link}/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(answer.headers ?? { 'sec-fetch-site': 'same-origin' }),
    },
    body,
  });
}
