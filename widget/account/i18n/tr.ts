// Turkish texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/tr.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="tr">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/tr.js). Built to dist/widget/account/i18n/tr.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Turkish, by id and error code (also the default export). */
export const tr: AccountMessages = {
  loading: 'Yükleniyor…',
  signed_in_as: '{user} olarak giriş yapıldı',
  network: 'Hesap hizmetine ulaşılamıyor.',
  try_again: 'Tekrar dene',
  factors: 'Giriş yöntemleri',
  no_factors: 'Henüz ikinci bir giriş yönteminiz yok.',
  k_passkey: 'Geçiş anahtarı',
  k_otp: 'Kimlik doğrulama uygulaması',
  k_phone: 'Telefon',
  k_email: 'E-posta adresi',
  added: 'Eklenme: {date}',
  last_used: 'Son kullanım: {when}',
  never_used: 'Hiç kullanılmadı',
  rename: 'Yeniden adlandır',
  rename_label: '{name} için yeni ad',
  save: 'Kaydet',
  cancel: 'İptal',
  remove: 'Kaldır',
  remove_confirm: '“{name}” kaldırılsın mı? Artık bununla giriş yapamayacaksınız.',
  removed: '“{name}” kaldırıldı.',
  renamed: 'Yeni ad: “{name}”.',
  add_passkey: 'Geçiş anahtarı ekle',
  add_otp: 'Kimlik doğrulama uygulaması ekle',
  add_phone: 'Telefon ekle',
  add_email: 'E-posta adresi ekle',
  add_title: 'Giriş yöntemi ekle',
  factor_added: 'Yeni giriş yöntemi eklendi.',
  codes: 'Kurtarma kodları',
  codes_none: 'Hiç kurtarma kodunuz kalmadı.',
  codes_left: '{n, plural, one {# kodunuz kaldı.} other {# kodunuz kaldı.}}',
  codes_hint:
    'Diğer yöntemlerinizi kaybederseniz her kod bir kez giriş yapmanızı sağlar. Yeni kodlar eskilerini geçersiz kılar.',
  new_codes: 'Yeni kodlar al',
  codes_shown:
    'Yeni kurtarma kodlarınız. Güvenli bir yerde saklayın: tekrar gösterilmeyecekler ve eski kodlarınız ' +
    'artık çalışmıyor.',
  copy_codes: 'Kodları kopyala',
  copied: 'Kopyalandı',
  codes_kept: 'Sakladım',
  password: 'Şifre',
  new_password: 'Yeni şifre',
  password_hint: 'En az {n, plural, one {# karakter} other {# karakter}}. Yaygın şifrelerden ve adınızdan kaçının.',
  change_password: 'Şifreyi değiştir',
  password_changed: 'Şifreniz değiştirildi.',
  sessions: 'Giriş yaptığınız yerler',
  this_browser: 'Bu tarayıcı',
  signed_in: 'Giriş: {when}',
  network_at: 'Ağ {network}',
  apps: 'Uygulamalar: {apps}',
  sign_out: 'Çıkış yap',
  sign_out_others: 'Diğer her yerden çıkış yap',
  signed_out: 'Çıkış yapıldı.',
  trusted: 'Güvenilen tarayıcılar',
  no_trusted: 'Hiçbir tarayıcı girişinizin ikinci adımını atlamıyor.',
  trusted_at: 'Güvenilme: {date} · bitiş: {until}',
  forget: 'Güvenmeyi bırak',
  forgotten: 'Bu tarayıcı ikinci adımınızı yeniden isteyecek.',
  confirm: 'Kimliğinizi doğrulayın',
  close: 'Kapat',
  cancelled: 'Hiçbir şey değiştirilmedi.',
  invalid_token: 'Bu sayfadaki oturumunuz sona erdi. Yeniden giriş yapın.',
  insufficient_user_authentication: 'Değişiklik yapmadan önce kimliğinizi doğrulayın.',
  last_factor: 'Bu, son ikinci giriş yönteminiz ve hesabınızın bir taneye ihtiyacı var. Önce başka bir yöntem ekleyin.',
  server_error: 'Bir şeyler ters gitti. Lütfen tekrar deneyin.',
} satisfies AccountTranslation;

export default tr;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('tr', tr));
