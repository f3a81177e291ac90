// The wire contract of the flow API: the names, the requests and every answer, as types and constants only,
// so the widget (and any other client) imports it without zod. The server validates requests with the zod
// schemas in server/http/flow-requests.ts, which are checked against these types. Every answer that carries
// a flow is the whole current state: the widget keeps no flow logic.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

/** The header that carries the flow handle (not a cookie: the embedded widget runs on the RP's origin). */
export const FLOW_HEADER = 'Gluu-Flow';

/** Base path of the flow API on the backend. */
export const FLOW_API = '/flow';

/**
 * Server-sent events of a flow's state (GET, with the FLOW_HEADER; errors as on GET /flow): the current
 * state as a `state` event on connect, then one per visible change (countdowns excluded), a `: keepalive`
 * comment after 15 s of quiet, and a final `state` (done or failed) or `gone` event before it closes.
 */
export const FLOW_EVENTS = '/flow/events';

/** The header that carries a browser's device token (embedded placement; hosted uses the provider's cookie). */
export const DEVICE_HEADER = 'Gluu-Device';

/** POST /flow: start a flow for an embedded widget from the authorization request the RP's OIDC library built. */
export interface CreateFlowRequest {
  authorization_request: string;
  /** Used only when the authorization request carries no acr_values. */
  acr?: string | undefined;
  /** A BCP 47 language tag such as "en" or "pt-BR". */
  lang?: string | undefined;
}

/** POST /flow/action: run one action of the current step. */
export interface ActionRequest {
  action: string;
  inputs?: Record<string, unknown> | undefined;
}

/** What an input of an action accepts; the widget uses it for attributes, the server for validation. */
export interface InputSpec {
  /**
   * `credential`: a WebAuthn credential as JSON (navigator.credentials' toJSON(), or @simplewebauthn/browser's result).
   */
  type: 'text' | 'password' | 'code' | 'credential';
  required: boolean;
  min_length?: number;
  max_length: number;
  /** The autocomplete token the widget puts on the input. */
  autocomplete?: string;
  /** A regular expression the whole value must match (codes). */
  pattern?: string;
}

export interface ActionSpec {
  inputs: Record<string, InputSpec>;
}

export type StepKind = Step['kind'];

export type Step =
  | {
      kind: 'username';
      /**
       * Passwordless (acr passkey): options for a discoverable passkey, for autofill (conditional mediation on
       * the username input) and a "Sign in with a passkey" button. Action: passkey {credential}.
       */
      passkey?: { options: PublicKeyCredentialRequestOptionsJSON };
    }
  | {
      kind: 'password';
      /** The identifier typed at the previous step, shown so the user can change it. */
      username: string;
      registration_uri?: string;
      /** The password was just reset: sign in with the new one. */
      changed?: boolean;
    }
  | {
      /** First OTP sign-in: scan the QR (or type the key) into an authenticator app, then confirm one code. */
      kind: 'otp_enroll';
      /** The otpauth URI drawn as an SVG image (show it as <img src="data:image/svg+xml,...">). */
      qr: { svg: string; width: number; height: number };
      /** The same key in base32, for "Can't scan it?". */
      secret: string;
      /** For a link that opens the authenticator app on a phone. */
      otpauth_uri: string;
      issuer: string;
      account: string;
      label?: string;
      type: 'totp' | 'hotp';
      algorithm: 'sha1' | 'sha256' | 'sha512';
      digits: number;
      period?: number;
      /** Seconds left to confirm; at 0 only `renew` ("Show a new code") remains. */
      expires_in: number;
    }
  | {
      /** A code from an enrolled authenticator app. */
      kind: 'otp';
      type: 'totp' | 'hotp';
      digits: number;
    }
  | {
      /** A code sent by SMS. Actions: submit {code}, resend {}, and for purpose "enroll" change_phone {}. */
      kind: 'sms_code';
      /** Where the code went, masked: "+1 ••• ••• •• 34". */
      phone: string;
      digits: number;
      /** Seconds the current code stays valid; 0 when none is (then only resend helps). */
      expires_in: number;
      /** Seconds before resend is accepted (the server refuses earlier ones with 429 + retry_after). */
      resend_in: number;
      /** "login": the account's verified number; "enroll": a number being added to the account. */
      purpose: 'login' | 'enroll';
    }
  | {
      /**
       * No verified phone yet: the user types one (E.164), then confirms the code sent to it. Action: submit {phone}.
       */
      kind: 'phone_enroll';
      /** When set, only numbers of these countries (ISO 3166 alpha-2) are accepted. */
      allowed_countries?: string[];
    }
  | {
      /**
       * A code sent by e-mail (acr email_otp). Actions: submit {code}, resend {}, and for purpose "enroll"
       * change_email {}.
       */
      kind: 'email_code';
      /** Where the code went, masked: "d•••@example.com". */
      email: string;
      digits: number;
      /** Seconds the current code stays valid; 0 when none is (then only resend helps). */
      expires_in: number;
      /** Seconds before resend is accepted (the server refuses earlier ones with 429 + retry_after). */
      resend_in: number;
      /** "login": the account's verified address; "enroll": an address being added to the account. */
      purpose: 'login' | 'enroll';
    }
  | {
      /**
       * No verified e-mail address yet: the user types one, then confirms the code sent to it.
       * Action: submit {email}.
       */
      kind: 'email_enroll';
    }
  | {
      /**
       * tru.ID PhoneCheck: the phone opens `link` (from the QR), the user picks `number` there among decoys,
       * and over mobile data its SIM proves the phone number. `status` changes without the widget acting:
       * follow it with GET /flow/events (or poll GET /flow). Actions: continue {} once verified or denied;
       * renew {} once expired or failed; use_fallback {} when offered.
       */
      kind: 'phonecheck';
      /** The QR of `link`, drawn on the server (absent when the check failed before it had a link). */
      qr?: { svg: string; width: number; height: number };
      /** The short link to open on the phone (also offered as "Continue on this phone" to phone browsers). */
      link?: string;
      /** The number being checked, masked. */
      phone: string;
      status: 'waiting' | 'verifying' | 'verified' | 'failed' | 'denied' | 'expired';
      /** While waiting: the 2-digit number to pick on the phone (a wrong pick denies the check). */
      number?: number;
      /** Why it failed, for the user. */
      reason?: string;
      /** Seconds left in the check's life. */
      expires_in: number;
      /**
       * Another method the user may switch to (action use_fallback), and the factor it proves, so a client
       * can word the offer ("Text me a code instead") without knowing method names.
       */
      fallback?: { acr: string; factor: Factor };
    }
  | {
      /**
       * A passkey or security key: `register` creates one (navigator.credentials.create), `authenticate` uses
       * one (navigator.credentials.get). Actions: submit {credential}; skip {} when registering is optional.
       */
      kind: 'webauthn';
      mode: 'register' | 'authenticate';
      options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;
    }
  | {
      /** One of the account's recovery codes ("ABCDE-FGHJK"; case, spaces, hyphens ignored). Action: submit {code}. */
      kind: 'recovery_code';
    }
  | {
      /**
       * A new set of recovery codes, shown once: each works once in place of a lost second factor. Action:
       * continue {} once they are kept.
       */
      kind: 'recovery_codes';
      codes: string[];
    }
  | {
      /**
       * A forgotten password: a code went to the account's verified e-mail address, if the typed login is an
       * account that has one (the step is the same either way). Actions: submit {code}, resend {}.
       */
      kind: 'reset_code';
      digits: number;
      expires_in: number;
      resend_in: number;
    }
  | {
      /**
       * At the end of a sign-in that proved a second factor, where the client lets the user choose: trust this
       * browser, so that sign-ins here skip the second factor for `days` days. Actions: trust {}, skip {}.
       */
      kind: 'trust_browser';
      days: number;
    }
  | {
      /** The new password (checked like every password). Action: submit {password}. */
      kind: 'new_password';
      min_length: number;
    }
  | {
      kind: 'done';
      /** Where the browser goes next: once through the provider, then to the RP's redirect_uri with a code. */
      continue_url: string;
    }
  | {
      kind: 'failed';
      reason: FailureReason;
      message: string;
      /** Back to the application, which then hears `access_denied` (absent when the flow itself is gone). */
      continue_url?: string;
    };

export type FailureReason =
  | 'flow_expired'
  | 'flow_not_found'
  | 'access_denied'
  | 'server_error'
  | 'no_phone'
  /** The method needs a second factor the account does not have and may not add on its own. */
  | 'no_second_factor'
  /** Adding a factor needs one of the account's existing ones proven first, and none of them can be used here. */
  | 'second_factor_unavailable';

/** What a method proves: something the user knows, or a device or phone number they hold. */
export type Factor = 'password' | 'otp' | 'sms' | 'phonecheck' | 'passkey' | 'email' | 'recovery_code';

/** The kinds of second factor a sign-in can add to an account. */
export type BindingFactor = 'otp' | 'passkey' | 'phone' | 'email';

/** Codes of every error the flow API answers; the widget localizes by code and falls back to `message`. */
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'missing_flow'
  | 'flow_not_found'
  | 'flow_expired'
  | 'flow_busy'
  | 'action_not_allowed'
  | 'origin_not_allowed'
  | 'invalid_client'
  | 'invalid_authorization_request'
  /** The request's essential acr (claims parameter) names no method this provider can run for the client. */
  | 'unmet_authentication_requirements'
  | 'invalid_credentials'
  | 'invalid_code'
  | 'code_used'
  | 'code_expired'
  | 'code_exhausted'
  | 'sms_not_sent'
  | 'rate_limited'
  | 'invalid_phone'
  | 'phone_not_allowed'
  | 'invalid_email'
  | 'email_not_sent'
  | 'phonecheck_unavailable'
  | 'webauthn_failed'
  | 'challenge_expired'
  | 'credential_exists'
  | 'credential_cloned'
  | 'unknown_credential'
  | 'no_passkey'
  | 'locked'
  | 'admin_unlock_required'
  /** A new password that is too common, too short or built from the account's names. */
  | 'weak_password'
  | 'not_found'
  | 'service_unavailable'
  | 'server_error';

export interface FlowError {
  code: ErrorCode;
  message: string;
  /** The input (or request field) the error is about. */
  field?: string;
  /** Seconds to wait before trying again (with HTTP 429). */
  retry_after?: number;
}

/** Every 2xx answer, and 401/429 answers to a wrong credential, carry the whole state. */
export interface FlowState {
  flow: string;
  /** Seconds until the flow expires. */
  expires_in: number;
  /** The authentication method (acr) this flow completes. */
  acr: string;
  client: { id: string; name: string };
  step: Step;
  actions: Record<string, ActionSpec>;
  error?: FlowError;
  /**
   * This step proves a factor the account already has, because the sign-in goes on to add `binding`
   * (a new factor binds only after an existing one is proven).
   */
  binding?: BindingFactor | 'password';
  /**
   * Other factors of this account that can take the place of this step's (action another_way {factor}),
   * each at least as strong as the sign-in asks for. Only offered once the password was proven, so a
   * username alone reveals nothing; absent when there is none.
   */
  another_way?: Factor[];
  /**
   * Embedded placement, in the answer to the right password: this browser's device token, for the widget to
   * keep (localStorage) and send back in the Gluu-Device header; its attempts then count apart from an
   * attacker's (README "Enumeration and lockout"). Hosted sign-ins get an HttpOnly cookie instead.
   */
  device_token?: string;
}

/** Answers without a usable flow (bad request, unknown or expired flow, ...). */
export interface ErrorBody {
  error: FlowError;
}

export type FlowAnswer = FlowState | ErrorBody;

export function isFlowState(body: FlowAnswer): body is FlowState {
  return 'step' in body;
}
