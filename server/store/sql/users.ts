import { randomUUID } from 'node:crypto';
import { DuplicateError, type NewUser, type UserPatch, type UserRecord, type UserStore } from '../types.js';
import { loginKey } from '../identifiers.js';
import type { AccountDb, UsersTable } from './schema.js';

function toRecord(row: UsersTable): UserRecord {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    emailVerified: Boolean(row.email_verified),
    phone: row.phone,
    phoneVerified: Boolean(row.phone_verified),
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A unique-key violation (SQLite: "UNIQUE constraint failed: users.email_key"; PostgreSQL: SQLSTATE 23505 on
 * "users_email_key_key").
 */
function asDuplicate(err: unknown): never {
  const { message = '', code } = err as { message?: string; code?: string };
  const unique = message.includes('UNIQUE') || code === '23505';
  if (unique && message.includes('email_key')) throw new DuplicateError('email');
  if (unique && message.includes('username_key')) throw new DuplicateError('username');
  throw err;
}

export class SqlUserStore implements UserStore {
  constructor(private readonly db: AccountDb) {}

  async create(user: NewUser): Promise<UserRecord> {
    const now = Date.now();
    const row: UsersTable = {
      id: user.id ?? randomUUID(),
      username: user.username,
      username_key: loginKey(user.username),
      email: user.email ?? null,
      email_key: user.email ? loginKey(user.email) : null,
      email_verified: 0,
      phone: user.phone ?? null,
      phone_verified: user.phone && user.phoneVerified ? 1 : 0,
      password_hash: user.passwordHash,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (err) {
      asDuplicate(err);
    }
    return toRecord(row);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByLogin(login: string): Promise<UserRecord | undefined> {
    const key = loginKey(login);
    const byName = await this.db.selectFrom('users').selectAll().where('username_key', '=', key).executeTakeFirst();
    if (byName) return toRecord(byName);
    const byEmail = await this.db.selectFrom('users').selectAll().where('email_key', '=', key).executeTakeFirst();
    return byEmail && toRecord(byEmail);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username_key').execute();
    return rows.map(toRecord);
  }

  async update(id: string, patch: UserPatch): Promise<UserRecord | undefined> {
    const values: Partial<UsersTable> = { updated_at: Date.now() };
    if (patch.email !== undefined) {
      values.email = patch.email;
      values.email_key = patch.email ? loginKey(patch.email) : null;
    }
    if (patch.emailVerified !== undefined) values.email_verified = patch.emailVerified ? 1 : 0;
    if (patch.phone !== undefined) values.phone = patch.phone;
    if (patch.phoneVerified !== undefined) values.phone_verified = patch.phoneVerified ? 1 : 0;
    if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
    try {
      await this.db.updateTable('users').set(values).where('id', '=', id).execute();
    } catch (err) {
      asDuplicate(err);
    }
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
