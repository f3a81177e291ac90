// One audit line about a flow, in the same shape wherever it is written (engine, binding rule, methods).
import type { AuditEvent } from '../security/audit.js';
import type { MethodContext } from './types.js';

/** An audit line about this flow; `event` may name the user itself, when the flow does not know it yet. */
export function auditFlow(ctx: MethodContext, event: AuditEvent): void {
  ctx.deps.audit.record({
    client_id: ctx.flow.clientId,
    user_id: ctx.flow.userId,
    ip: ctx.ip,
    flow: ctx.flow.id.slice(0, 8),
    ...event,
  });
}
