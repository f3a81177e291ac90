// Turkish texts of <gluu-login>. `import 'gluu-login/widget/i18n/tr.js'` registers them
// (GluuLogin.addMessages), and `<gluu-login lang="tr">` then uses them. Built to dist/widget/i18n/tr.js,
// beside the widget: at run time this module imports nothing (types only), and registers its texts once
// the element is defined, whichever of the two loads first.
import type { GluuLogin } from '../gluu-login.js';
import type { Messages, Translation } from '../messages.js';

/** Every text of the widget in Turkish, by id and error code (also the default export). */
export const tr: Messages = {
  sign_in: 'Giriş yap',
  sign_in_to: '{client} için giriş yapın',
  username: 'Kullanıcı adı',
  continue: 'Devam',
  password_heading: 'Şifrenizi girin',
  password: 'Şifre',
  sign_in_button: 'Giriş yap',
  not_you: 'Siz değil misiniz?',
  create_account: 'Hesap oluştur',
  done: 'Giriş yapıldı. Yönlendiriliyorsunuz…',
  failed: 'Giriş yapılamadı',
  start_again: 'Baştan başla',
  try_again: 'Tekrar dene',
  loading: 'Yükleniyor…',
  network: 'Giriş hizmetine ulaşılamıyor.',
  unsupported: 'Bu giriş adımı bu sayfada desteklenmiyor.',
  retry_in: '{n} saniye sonra tekrar deneyin.',
  otp_enroll_heading: 'Kimlik doğrulama uygulamanızı kurun',
  otp_enroll_hint:
    'Bu QR kodunu bir kimlik doğrulama uygulamasıyla (Google Authenticator, Microsoft Authenticator, 1Password…) ' +
    'tarayın, ardından uygulamanın gösterdiği kodu girin.',
  qr_alt: '{issuer} ({account}) için QR kodu',
  open_app: 'Kimlik doğrulama uygulamasında aç',
  cant_scan: 'Tarayamıyor musunuz?',
  otp_account: 'Hesap: {account} · Sağlayıcı: {issuer}',
  otp_digits: '{digits} hane',
  otp_period: '{period} saniye',
  copy_key: 'Anahtarı kopyala',
  copied: 'Kopyalandı',
  qr_expires: 'Bu kodun süresi {time} içinde doluyor',
  qr_expired: 'QR kodunun süresi doldu.',
  renew: 'Yeni kod göster',
  code_app: 'Uygulamadaki kod',
  otp_heading: 'Kimlik doğrulama uygulamanızdaki kodu girin',
  code: 'Kod',
  verify: 'Doğrula',
  sms_heading: 'Telefonunuzu kontrol edin',
  sms_sent_to: '{phone} numarasına SMS ile bir kod gönderdik.',
  code_valid: 'Kod {time} boyunca geçerli',
  sms_expired: 'Kodun süresi doldu. Yeni bir kod isteyin.',
  resend: 'Kodu tekrar gönder',
  resend_in: 'Kodu {n} sn sonra tekrar gönder',
  resent: 'Yeni bir kod gönderildi.',
  change_phone: 'Başka bir numara kullan',
  phone_enroll_heading: 'Telefon numaranızı ekleyin',
  phone_enroll_hint:
    'Bu numaranın size ait olduğunu doğrulamak için SMS ile bir kod göndereceğiz. Uluslararası biçimi kullanın, ' +
    'ör. +90\u00a0532\u00a0123\u00a045\u00a067.',
  countries: 'Kabul edilen ülkeler: {list}.',
  phone: 'Telefon numarası',
  send_code: 'Kod gönder',
  email_heading: 'E-postanızı kontrol edin',
  email_sent_to: '{email} adresine e-postayla bir kod gönderdik.',
  change_email: 'Başka bir adres kullan',
  email_enroll_heading: 'E-posta adresinizi ekleyin',
  email_enroll_hint: 'Bu adresin size ait olduğunu doğrulamak için adrese bir kod göndereceğiz.',
  email: 'E-posta adresi',
  pc_heading: 'Telefonunuzla onaylayın',
  pc_scan: 'Bu QR kodunu telefonunuzun kamerasıyla tarayın. Telefonunuzda {phone} numarası olmalı.',
  pc_number: 'Telefonunuzda {phone} numarası olmalı.',
  pc_qr_alt: 'Telefonunuzda açılacak QR kodu',
  pc_open: 'Bu telefonda devam et',
  pc_mobile: 'Numaranızı telefonunuzun mobil verisi doğrulayacak. Ardından bu sekmeye geri dönün.',
  pc_wifi: 'Kontrolün mobil veri üzerinden yapılması için telefonunuzda Wi-Fi’ı kapatın.',
  pc_waiting: 'Telefonunuz bekleniyor…',
  pc_pick: 'Telefonunuzda {n} sayısını seçin.',
  pc_verifying: 'Mobil ağınızla kontrol ediliyor…',
  pc_verified: 'Doğrulandı. Giriş yapılıyor…',
  pc_failed: 'Kontrol başarısız oldu.',
  pc_denied: 'İstek telefonunuzda reddedildi.',
  pc_expired: 'QR kodunun süresi doldu.',
  pc_expires: 'Kodun süresi {time} içinde doluyor',
  pc_sms: 'Bunun yerine SMS kullan',
  pc_other: 'Başka bir yolla giriş yap',
  pk: 'Geçiş anahtarıyla giriş yap',
  pk_cancel: 'Geçiş anahtarıyla giriş iptal edildi.',
  pk_bad: 'Bu geçiş anahtarı burada kullanılamaz.',
  wa_auth: 'Geçiş anahtarınızı veya güvenlik anahtarınızı kullanın',
  wa_auth_hint:
    'Devam etmek için bu cihazdaki veya telefonunuzdaki geçiş anahtarını ya da bir güvenlik anahtarını kullanın.',
  wa_press: 'Geçiş anahtarınızı kullanmak için Devam’a basın.',
  wa_reg: 'Geçiş anahtarı ekleyin',
  wa_reg_hint:
    'Parmak iziniz, yüzünüz, ekran kilidiniz veya bir güvenlik anahtarıyla giriş yapabilmek için bir geçiş ' +
    'anahtarı oluşturun.',
  wa_create: 'Geçiş anahtarı oluştur',
  not_now: 'Şimdi değil',
  other_user: 'Başka bir hesap kullan',
  wa_cancel: 'İstek iptal edildi veya zaman aşımına uğradı. Tekrar deneyin.',
  wa_none: 'Bu tarayıcı geçiş anahtarlarını kullanamıyor.',
  invalid_credentials: 'Kullanıcı adı veya şifre yanlış.',
  flow_expired: 'Bu girişin süresi doldu. Lütfen baştan başlayın.',
  flow_not_found: 'Bu giriş artık geçerli değil. Lütfen baştan başlayın.',
  server_error: 'Bir sorun oluştu. Lütfen tekrar deneyin.',
  invalid_code: 'Bu kod doğru değil. Tekrar deneyin.',
  code_used: 'Bu kod zaten kullanıldı. Bir sonraki kodu bekleyin.',
  code_expired: 'Bu kodun süresi doldu. Yeni bir kod isteyin.',
  code_exhausted: 'Bu kod için çok fazla deneme yapıldı. Yeni bir kod isteyin.',
  invalid_phone:
    'Bu bir telefon numarasına benzemiyor. Uluslararası biçimi kullanın, ör. +90\u00a0532\u00a0123\u00a045\u00a067.',
  phone_not_allowed: 'Bu ülkedeki numaralara SMS gönderilemez.',
  no_phone: 'Hesabınızda telefon numarası yok. Yöneticinize başvurun.',
  bind_otp:
    'Hesabınıza bir kimlik doğrulama uygulaması eklenmeden önce, zaten sahip olduğunuz bir giriş yöntemiyle ' +
    'kimliğinizi doğrulayın.',
  bind_passkey:
    'Hesabınıza bir geçiş anahtarı eklenmeden önce, zaten sahip olduğunuz bir giriş yöntemiyle kimliğinizi ' +
    'doğrulayın.',
  bind_phone:
    'Hesabınıza bir telefon numarası eklenmeden önce, zaten sahip olduğunuz bir giriş yöntemiyle kimliğinizi ' +
    'doğrulayın.',
  bind_email:
    'Hesabınıza bir e-posta adresi eklenmeden önce, zaten sahip olduğunuz bir giriş yöntemiyle kimliğinizi ' +
    'doğrulayın.',
  invalid_email: 'Bu bir e-posta adresine benzemiyor.',
  unknown_credential: 'Bu geçiş anahtarı bu hesap için kayıtlı değil.',
  no_passkey: 'Bu cihazda bu hesaba ait bir geçiş anahtarı yok.',
  webauthn_failed: 'Bu işe yaramadı. Tekrar deneyin.',
  credential_exists: 'Bu kimlik doğrulayıcı zaten kayıtlı.',
  challenge_expired: 'Geçiş anahtarı isteği zaman aşımına uğradı. Tekrar deneyin.',
  locked: 'Çok fazla başarısız deneme. Tekrar denemeden önce biraz bekleyin.',
  admin_unlock_required: 'Çok fazla başarısız deneme: giriş kilitlendi. Yöneticinize başvurun.',
  access_denied: 'Bu giriş reddedildi.',
  another_way: 'Başka bir yol kullan',
  aw_otp: 'Kimlik doğrulama uygulaması',
  aw_sms: 'SMS',
  aw_email: 'E-posta kodu',
  aw_phonecheck: 'Telefon kontrolü',
  aw_passkey: 'Geçiş anahtarı veya güvenlik anahtarı',
  aw_recovery_code: 'Kurtarma kodu',
  rc_heading: 'Bir kurtarma kodu girin',
  rc_hint: 'Sakladığınız kurtarma kodlarının her biri bir kez çalışır.',
  rc_code: 'Kurtarma kodu',
  rcs_heading: 'Kurtarma kodlarınızı saklayın',
  rcs_hint:
    'Telefonunuzu veya kimlik doğrulayıcınızı kaybederseniz bu kodların her biriyle bir kez giriş yapabilirsiniz. ' +
    'Onları güvenli bir yerde saklayın: tekrar gösterilmeyecekler.',
  copy_codes: 'Kodları kopyala',
  download: 'İndir',
  rcs_kept: 'Sakladım',
  forgot: 'Şifrenizi mi unuttunuz?',
  pw_changed: 'Şifreniz değiştirildi. Yeni şifrenizle giriş yapın.',
  reset_heading: 'Şifrenizi sıfırlayın',
  reset_sent: 'Bu hesabın doğrulanmış bir e-posta adresi varsa o adrese bir kod gönderdik.',
  new_pw_heading: 'Yeni bir şifre seçin',
  new_pw_hint: 'En az {n} karakter. Yaygın şifrelerden ve kendi adlarınızdan kaçının.',
  new_password: 'Yeni şifre',
  save_password: 'Şifreyi kaydet',
  bind_password: 'Şifreniz değiştirilmeden önce, zaten sahip olduğunuz bir giriş yöntemiyle kimliğinizi doğrulayın.',
  tb_heading: 'Bu tarayıcıya güvenilsin mi?',
  tb_hint:
    'Bu tarayıcıdaki girişler {n} gün boyunca ikinci adımı atlayacak. Bunu yalnızca sadece sizin ' +
    'kullandığınız bir cihazda seçin.',
  tb_trust: 'Bu tarayıcıya güven',
} satisfies Translation;

export default tr;

globalThis.customElements?.whenDefined('gluu-login').then((c) => (c as typeof GluuLogin).addMessages('tr', tr));
