// The notices in Simplified Chinese (for "zh", "zh-CN", "zh-Hans" and "zh-SG"; traditional Chinese tags
// get English, see ../../../wire/language-tags.ts).
import type { Wording } from './index.js';

export const zhCN: Wording = {
  lang: 'zh-CN',
  hello: (name) => `${name}，你好：`,
  kinds: {
    password_changed: {
      subject: '你的密码已更改',
      lead: '你的账号密码已更改：',
      threat: '如果不是你本人操作，其他人可以以你的身份登录。',
      sms: '你的账号密码已于 {when} 更改。',
    },
    factor_added: {
      subject: '你的账号新增了一种登录方式',
      lead: '你的账号新增了一种登录方式：',
      threat: '如果不是你本人操作，知道你密码的人添加了一种以你的身份登录的方式。',
      sms: '你的账号已于 {when} 添加{what}。',
    },
    factor_removed: {
      subject: '你的账号移除了一种登录方式',
      lead: '你的账号移除了一种登录方式：',
      threat: '如果不是你本人操作，能以你的身份登录的人移除了你的一种登录方式。',
      sms: '你的账号已于 {when} 移除{what}。',
    },
    phone_changed: {
      subject: '你的账号手机号码已更改',
      lead: '你的账号接收短信验证码的手机号码已更改：',
      threat: '如果不是你本人操作，能以你的身份登录的人可能在试图接收你的验证码。',
      sms: '你的账号手机号码已于 {when} 更改。',
    },
    email_changed: {
      subject: '你的账号电子邮件地址已更改',
      lead: '你的账号电子邮件地址已更改：',
      threat: '如果不是你本人操作，能以你的身份登录的人可能在试图让你无法得知此事。',
      sms: '你的账号电子邮件地址已于 {when} 更改。',
    },
    recovery_code_used: {
      subject: '有人使用恢复码登录了你的账号',
      lead: '你的一个恢复码被用于登录你的账号：',
      threat: '如果不是你本人操作，有人掌握了你的密码和你的一个恢复码。',
      sms: '{when} 有人使用恢复码登录了你的账号。',
    },
    recovery_codes_regenerated: {
      subject: '你的账号已生成新的恢复码',
      lead: '你的账号已生成新的恢复码，之前的恢复码已失效：',
      threat: '如果不是你本人操作，能以你的身份登录的人现在持有你的恢复码。',
    },
    new_sign_in: {
      subject: '你的账号有新的登录',
      lead: '有人从一个从未用过的浏览器登录了你的账号：',
      threat: '如果不是你本人操作，有人知道你的密码。',
    },
  },
  rows: {
    factor: '登录方式',
    phone: '手机号码',
    previousPhone: '原号码',
    email: '地址',
    previousEmail: '原地址',
    codesLeft: '剩余恢复码',
    codes: '新恢复码',
    when: '时间',
    by: '更改者',
    browser: '浏览器',
    ip: 'IP 地址',
    application: '应用',
  },
  factors: {
    otp: { mail: '身份验证器应用', sms: '身份验证器应用' },
    passkey: { mail: '通行密钥或安全密钥', sms: '通行密钥' },
    phone: { mail: '接收短信验证码的手机号码', sms: '手机号码' },
    email: { mail: '接收登录验证码的电子邮件地址', sms: '电子邮件地址' },
    recovery_code: { mail: '恢复码', sms: '恢复码' },
    other: { mail: '登录方式', sms: '一种登录方式' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${os} 上的 ${browser}` : os ? `${os} 上的浏览器` : (browser ?? '未知浏览器'),
  unknown: '未知',
  administrator: '管理员',
  none: '无',
  firstFactor: '这是你账号的第一个第二因素：从现在起，登录时除了密码还需要它。',
  ifYou: '如果是你本人操作，无需任何处理。',
  adminThreat: '如果你没有要求此更改，可能有人在试图盗用你的账号。',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? '你的管理员';
    const change = resetUrl ? `请立即在 ${resetUrl} 更改密码` : '请立即更改密码';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `请立即在 ${resetUrl} 设置新密码，并联系${who}。`
          : `请立即联系${who}：他们可以为你设置新密码。`;
      case 'factor_added':
        return `${change}，并联系${who}移除该登录方式。`;
      default:
        return `${change}，并联系${who}。`;
    }
  },
  footer: (issuer) => `由 ${issuer} 的登录服务自动发送。它绝不会要求你发送密码或验证码。`,
  smsNotYou: '不是你？请更改密码并联系客服。',
};
