// What the engine asks of a flow's placement while it runs: where the finished flow goes, and which page
// origin may drive it.
import type { FlowRecord } from '../../store/types.js';
import { embeddedContinueUrl } from './embedded.js';
import { hostedContinueUrl } from './hosted.js';
import { accountContinueUrl } from './account.js';

/** Where the browser goes once the flow ended (empty for the password grant: its tokens are the answer). */
export function continueUrl(flow: FlowRecord, issuer: string, ticket: string): string {
  switch (flow.placement) {
    case 'hosted':
      return hostedContinueUrl(flow, issuer, ticket);
    case 'embedded':
      return embeddedContinueUrl(flow, issuer, ticket);
    case 'api':
      return '';
    case 'account':
      return accountContinueUrl(issuer, ticket);
  }
}

/** The page origin the flow's requests come from (hosted: the issuer's; undefined: requests send none). */
export function expectedOrigin(flow: FlowRecord, issuerOrigin: string): string | undefined {
  switch (flow.placement) {
    case 'hosted':
      return issuerOrigin;
    case 'embedded':
    case 'account':
      return flow.origin;
    case 'api':
      return undefined;
  }
}
