// The `users` section: where accounts live. `sql` (the default): the storage's own tables. `ldap`: a directory,
// with Gluu Server's names as the defaults (users under ou=people,o=gluu, class gluuPerson, `inum` as the stable
// id, `uid` or `mail` to sign in, `mobile` and `phoneNumberVerified` for the phone, OTP devices in
// `oxExternalUid`), so a Gluu directory needs only its URL and a service account. Each key says what it is
// for in .describe(): docs/configuration-reference.md is generated from it.
import { z } from 'zod';

const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'must be an LDAP attribute name');

const ldapSettings = z
  .strictObject({
    url: z
      .string()
      .regex(/^ldaps?:\/\/[^/?#\s]+\/?$/, 'must be an ldap:// or ldaps:// URL with a host (and port) only')
      .describe('The directory: ldap://host:389 or ldaps://host:636 (host and port only).'),
    start_tls: z.boolean().default(false).describe('Upgrade an ldap:// connection with StartTLS before binding.'),
    tls: z
      .strictObject({
        ca_file: z
          .string()
          .min(1)
          .optional()
          .describe("PEM file of the authority that signed the directory's certificate (default: Node's list)."),
        server_name: z
          .string()
          .min(1)
          .optional()
          .describe("Host name the certificate must name, when it differs from the URL's."),
      })
      .prefault({})
      .describe('TLS of ldaps:// and StartTLS connections.'),
    bind_dn: z
      .string()
      .min(1)
      .describe(
        'The service account that searches people and writes phones and OTP devices ' +
          '(Gluu: cn=directory manager,o=gluu).',
      ),
    bind_password: z
      .string()
      .min(1)
      .describe("The service account's password (e.g. from GLUU__USERS__LDAP__BIND_PASSWORD)."),
    base_dn: z.string().min(1).default('ou=people,o=gluu').describe('Where people are (searched with scope sub).'),
    user_filter: z
      .string()
      .regex(/^\(.*\)$/s, 'must be an LDAP filter in parentheses')
      .default('(&(objectClass=gluuPerson)(gluuStatus=active))')
      .describe(
        'Which entries are accounts, ANDed with the login match; an entry it leaves out answers as an unknown login.',
      ),
    attributes: z
      .strictObject({
        id: attributeName
          .default('inum')
          .describe("The stable id: the tokens' sub and the key of the credentials kept in SQL."),
        login: z
          .array(attributeName)
          .min(1)
          .max(4)
          .default(['uid', 'mail'])
          .describe('Matched against a typed login, an earlier attribute first.'),
        username: attributeName.default('uid').describe('The name shown and given to applications.'),
        email: attributeName.default('mail').describe('The e-mail address (first value).'),
        email_verified: attributeName.default('emailVerified').describe('TRUE when the e-mail address is verified.'),
        phone: z
          .array(attributeName)
          .min(1)
          .max(4)
          .default(['mobile'])
          .describe('The phone: the first E.164 value of the first of these that has one.'),
        phone_verified: attributeName
          .nullable()
          .default('phoneNumberVerified')
          .describe(
            "TRUE when the phone is verified; null: every directory number counts as verified (Gluu's SMS scripts).",
          ),
        otp: attributeName
          .default('oxExternalUid')
          .describe("OTP devices in Gluu's format: totp:<base64url key>, hotp:<base64url key>;<moving factor>."),
        created: attributeName
          .default('oxCreationTimestamp')
          .describe('When the account was made (generalized time), if the directory keeps it.'),
      })
      .prefault({})
      .describe('Which directory attribute holds what (defaults: the Gluu Server schema).'),
    pool_size: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(4)
      .describe('Service connections kept open; each password check binds on a connection of its own.'),
    timeout_ms: z
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(3000)
      .describe('How long an operation may take before the directory counts as unavailable (503).'),
    connect_timeout_ms: z
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(2000)
      .describe('How long a connection may take to open.'),
  })
  .refine((s) => !(s.start_tls && s.url.startsWith('ldaps:')), {
    message: 'start_tls upgrades ldap:// connections; ldaps:// is TLS already',
    path: ['start_tls'],
  })
  .describe("The directory's connection and attribute mapping.");
export type LdapSettings = z.output<typeof ldapSettings>;

export const usersSettings = z
  .discriminatedUnion('driver', [
    z.strictObject({
      driver: z
        .literal('sql')
        .describe("sql (the default): accounts in the storage's tables; ldap: in a directory (users.ldap)."),
    }),
    z.strictObject({
      driver: z
        .literal('ldap')
        .describe('ldap: accounts in a directory (Gluu Server); other data stays in the storage.'),
      ldap: ldapSettings,
    }),
  ])
  .prefault({ driver: 'sql' })
  .describe("Where accounts live: the storage's SQL tables, or an LDAP directory (see docs/coming-from-gluu.md).");
export type UsersSettings = z.output<typeof usersSettings>;
