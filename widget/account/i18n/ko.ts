// Korean texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/ko.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="ko">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/ko.js). Built to dist/widget/account/i18n/ko.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Korean, by id and error code (also the default export). */
export const ko: AccountMessages = {
  loading: '로드 중…',
  signed_in_as: '{user}(으)로 로그인됨',
  network: '계정 서비스에 연결할 수 없습니다.',
  try_again: '다시 시도',
  factors: '로그인 방법',
  no_factors: '아직 두 번째 로그인 방법이 없습니다.',
  k_passkey: '패스키',
  k_otp: '인증 앱',
  k_phone: '휴대전화',
  k_email: '이메일 주소',
  added: '{date}에 추가됨',
  last_used: '마지막 사용: {when}',
  never_used: '사용한 적 없음',
  rename: '이름 바꾸기',
  rename_label: '{name}의 새 이름',
  save: '저장',
  cancel: '취소',
  remove: '삭제',
  remove_confirm: '“{name}”을(를) 삭제할까요? 더 이상 이것으로 로그인할 수 없습니다.',
  removed: '“{name}”을(를) 삭제했습니다.',
  renamed: '이름을 “{name}”(으)로 바꿨습니다.',
  add_passkey: '패스키 추가',
  add_otp: '인증 앱 추가',
  add_phone: '휴대전화 추가',
  add_email: '이메일 주소 추가',
  add_title: '로그인 방법 추가',
  factor_added: '새 로그인 방법이 추가되었습니다.',
  codes: '복구 코드',
  codes_none: '남은 복구 코드가 없습니다.',
  codes_left: '{n, plural, other {남은 코드가 #개 있습니다.}}',
  codes_hint:
    '다른 방법을 잃어버렸을 때 각 코드로 한 번 로그인할 수 있습니다. 새 코드를 받으면 이전 코드는 사용할 수 없습니다.',
  new_codes: '새 코드 받기',
  codes_shown:
    '새 복구 코드입니다. 안전한 곳에 보관하세요. 다시 표시되지 않으며, 이전 코드는 더 이상 사용할 수 없습니다.',
  copy_codes: '코드 복사',
  copied: '복사됨',
  codes_kept: '보관했습니다',
  password: '비밀번호',
  new_password: '새 비밀번호',
  password_hint: '{n, plural, other {#자}} 이상. 흔한 비밀번호와 이름은 피하세요.',
  change_password: '비밀번호 변경',
  password_changed: '비밀번호가 변경되었습니다.',
  sessions: '로그인된 위치',
  this_browser: '이 브라우저',
  signed_in: '로그인: {when}',
  network_at: '네트워크 {network}',
  apps: '앱: {apps}',
  sign_out: '로그아웃',
  sign_out_others: '다른 모든 곳에서 로그아웃',
  signed_out: '로그아웃되었습니다.',
  trusted: '신뢰할 수 있는 브라우저',
  no_trusted: '로그인의 두 번째 단계를 건너뛰는 브라우저가 없습니다.',
  trusted_at: '{date}부터 신뢰 · {until}까지',
  forget: '신뢰 해제',
  forgotten: '이 브라우저에서 다시 두 번째 단계를 요청합니다.',
  confirm: '본인 확인',
  close: '닫기',
  cancelled: '변경된 내용이 없습니다.',
  invalid_token: '이 페이지의 세션이 종료되었습니다. 다시 로그인하세요.',
  insufficient_user_authentication: '변경하기 전에 본인임을 확인하세요.',
  last_factor: '마지막 두 번째 로그인 방법이며 계정에는 하나가 필요합니다. 먼저 다른 방법을 추가하세요.',
  server_error: '문제가 발생했습니다. 다시 시도해 주세요.',
} satisfies AccountTranslation;

export default ko;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('ko', ko));
