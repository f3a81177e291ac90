// The `users` section: where accounts live. `sql` (the default): the storage's own tables. `ldap`: a directory,
// with Gluu Server's names as the defaults (users under ou=people,o=gluu, class gluuPerson, `inum` as the stable
// id, `uid` or `mail` to sign in, `mobile` and `phoneNumberVerified` for the phone, OTP devices in
// `oxExternalUid`), so a Gluu directory needs only its URL and a service account.
import { z } from 'zod';

const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'must be an LDAP attribute name');

const ldapSettings = z
  .strictObject({
    /** ldap://host:389 or ldaps://host:636 (host and port only). */
    url: z
      .string()
      .regex(/^ldaps?:\/\/[^/?#\s]+\/?$/, 'must be an ldap:// or ldaps:// URL with a host (and port) only'),
    /** Upgrade an ldap:// connection with StartTLS before binding. */
    start_tls: z.boolean().default(false),
    tls: z
      .strictObject({
        /** PEM file of the certificate authority that signed the directory's certificate (default: Node's list). */
        ca_file: z.string().min(1).optional(),
        /** Host name to check the certificate against when it differs from the URL's. */
        server_name: z.string().min(1).optional(),
      })
      .prefault({}),
    /** The service account that searches and writes the mapped attributes (Gluu: cn=directory manager). */
    bind_dn: z.string().min(1),
    bind_password: z.string().min(1),
    /** Where people are (searched with scope sub). */
    base_dn: z.string().min(1).default('ou=people,o=gluu'),
    /**
     * Which entries are accounts, ANDed with the login match. Gluu's default signs in active people only;
     * an entry the filter leaves out answers exactly as an unknown login.
     */
    user_filter: z
      .string()
      .regex(/^\(.*\)$/s, 'must be an LDAP filter in parentheses')
      .default('(&(objectClass=gluuPerson)(gluuStatus=active))'),
    attributes: z
      .strictObject({
        /** The stable id: the user id of flows, tokens (sub) and the credentials kept in SQL. */
        id: attributeName.default('inum'),
        /** Tried in order to find the account a typed login names (Gluu's scripts: uid). */
        login: z.array(attributeName).min(1).max(4).default(['uid', 'mail']),
        /** The name shown and put in tokens. */
        username: attributeName.default('uid'),
        email: attributeName.default('mail'),
        /** TRUE / FALSE. */
        email_verified: attributeName.default('emailVerified'),
        /** The phone: the first value of the first of these that has one (Gluu's twilio_sms: mobile). */
        phone: z.array(attributeName).min(1).max(4).default(['mobile']),
        /** TRUE / FALSE; null: every number in the directory counts as verified (as Gluu's SMS scripts treat them). */
        phone_verified: attributeName.nullable().default('phoneNumberVerified'),
        /** Gluu's OTP script's enrollments: totp:<key> and hotp:<key>;<moving factor>. */
        otp: attributeName.default('oxExternalUid'),
        /** When the account was made (generalized time), if the directory keeps it. */
        created: attributeName.default('oxCreationTimestamp'),
      })
      .prefault({}),
    /** Service connections kept open (searches and writes run on them; a password check opens its own). */
    pool_size: z.number().int().min(1).max(50).default(4),
    /** How long an operation may take before the directory counts as unavailable (503). */
    timeout_ms: z.number().int().min(100).max(60_000).default(3000),
    connect_timeout_ms: z.number().int().min(100).max(60_000).default(2000),
  })
  .refine((s) => !(s.start_tls && s.url.startsWith('ldaps:')), {
    message: 'start_tls upgrades ldap:// connections; ldaps:// is TLS already',
    path: ['start_tls'],
  });
export type LdapSettings = z.output<typeof ldapSettings>;

export const usersSettings = z
  .discriminatedUnion('driver', [
    z.strictObject({ driver: z.literal('sql') }),
    z.strictObject({ driver: z.literal('ldap'), ldap: ldapSettings }),
  ])
  .prefault({ driver: 'sql' });
export type UsersSettings = z.output<typeof usersSettings>;
