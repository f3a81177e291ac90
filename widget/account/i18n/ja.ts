// Japanese texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/ja.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="ja">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/ja.js). Built to dist/widget/account/i18n/ja.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Japanese, by id and error code (also the default export). */
export const ja: AccountMessages = {
  loading: '読み込み中…',
  signed_in_as: '{user} としてログイン中',
  network: 'アカウントサービスに接続できません。',
  try_again: '再試行',
  factors: 'ログイン方法',
  no_factors: '2 つ目のログイン方法はまだありません。',
  k_passkey: 'パスキー',
  k_otp: '認証アプリ',
  k_phone: '電話',
  k_email: 'メールアドレス',
  added: '{date} に追加',
  last_used: '最終使用: {when}',
  never_used: '未使用',
  rename: '名前を変更',
  rename_label: '{name} の新しい名前',
  save: '保存',
  cancel: 'キャンセル',
  remove: '削除',
  remove_confirm: '「{name}」を削除しますか? 今後これでログインできなくなります。',
  removed: '「{name}」を削除しました。',
  renamed: '名前を「{name}」に変更しました。',
  add_passkey: 'パスキーを追加',
  add_otp: '認証アプリを追加',
  add_phone: '電話を追加',
  add_email: 'メールアドレスを追加',
  add_title: 'ログイン方法を追加',
  factor_added: '新しいログイン方法を追加しました。',
  codes: 'リカバリーコード',
  codes_none: 'リカバリーコードは残っていません。',
  codes_left: '{n, plural, other {残りのコードは # 個です。}}',
  codes_hint:
    '他の方法を失ったときに、各コードで 1 回ログインできます。新しいコードを発行すると古いコードは使えなくなります。',
  new_codes: '新しいコードを取得',
  codes_shown:
    '新しいリカバリーコードです。安全な場所に保管してください。再表示されません。古いコードは使えなくなりました。',
  copy_codes: 'コードをコピー',
  copied: 'コピーしました',
  codes_kept: '保管しました',
  password: 'パスワード',
  new_password: '新しいパスワード',
  password_hint: '{n, plural, other {# 文字}}以上。よく使われるパスワードやご自身の名前は避けてください。',
  change_password: 'パスワードを変更',
  password_changed: 'パスワードを変更しました。',
  sessions: 'ログイン中の場所',
  this_browser: 'このブラウザ',
  signed_in: 'ログイン: {when}',
  network_at: 'ネットワーク {network}',
  apps: 'アプリ: {apps}',
  sign_out: 'ログアウト',
  sign_out_others: '他のすべての場所でログアウト',
  signed_out: 'ログアウトしました。',
  trusted: '信頼済みのブラウザ',
  no_trusted: 'ログインの 2 段階目を省略するブラウザはありません。',
  trusted_at: '{date} から信頼 · {until} まで',
  forget: '信頼を解除',
  forgotten: 'このブラウザでは再び 2 段階目が求められます。',
  confirm: 'ご本人確認',
  close: '閉じる',
  cancelled: '何も変更されていません。',
  invalid_token: 'このページのセッションが終了しました。もう一度ログインしてください。',
  insufficient_user_authentication: '変更する前にご本人であることを確認してください。',
  last_factor: 'これは最後の 2 つ目のログイン方法で、アカウントには 1 つ必要です。先に別の方法を追加してください。',
  server_error: '問題が発生しました。もう一度お試しください。',
} satisfies AccountTranslation;

export default ja;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('ja', ja));
