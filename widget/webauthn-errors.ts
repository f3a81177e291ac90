// Stand-ins for @simplewebauthn/browser's identifyRegistrationError and identifyAuthenticationError (see
// vite.config.ts, which points the library's imports of those two helpers here). The originals wrap the
// browser's error in a WebAuthnError with a long English explanation for developers, and keep its `name`;
// <gluu-login> reads only `name`, so the browser's own error is passed through as it is (same name).

/** Same signature as the library's helper: returns the browser's error unchanged. */
export function identifyRegistrationError({ error }: { error: Error; options: unknown }): Error {
  return error;
}

/** Same signature as the library's helper: returns the browser's error unchanged. */
export function identifyAuthenticationError({ error }: { error: Error; options: unknown }): Error {
  return error;
}
