// The flow API's requests as the server validates them (zod), checked against the wire contract's types
// (wire/flow-api.ts): a schema that drifts from the contract fails to compile.
import { z } from 'zod';
import type { ActionRequest, CreateFlowRequest } from '../../wire/flow-api.js';

/** Largest request body the flow API reads. */
export const MAX_BODY_BYTES = 16 * 1024;

const lang = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "pt-BR"');

/** POST /flow — start a flow for an embedded widget from the authorization request the RP's OIDC library built. */
export const createFlowRequest = z.strictObject({
  authorization_request: z.string().min(1).max(8192),
  /** Used only when the authorization request carries no acr_values. */
  acr: z
    .string()
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'must be a method name such as "password"')
    .optional(),
  lang: lang.optional(),
});

/** POST /flow/action — run one action of the current step. */
export const actionRequest = z.strictObject({
  action: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z_]+$/, 'must be an action name such as "submit"'),
  inputs: z.record(z.string().max(64), z.unknown()).default({}),
});

/** Flow handles: 128 random bits, base64url without padding. */
export const flowHandle = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a flow handle (22 base64url characters)');

// Both ways: what the schema accepts is a contract request, and every contract request is what it parses.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<z.input<typeof createFlowRequest>, CreateFlowRequest>,
  Same<z.input<typeof actionRequest>, ActionRequest>,
] = [true, true];
void agree;
