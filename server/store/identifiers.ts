// Usernames and emails match case-insensitively and regardless of Unicode compatibility forms, so
// "Demo", "demo" and "ｄｅｍｏ" are one account and cannot be registered twice.
export function loginKey(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}
