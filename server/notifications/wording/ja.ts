// The notices in Japanese (for "ja"), in the polite form the widget uses.
import type { Wording } from './index.js';

export const ja: Wording = {
  lang: 'ja',
  hello: (name) => `${name} 様`,
  kinds: {
    password_changed: {
      subject: 'パスワードが変更されました',
      lead: 'アカウントのパスワードが変更されました：',
      threat: 'お心当たりがない場合、第三者があなたとしてログインできる状態です。',
      sms: '{when} にアカウントのパスワードが変更されました。',
    },
    factor_added: {
      subject: 'アカウントに新しいログイン方法が追加されました',
      lead: 'アカウントに新しいログイン方法が追加されました：',
      threat: 'お心当たりがない場合、パスワードを知る第三者が、あなたとしてログインする手段を追加しました。',
      sms: '{when} にアカウントに{what}が追加されました。',
    },
    factor_removed: {
      subject: 'アカウントからログイン方法が削除されました',
      lead: 'アカウントからログイン方法が削除されました：',
      threat: 'お心当たりがない場合、あなたとしてログインできる第三者が、ログイン方法の 1 つを削除しました。',
      sms: '{when} にアカウントから{what}が削除されました。',
    },
    phone_changed: {
      subject: 'アカウントの電話番号が変更されました',
      lead: 'アカウントが SMS コードを送信する電話番号が変更されました：',
      threat: 'お心当たりがない場合、あなたとしてログインできる第三者がコードを受け取ろうとしている可能性があります。',
      sms: '{when} にアカウントの電話番号が変更されました。',
    },
    email_changed: {
      subject: 'アカウントのメールアドレスが変更されました',
      lead: 'アカウントのメールアドレスが変更されました：',
      threat:
        'お心当たりがない場合、あなたとしてログインできる第三者が、この通知をあなたに届かないようにしようとしている可能性があります。',
      sms: '{when} にアカウントのメールアドレスが変更されました。',
    },
    recovery_code_used: {
      subject: 'リカバリーコードでアカウントにログインがありました',
      lead: 'リカバリーコードの 1 つがアカウントへのログインに使用されました：',
      threat: 'お心当たりがない場合、第三者があなたのパスワードとリカバリーコードの 1 つを持っています。',
      sms: '{when} にリカバリーコードでアカウントにログインがありました。',
    },
    recovery_codes_regenerated: {
      subject: 'アカウントの新しいリカバリーコードが作成されました',
      lead: 'アカウントの新しいリカバリーコードが作成されました。以前のコードは使用できなくなりました：',
      threat: 'お心当たりがない場合、あなたとしてログインできる第三者がリカバリーコードを持っています。',
    },
    new_sign_in: {
      subject: 'アカウントへの新しいログイン',
      lead: 'これまで使用されたことのないブラウザから、アカウントにログインがありました：',
      threat: 'お心当たりがない場合、第三者があなたのパスワードを知っています。',
    },
  },
  rows: {
    factor: 'ログイン方法',
    phone: '電話番号',
    previousPhone: '以前の番号',
    email: 'アドレス',
    previousEmail: '以前のアドレス',
    codesLeft: '残りのコード',
    codes: '新しいコード',
    when: '日時',
    by: '変更者',
    browser: 'ブラウザ',
    ip: 'IP アドレス',
    application: 'アプリケーション',
  },
  factors: {
    otp: { mail: '認証アプリ', sms: '認証アプリ' },
    passkey: { mail: 'パスキーまたはセキュリティキー', sms: 'パスキー' },
    phone: { mail: 'SMS コード用の電話番号', sms: '電話番号' },
    email: { mail: 'ログインコード用のメールアドレス', sms: 'メールアドレス' },
    recovery_code: { mail: 'リカバリーコード', sms: 'リカバリーコード' },
    other: { mail: 'ログイン方法', sms: 'ログイン方法' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${os} の ${browser}` : os ? `${os} のブラウザ` : (browser ?? '不明なブラウザ'),
  unknown: '不明',
  administrator: '管理者',
  none: 'なし',
  firstFactor: 'これはアカウントで最初の 2 要素目です。今後のログインでは、パスワードに加えてこれが求められます。',
  ifYou: 'ご自身で行った操作であれば、対応は不要です。',
  adminThreat: 'この変更を依頼していない場合、第三者がアカウントを乗っ取ろうとしている可能性があります。',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? '管理者';
    const change = resetUrl ? `今すぐ ${resetUrl} でパスワードを変更し、` : '今すぐパスワードを変更し、';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `今すぐ ${resetUrl} で新しいパスワードを設定し、${who}に連絡してください。`
          : `今すぐ${who}に連絡してください。新しいパスワードを設定してもらえます。`;
      case 'factor_added':
        return `${change}${who}に連絡してログイン方法を削除してもらってください。`;
      default:
        return `${change}${who}に連絡してください。`;
    }
  },
  footer: (issuer) =>
    `このメールは ${issuer} のログインサービスから自動送信されています。` +
    'パスワードやコードの送信を求めることは決してありません。',
  smsNotYou: 'お心当たりがない場合は、パスワードを変更してサポートに連絡してください。',
};
