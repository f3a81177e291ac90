// Arabic texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/ar.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="ar">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/ar.js). Built to dist/widget/account/i18n/ar.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Arabic, by id and error code (also the default export). */
export const ar: AccountMessages = {
  loading: 'جارٍ التحميل…',
  signed_in_as: 'تم تسجيل الدخول باسم {user}',
  network: 'تعذّر الوصول إلى خدمة الحساب.',
  try_again: 'إعادة المحاولة',
  factors: 'طرق تسجيل الدخول',
  no_factors: 'ليست لديك طريقة ثانية لتسجيل الدخول بعد.',
  k_passkey: 'مفتاح مرور',
  k_otp: 'تطبيق مصادقة',
  k_phone: 'هاتف',
  k_email: 'عنوان بريد إلكتروني',
  added: 'أُضيف في {date}',
  last_used: 'آخر استخدام {when}',
  never_used: 'لم يُستخدم قط',
  rename: 'إعادة التسمية',
  rename_label: 'اسم جديد لـ {name}',
  save: 'حفظ',
  cancel: 'إلغاء',
  remove: 'إزالة',
  remove_confirm: 'هل تريد إزالة «{name}»؟ لن تتمكن بعد ذلك من تسجيل الدخول به.',
  removed: 'تمت إزالة «{name}».',
  renamed: 'تمت إعادة التسمية إلى «{name}».',
  add_passkey: 'إضافة مفتاح مرور',
  add_otp: 'إضافة تطبيق مصادقة',
  add_phone: 'إضافة هاتف',
  add_email: 'إضافة عنوان بريد إلكتروني',
  add_title: 'إضافة طريقة لتسجيل الدخول',
  factor_added: 'تمت إضافة طريقة تسجيل الدخول الجديدة.',
  codes: 'رموز الاسترداد',
  codes_none: 'لم يتبقَّ لديك أي رمز استرداد.',
  codes_left:
    '{n, plural, zero {لم يتبقَّ لديك أي رمز.} one {يتبقى لديك رمز واحد.} two {يتبقى لديك رمزان.} few ' +
    '{يتبقى لديك # رموز.} many {يتبقى لديك # رمزًا.} other {يتبقى لديك # رمز.}}',
  codes_hint: 'كل رمز يتيح لك تسجيل الدخول مرة واحدة إذا فقدت طرقك الأخرى. الرموز الجديدة تُبطل الرموز القديمة.',
  new_codes: 'الحصول على رموز جديدة',
  codes_shown: 'رموز الاسترداد الجديدة. احتفظ بها في مكان آمن: لن تُعرض مرة أخرى، ورموزك القديمة لم تعد صالحة.',
  copy_codes: 'نسخ الرموز',
  copied: 'تم النسخ',
  codes_kept: 'احتفظت بها',
  password: 'كلمة المرور',
  new_password: 'كلمة المرور الجديدة',
  password_hint:
    '{n, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}} على ' +
    'الأقل. تجنّب كلمات المرور الشائعة واسمك.',
  change_password: 'تغيير كلمة المرور',
  password_changed: 'تم تغيير كلمة المرور.',
  sessions: 'الأماكن التي سجّلت الدخول منها',
  this_browser: 'هذا المتصفح',
  signed_in: 'تسجيل الدخول {when}',
  network_at: 'الشبكة {network}',
  apps: 'التطبيقات: {apps}',
  sign_out: 'تسجيل الخروج',
  sign_out_others: 'تسجيل الخروج من كل الأماكن الأخرى',
  signed_out: 'تم تسجيل الخروج.',
  trusted: 'المتصفحات الموثوقة',
  no_trusted: 'لا يتخطى أي متصفح الخطوة الثانية من تسجيل دخولك.',
  trusted_at: 'موثوق منذ {date} · حتى {until}',
  forget: 'إلغاء الثقة',
  forgotten: 'سيطلب هذا المتصفح خطوتك الثانية مجددًا.',
  confirm: 'تأكيد هويتك',
  close: 'إغلاق',
  cancelled: 'لم يتغير شيء.',
  invalid_token: 'انتهت جلستك في هذه الصفحة. سجّل الدخول مرة أخرى.',
  insufficient_user_authentication: 'أكّد هويتك قبل إجراء أي تغيير.',
  last_factor: 'هذه آخر طريقة ثانية لتسجيل الدخول لديك، وحسابك يحتاج إلى واحدة. أضف طريقة أخرى أولًا.',
  server_error: 'حدث خطأ ما. يُرجى المحاولة مرة أخرى.',
} satisfies AccountTranslation;

export default ar;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('ar', ar));
