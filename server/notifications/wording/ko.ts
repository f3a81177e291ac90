// The notices in Korean (for "ko"), in the polite form the widget uses.
import type { Wording } from './index.js';

export const ko: Wording = {
  lang: 'ko',
  hello: (name) => `${name}님, 안녕하세요.`,
  kinds: {
    password_changed: {
      subject: '비밀번호가 변경되었습니다',
      lead: '계정의 비밀번호가 변경되었습니다:',
      threat: '본인이 한 일이 아니라면 다른 사람이 회원님으로 로그인할 수 있습니다.',
      sms: '{when}에 계정 비밀번호가 변경되었습니다.',
    },
    factor_added: {
      subject: '계정에 새 로그인 방법이 추가되었습니다',
      lead: '계정에 새 로그인 방법이 추가되었습니다:',
      threat: '본인이 한 일이 아니라면 비밀번호를 아는 누군가가 회원님으로 로그인할 방법을 추가한 것입니다.',
      sms: '{when}에 계정에 로그인 방법이 추가되었습니다: {what}.',
    },
    factor_removed: {
      subject: '계정에서 로그인 방법이 삭제되었습니다',
      lead: '계정에서 로그인 방법이 삭제되었습니다:',
      threat: '본인이 한 일이 아니라면 회원님으로 로그인할 수 있는 누군가가 로그인 방법 중 하나를 삭제한 것입니다.',
      sms: '{when}에 계정에서 로그인 방법이 삭제되었습니다: {what}.',
    },
    phone_changed: {
      subject: '계정의 전화번호가 변경되었습니다',
      lead: '계정이 문자 메시지 코드를 보내는 전화번호가 변경되었습니다:',
      threat: '본인이 한 일이 아니라면 회원님으로 로그인할 수 있는 누군가가 코드를 받으려는 것일 수 있습니다.',
      sms: '{when}에 계정 전화번호가 변경되었습니다.',
    },
    email_changed: {
      subject: '계정의 이메일 주소가 변경되었습니다',
      lead: '계정의 이메일 주소가 변경되었습니다:',
      threat:
        '본인이 한 일이 아니라면 회원님으로 로그인할 수 있는 누군가가 회원님이 이 사실을 모르게 하려는 것일 수 있습니다.',
      sms: '{when}에 계정 이메일 주소가 변경되었습니다.',
    },
    recovery_code_used: {
      subject: '복구 코드로 계정에 로그인했습니다',
      lead: '복구 코드 중 하나가 계정 로그인에 사용되었습니다:',
      threat: '본인이 한 일이 아니라면 누군가 회원님의 비밀번호와 복구 코드 하나를 가지고 있습니다.',
      sms: '{when}에 복구 코드로 계정에 로그인했습니다.',
    },
    recovery_codes_regenerated: {
      subject: '계정의 새 복구 코드가 생성되었습니다',
      lead: '계정의 새 복구 코드가 생성되었습니다. 이전 코드는 더 이상 사용할 수 없습니다:',
      threat: '본인이 한 일이 아니라면 회원님으로 로그인할 수 있는 누군가가 이제 복구 코드를 가지고 있습니다.',
    },
    new_sign_in: {
      subject: '계정에 새로운 로그인',
      lead: '이전에 사용한 적 없는 브라우저에서 계정에 로그인했습니다:',
      threat: '본인이 한 일이 아니라면 누군가 회원님의 비밀번호를 알고 있습니다.',
    },
  },
  rows: {
    factor: '로그인 방법',
    phone: '전화번호',
    previousPhone: '이전 번호',
    email: '주소',
    previousEmail: '이전 주소',
    codesLeft: '남은 코드',
    codes: '새 코드',
    when: '일시',
    by: '변경한 사람',
    browser: '브라우저',
    ip: 'IP 주소',
    application: '애플리케이션',
  },
  factors: {
    otp: { mail: '인증 앱', sms: '인증 앱' },
    passkey: { mail: '패스키 또는 보안 키', sms: '패스키' },
    phone: { mail: '문자 메시지 코드용 전화번호', sms: '전화번호' },
    email: { mail: '로그인 코드용 이메일 주소', sms: '이메일 주소' },
    recovery_code: { mail: '복구 코드', sms: '복구 코드' },
    other: { mail: '로그인 방법', sms: '기타' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${os}의 ${browser}` : os ? `${os}의 브라우저` : (browser ?? '알 수 없는 브라우저'),
  unknown: '알 수 없음',
  administrator: '관리자',
  none: '없음',
  firstFactor: '계정의 첫 번째 2단계 인증 수단입니다. 이제부터 로그인할 때 비밀번호와 함께 이것을 요구합니다.',
  ifYou: '본인이 한 일이라면 아무것도 하지 않으셔도 됩니다.',
  adminThreat: '이 변경을 요청하지 않았다면 누군가 계정을 탈취하려는 것일 수 있습니다.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? '관리자';
    const change = resetUrl ? `지금 ${resetUrl}에서 비밀번호를 변경하고` : '지금 비밀번호를 변경하고';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `지금 ${resetUrl}에서 새 비밀번호를 설정하고 ${who}에게 문의하세요.`
          : `지금 ${who}에게 문의하세요. 새 비밀번호를 설정해 줄 수 있습니다.`;
      case 'factor_added':
        return `${change} ${who}에게 문의하여 해당 로그인 방법을 삭제하세요.`;
      default:
        return `${change} ${who}에게 문의하세요.`;
    }
  },
  footer: (issuer) =>
    `${issuer}의 로그인 서비스에서 자동으로 보낸 메일입니다. ` +
    '비밀번호나 코드를 보내 달라고 요청하는 일은 없습니다.',
  smsNotYou: '본인이 아닌가요? 비밀번호를 변경하고 고객 지원팀에 문의하세요.',
};
