// `npm run demo:cli-login`: signs in through the multi-step password grant from a terminal, as an API client
// written for Gluu's ROPC 2FA script would: username, then the SMS code, then the password; prints the
// id_token's claims. Talks to the demo's provider (GLUU_ISSUER, else GLUU_PORT as `npm start` does) as the
// demo's `demo-cli` client; the Phone page it points to follows RP_URL / RP_PORT the same way. The password is
// not echoed on a terminal.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import * as oidc from 'openid-client';
import { DEMO_CLI_CLIENT } from './clients.js';

const issuer = process.env.GLUU_ISSUER ?? `http://localhost:${process.env.GLUU_PORT ?? 4000}`;
const rpUrl = process.env.RP_URL ?? `http://localhost:${process.env.RP_PORT ?? 3000}`;
const phonePage = process.env.PHONE_PAGE ?? `${rpUrl}/phone`;

/** Output that a prompt writes to, silenced while the answer is typed (a terminal echoes nothing then). */
class Prompt extends Writable {
  muted = false;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    if (!this.muted) process.stdout.write(chunk);
    done();
  }
}

async function main(): Promise<number> {
  const tty = process.stdin.isTTY === true;
  const output = new Prompt();
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  const ask = async (question: string, secret = false) => {
    const answer = rl.question(question);
    // The question is written first; what is typed after it is not shown.
    output.muted = secret && tty;
    try {
      return (await answer).trim();
    } finally {
      if (output.muted) process.stdout.write('\n');
      output.muted = false;
    }
  };
  const config = await oidc.discovery(
    new URL(issuer),
    DEMO_CLI_CLIENT.id,
    undefined,
    oidc.ClientSecretBasic(DEMO_CLI_CLIENT.secret),
    {
      execute: issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
    },
  );

  /** Sends one step; an intermediate answer (400 mfa_required) comes back as its body. */
  const send = async (params: Record<string, string>) => {
    try {
      return { tokens: await oidc.genericGrantRequest(config, 'password', params) };
    } catch (err) {
      if (!(err instanceof oidc.ResponseBodyError)) throw err;
      const body = err.cause as { error: string; error_description?: string; auth_session?: string };
      if (body.error === 'mfa_required' && body.auth_session) return { session: body.auth_session };
      throw new Error(
        `${body.error}: ${body.error_description ?? ''} [${err.response.headers.get('x-ropc-two-fa') ?? ''}]`,
      );
    }
  };

  try {
    const username = await ask('Username: ');
    const first = await send({ __step: '1', username });
    process.stdout.write(`If the account has a phone, a code is on its way by SMS (demo: ${phonePage}).\n`);
    const code = await ask('Code: ');
    await send({ __step: '2', __session_id: first.session!, username, password: code });
    const password = await ask('Password: ', true);
    const done = await send({ __step: '3', __session_id: first.session!, username, password, scope: 'openid profile' });
    process.stdout.write(`Signed in. ID token claims:\n${JSON.stringify(done.tokens!.claims(), null, 2)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`Sign-in failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    rl.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
