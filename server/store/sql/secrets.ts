import type { SecretStore } from '../types.js';
import type { AccountDb } from './schema.js';

export class SqlSecretStore implements SecretStore {
  constructor(private readonly db: AccountDb) {}

  async get(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('secrets').select(['value']).where('name', '=', name).executeTakeFirst();
    return row?.value;
  }

  async putIfAbsent(name: string, value: string): Promise<string> {
    await this.db
      .insertInto('secrets')
      .values({ name, value, created_at: Date.now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const stored = await this.get(name);
    if (stored === undefined) throw new Error(`secret ${name} vanished right after it was written`);
    return stored;
  }
}
