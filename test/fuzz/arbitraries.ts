// fast-check arbitraries for fuzzing the HTTP surface: hostile strings, JSON of any shape (duplicate and
// prototype-polluting keys, deep nesting, lone surrogates) serialized by hand so nothing is lost on the
// way, raw bytes that are not UTF-8, header values, form bodies and query strings.
import fc from 'fast-check';

/** Keys that reach Object.prototype when an object is built carelessly from parsed input. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];

/** Every action and input name the flow API knows, so random requests often get past the first checks. */
export const ACTION_NAMES = [
  'submit',
  'renew',
  'resend',
  'skip',
  'use_fallback',
  'change_username',
  'change_phone',
  'continue',
  'passkey',
];
export const INPUT_NAMES = ['username', 'password', 'code', 'phone', 'credential'];

const nastyConstants = [
  '',
  ' ',
  '   ',
  '\u0000',
  '\u0000admin',
  '\u0007\u001b[31m',
  '\r\n',
  '\t',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\ufeff',
  '\uffff',
  '\u202e',
  '\u0301',
  'null',
  'undefined',
  'NaN',
  'true',
  '0',
  '-1',
  '1e309',
  '{}',
  '[]',
  '{"$ne":1}',
  '../../etc/passwd',
  '%00',
  '%',
  '%zz',
  '%ff%fe',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as typed
  '${7*7}',
  '{{7*7}}',
  'ｄｅｍｏ',
  'ALICE',
  '１２３４５６',
  '000000',
  '123456',
  '+14155552671',
  'AAAAAAAAAAAAAAAAAAAAAA',
  'http://evil.example/',
  'javascript:alert(1)',
  ...PROTO_KEYS,
];

/** Strings meant to break things: control characters, lone surrogates, unicode of every kind, long runs. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyConstants) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,9}$/) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', 'é', '\u{1F600}', '\u0000', '9'),
        fc.constantFrom(64, 65, 256, 257, 1024, 1025, 4097, 9000, 17_000),
      )
      .map(([c, n]) => c.repeat(n)),
  },
);

/** A JSON document as a tree whose objects keep their key order, duplicate keys and "__proto__" keys. */
export type JsonTree = null | boolean | number | string | JsonTree[] | { entries: [string, JsonTree][] };

const jsonKey = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...PROTO_KEYS,
      ...INPUT_NAMES,
      'action',
      'inputs',
      'authorization_request',
      'acr',
      'lang',
    ),
  },
  { weight: 2, arbitrary: nastyString },
);

export const jsonTree: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(1e308, -0, 2 ** 53 + 1),
    ),
    nastyString,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(jsonKey, tie('tree')), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
})).tree;

export function serialize(tree: JsonTree): string {
  if (tree === null || typeof tree !== 'object') return JSON.stringify(tree);
  if (Array.isArray(tree)) return `[${tree.map(serialize).join(',')}]`;
  return `{${tree.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
}

/** Nesting far deeper than any legitimate body, but under the 16 KiB limit (and one over it). */
export const deepJson: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 9000 }),
    fc.constantFrom('[', '{"inputs":', '{"__proto__":', '{"action":"submit","inputs":{"username":'),
  )
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : '}';
    const inner = open.includes('username') ? '"bob"' : 'null';
    const n = Math.max(1, Math.floor(depth / open.length));
    return open.repeat(n) + inner + close.repeat(n);
  });

/** Flow API bodies: mostly the right top-level shape with wrong insides, sometimes anything at all. */
export function actionBody(
  plausibleInputs: fc.Arbitrary<Record<string, string>> = fc.constant({}),
): fc.Arbitrary<string> {
  const inputs = fc.oneof(
    plausibleInputs.map((i): JsonTree => ({ entries: Object.entries(i) })),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...INPUT_NAMES, ...PROTO_KEYS), nastyString), jsonTree), {
        maxLength: 4,
      })
      .map((entries): JsonTree => ({ entries })),
    jsonTree,
  );
  const action = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ACTION_NAMES) },
    { weight: 1, arbitrary: jsonTree },
  );
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(action, inputs).map(([a, i]) =>
        serialize({
          entries: [
            ['action', a],
            ['inputs', i],
          ],
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(action, fc.array(fc.tuple(jsonKey, jsonTree), { maxLength: 3 }))
        .map(([a, extra]) => serialize({ entries: [['action', a], ...extra] })),
    },
    { weight: 1, arbitrary: jsonTree.map(serialize) },
    { weight: 1, arbitrary: deepJson },
    { weight: 1, arbitrary: nastyString },
  );
}

/** Bytes that are not valid UTF-8 (or are, by chance), sometimes wrapped in JSON syntax. */
export const rawBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .constantFrom(
      [0x7b, 0xff, 0xfe, 0x7d],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xef, 0xbb, 0xbf, 0x7b, 0x7d],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x22, 0x80, 0x22],
    )
    .map((b) => new Uint8Array(b)),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bad) => {
    const head = new TextEncoder().encode('{"action":"submit","inputs":{"username":"');
    const tail = new TextEncoder().encode('"}}');
    return new Uint8Array([...head, ...bad, ...tail]);
  }),
);

/** A header value fetch will send: Latin-1, no CR/LF/NUL, no surrounding whitespace. */
export const headerValue: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    fc.constantFrom(
      'null',
      '*',
      'undefined',
      'file://',
      'http://localhost:3999',
      'http://localhost:3999/',
      'HTTP://LOCALHOST:3999',
      'http://localhost:3998',
      'https://evil.example',
    ),
    fc.integer({ min: 1, max: 9000 }).map((n) => 'a'.repeat(n)),
  )
  .map((s) =>
    [...s]
      .filter((c) => c.charCodeAt(0) <= 0xff && c.charCodeAt(0) !== 0x7f && (c >= ' ' || c === '\t'))
      .join('')
      .trim(),
  );

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json;charset=latin1',
    'application/json\t;x=y',
    'application/jsonp',
    'application/json-patch+json',
    'text/plain',
    'text/json',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    '',
  ),
  headerValue,
);

/** Something in a flow handle's place: well formed but unknown, almost well formed, or anything. */
export const fakeHandle: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{21,23}$/),
  fc.stringMatching(/^[A-Za-z0-9+/=]{22}$/),
  headerValue,
);

/** A `Basic` or `Bearer` Authorization header, well formed or not. */
export const authorization: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.constantFrom('test-rp', 'public-spa', 'api-client', 'nobody', ''), nastyString),
      fc.oneof(fc.constantFrom('test-client-secret-0123456789abcdefghij', 'wrong'), nastyString),
    )
    .map(([id, secret]) => `Basic ${Buffer.from(`${safeEncode(id)}:${safeEncode(secret)}`).toString('base64')}`),
  fc
    .tuple(nastyString, nastyString)
    .map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`, 'latin1').toString('base64')}`),
  fc.uint8Array({ maxLength: 40 }).map((b) => `Basic ${Buffer.from(b).toString('base64')}`),
  headerValue.map((v) => `Basic ${v}`),
  headerValue.map((v) => `Bearer ${v}`),
  jwtLike().map((v) => `Bearer ${v}`),
  jwtLike().map((v) => `DPoP ${v}`),
  headerValue,
);

/** Three base64url parts, sometimes with a real-looking header (alg none, an unknown kid, ...). */
export function jwtLike(): fc.Arbitrary<string> {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const header = fc.oneof(
    fc.constantFrom(
      '{"alg":"none"}',
      '{"alg":"HS256"}',
      '{"alg":"RS256","kid":"x"}',
      '{"alg":"ES256","typ":"dpop+jwt","jwk":{"kty":"EC"}}',
      '{"alg":"HS256","crit":["b64"]}',
      '{}',
      'null',
    ),
    jsonTree.map(serialize),
  );
  const payload = fc.oneof(
    fc.constantFrom(
      '{"iss":"test-rp","sub":"test-rp","aud":"x","exp":9999999999,"jti":"a"}',
      '{"htm":"POST","htu":"x","iat":0}',
      '{}',
    ),
    jsonTree.map(serialize),
  );
  return fc.oneof(
    fc.tuple(header, payload, fc.string({ maxLength: 20 })).map(([h, p, sig]) => `${b64(h)}.${b64(p)}.${b64(sig)}`),
    fc
      .array(fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('.')),
  );
}

/** Form fields with random names and values; keys may repeat. */
export function formFields(
  names: string[],
  value: fc.Arbitrary<string> = nastyString,
): fc.Arbitrary<[string, string][]> {
  return fc.array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: nastyString }),
      value,
    ),
    { maxLength: 8 },
  );
}

/** encodeURIComponent, except that a lone surrogate (which it refuses) is left as it is. */
export function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
}

/** application/x-www-form-urlencoded, built by hand so broken percent-escapes and raw bytes get through too. */
export function formBody(fields: [string, string][], broken = false): string {
  return fields.map(([k, v]) => (broken ? `${k}=${v}` : `${safeEncode(k)}=${safeEncode(v)}`)).join('&');
}
