// Who made a change inside a sign-in flow, as a notice says it: the account the flow proved, the application
// (client) and the browser and address it came from, the flow's language, and now. A method that changes
// an account (a recovery code used, codes made anew) spreads it into its notice:
//   void ctx.deps.notifier.accountChanged({ ...noticeFrom(ctx), kind: 'recovery_code_used', remaining: 9 });
import type { MethodContext } from '../flow/types.js';
import type { NoticeActor } from './types.js';

export interface NoticeOrigin {
  userId: string;
  by: NoticeActor;
  at: number;
  lang: string | undefined;
}

/**
 * The flow's user, its client, browser, address and language, and the time. A notice never throws into a
 * sign-in: a flow that has not proven its user yet (a caller's mistake) gives one the notifier audits as
 * unknown_user instead.
 */
export function noticeFrom(ctx: Pick<MethodContext, 'flow' | 'client' | 'ip' | 'deps'>): NoticeOrigin {
  const { flow, client, ip, deps } = ctx;
  return {
    userId: flow.userId ?? '',
    by: {
      type: 'sign_in',
      clientName: client.client_name ?? client.client_id,
      ip,
      ...(flow.userAgent ? { userAgent: flow.userAgent } : {}),
    },
    at: deps.clock(),
    lang: flow.lang,
  };
}
