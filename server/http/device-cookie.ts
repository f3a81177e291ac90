// Carries a browser's device token (server/security/device-trust.ts) in and out of a flow action. In: the
// Gluu-Device header (the embedded widget, from the RP page's localStorage) or, on the hosted page, the
// provider's own cookie. Out: a hosted sign-in gets the cookie (HttpOnly, SameSite=Strict; `__Host-` on
// https), an embedded one gets `device_token` in the answer, once, for the widget to keep.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { FlowReply } from '../flow/engine.js';
import { DEVICE_HEADER, withDeviceRequest } from '../security/device-trust.js';

export interface DeviceCookie {
  /** Runs a flow action with the request's device token in scope, and hands back any token it issued. */
  around(c: Context, lifetimeDays: number, act: () => Promise<FlowReply>): Promise<FlowReply>;
}

export function deviceCookie(issuer: string): DeviceCookie {
  const url = new URL(issuer);
  const secure = url.protocol === 'https:';
  const name = secure ? '__Host-gluu-device' : 'gluu-device';
  // The hosted widget calls the flow API on the issuer's own origin, under <issuer path>/flow.
  const path = secure ? '/' : `${url.pathname.replace(/\/+$/, '')}/flow`;

  return {
    async around(c, lifetimeDays, act) {
      const presented = c.req.header(DEVICE_HEADER) ?? getCookie(c, name);
      return withDeviceRequest(presented, async (request) => {
        const answer = await act();
        const issued = request.issued;
        if (!issued) return answer;
        if (issued.placement === 'hosted') {
          setCookie(c, name, issued.token, {
            path,
            secure,
            httpOnly: true,
            sameSite: 'Strict',
            maxAge: lifetimeDays * 86_400,
          });
          return answer;
        }
        answer.body.device_token = issued.token;
        return answer;
      });
    },
  };
}
