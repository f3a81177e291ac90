// Simplified Chinese texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/zh-CN.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="zh-CN">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/zh-CN.js). Built to dist/widget/account/i18n/zh-CN.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Simplified Chinese, by id and error code (also the default export). */
export const zhCN: AccountMessages = {
  loading: '正在加载…',
  signed_in_as: '已以 {user} 身份登录',
  network: '无法连接账号服务。',
  try_again: '重试',
  factors: '登录方式',
  no_factors: '你还没有第二种登录方式。',
  k_passkey: '通行密钥',
  k_otp: '身份验证器应用',
  k_phone: '手机',
  k_email: '电子邮件地址',
  added: '添加于 {date}',
  last_used: '上次使用：{when}',
  never_used: '从未使用',
  rename: '重命名',
  rename_label: '{name} 的新名称',
  save: '保存',
  cancel: '取消',
  remove: '移除',
  remove_confirm: '要移除“{name}”吗？之后将无法再用它登录。',
  removed: '已移除“{name}”。',
  renamed: '已重命名为“{name}”。',
  add_passkey: '添加通行密钥',
  add_otp: '添加身份验证器应用',
  add_phone: '添加手机',
  add_email: '添加电子邮件地址',
  add_title: '添加登录方式',
  factor_added: '已添加新的登录方式。',
  codes: '恢复码',
  codes_none: '你没有剩余的恢复码了。',
  codes_left: '{n, plural, other {你还剩 # 个恢复码。}}',
  codes_hint: '如果你丢失了其他登录方式，每个恢复码可用于登录一次。生成新恢复码后，旧恢复码将失效。',
  new_codes: '获取新恢复码',
  codes_shown: '这是你的新恢复码。请妥善保存：它们不会再次显示，旧恢复码已失效。',
  copy_codes: '复制恢复码',
  copied: '已复制',
  codes_kept: '我已保存',
  password: '密码',
  new_password: '新密码',
  password_hint: '至少 {n, plural, other {# 个字符}}。避免使用常见密码和你的名字。',
  change_password: '修改密码',
  password_changed: '你的密码已修改。',
  sessions: '你的登录位置',
  this_browser: '此浏览器',
  signed_in: '登录时间：{when}',
  network_at: '网络 {network}',
  apps: '应用：{apps}',
  sign_out: '退出登录',
  sign_out_others: '退出所有其他位置',
  signed_out: '已退出登录。',
  trusted: '受信任的浏览器',
  no_trusted: '没有浏览器可以跳过你登录的第二步。',
  trusted_at: '自 {date} 起受信任 · 至 {until}',
  forget: '取消信任',
  forgotten: '此浏览器将再次要求你完成第二步。',
  confirm: '确认是你本人',
  close: '关闭',
  cancelled: '未做任何更改。',
  invalid_token: '你在此页面的会话已结束。请重新登录。',
  insufficient_user_authentication: '进行更改前，请先确认是你本人。',
  last_factor: '这是你仅剩的第二种登录方式，而你的账号必须保留一种。请先添加另一种。',
  server_error: '出了点问题。请重试。',
} satisfies AccountTranslation;

export default zhCN;

// Also under "zh": `lang="zh"` and `lang="zh-Hans"` (its base language is zh) find it.
globalThis.customElements?.whenDefined('gluu-account').then((c) => {
  (c as typeof GluuAccount).addMessages('zh-CN', zhCN);
  (c as typeof GluuAccount).addMessages('zh', zhCN);
});
