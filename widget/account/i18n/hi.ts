// Hindi texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/hi.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="hi">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/hi.js). Built to dist/widget/account/i18n/hi.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

// Second sentences kept apart: with Devanagari's vowel signs counted, a text on one line passes 120 characters.
const oldCodesVoid = 'नए कोड पुराने कोड को अमान्य कर देते हैं।';
const oldCodesGone = 'ये दोबारा नहीं दिखाए जाएँगे, और आपके पुराने कोड अब काम नहीं करते।';
const addAnother = 'पहले कोई दूसरा तरीका जोड़ें।';

/** Every text of <gluu-account> in Hindi, by id and error code (also the default export). */
export const hi: AccountMessages = {
  loading: 'लोड हो रहा है…',
  signed_in_as: '{user} के रूप में साइन इन',
  network: 'खाता सेवा तक नहीं पहुँचा जा सका।',
  try_again: 'फिर से कोशिश करें',
  factors: 'साइन-इन के तरीके',
  no_factors: 'आपके पास अभी तक साइन-इन का दूसरा तरीका नहीं है।',
  k_passkey: 'पासकी',
  k_otp: 'ऑथेंटिकेटर ऐप',
  k_phone: 'फ़ोन',
  k_email: 'ईमेल पता',
  added: '{date} को जोड़ा गया',
  last_used: 'पिछली बार उपयोग: {when}',
  never_used: 'कभी उपयोग नहीं हुआ',
  rename: 'नाम बदलें',
  rename_label: '{name} का नया नाम',
  save: 'सहेजें',
  cancel: 'रद्द करें',
  remove: 'हटाएँ',
  remove_confirm: '“{name}” हटाएँ? इसके बाद आप इससे साइन इन नहीं कर पाएँगे।',
  removed: '“{name}” हटा दिया गया।',
  renamed: 'नाम बदलकर “{name}” किया गया।',
  add_passkey: 'पासकी जोड़ें',
  add_otp: 'ऑथेंटिकेटर ऐप जोड़ें',
  add_phone: 'फ़ोन जोड़ें',
  add_email: 'ईमेल पता जोड़ें',
  add_title: 'साइन-इन का तरीका जोड़ें',
  factor_added: 'साइन-इन का नया तरीका जोड़ दिया गया।',
  codes: 'रिकवरी कोड',
  codes_none: 'आपके पास कोई रिकवरी कोड नहीं बचा है।',
  codes_left: '{n, plural, one {आपके पास # कोड बचा है।} other {आपके पास # कोड बचे हैं।}}',
  codes_hint: `अगर आप अपने दूसरे तरीके खो दें, तो हर कोड से एक बार साइन इन किया जा सकता है। ${oldCodesVoid}`,
  new_codes: 'नए कोड पाएँ',
  codes_shown: `आपके नए रिकवरी कोड। इन्हें किसी सुरक्षित जगह रखें: ${oldCodesGone}`,
  copy_codes: 'कोड कॉपी करें',
  copied: 'कॉपी हो गया',
  codes_kept: 'मैंने इन्हें रख लिया है',
  password: 'पासवर्ड',
  new_password: 'नया पासवर्ड',
  password_hint: 'कम से कम {n, plural, one {# वर्ण} other {# वर्ण}}। आम पासवर्ड और अपने नाम से बचें।',
  change_password: 'पासवर्ड बदलें',
  password_changed: 'आपका पासवर्ड बदल दिया गया।',
  sessions: 'आप कहाँ साइन इन हैं',
  this_browser: 'यह ब्राउज़र',
  signed_in: 'साइन इन: {when}',
  network_at: 'नेटवर्क {network}',
  apps: 'ऐप: {apps}',
  sign_out: 'साइन आउट करें',
  sign_out_others: 'बाकी सभी जगहों से साइन आउट करें',
  signed_out: 'साइन आउट हो गया।',
  trusted: 'भरोसेमंद ब्राउज़र',
  no_trusted: 'कोई भी ब्राउज़र आपके साइन-इन का दूसरा चरण नहीं छोड़ता।',
  trusted_at: '{date} से भरोसेमंद · {until} तक',
  forget: 'भरोसा हटाएँ',
  forgotten: 'यह ब्राउज़र फिर से आपका दूसरा चरण माँगेगा।',
  confirm: 'पुष्टि करें कि यह आप ही हैं',
  close: 'बंद करें',
  cancelled: 'कुछ भी नहीं बदला गया।',
  invalid_token: 'इस पेज पर आपका सत्र समाप्त हो गया है। फिर से साइन इन करें।',
  insufficient_user_authentication: 'बदलाव करने से पहले पुष्टि करें कि यह आप ही हैं।',
  last_factor: `यह साइन-इन का आपका आख़िरी दूसरा तरीका है, और आपके खाते को एक की ज़रूरत है। ${addAnother}`,
  server_error: 'कुछ गड़बड़ हो गई। कृपया फिर से कोशिश करें।',
} satisfies AccountTranslation;

export default hi;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('hi', hi));
