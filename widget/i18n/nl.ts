// Dutch texts of <gluu-login>. `import 'gluu-login/widget/i18n/nl.js'` registers them
// (GluuLogin.addMessages), and `<gluu-login lang="nl">` then uses them. Built to dist/widget/i18n/nl.js,
// beside the widget: at run time this module imports nothing (types only), and registers its texts once
// the element is defined, whichever of the two loads first.
import type { GluuLogin } from '../gluu-login.js';
import type { Messages, Translation } from '../messages.js';

/** Every text of the widget in Dutch, by id and error code (also the default export). */
export const nl: Messages = {
  sign_in: 'Inloggen',
  sign_in_to: 'Inloggen bij {client}',
  username: 'Gebruikersnaam',
  continue: 'Doorgaan',
  password_heading: 'Voer je wachtwoord in',
  password: 'Wachtwoord',
  sign_in_button: 'Inloggen',
  not_you: 'Ben jij dit niet?',
  create_account: 'Account maken',
  done: 'Ingelogd. Je wordt doorgestuurd…',
  failed: 'Inloggen mislukt',
  start_again: 'Opnieuw beginnen',
  try_again: 'Opnieuw proberen',
  loading: 'Laden…',
  network: 'De inlogservice is niet bereikbaar.',
  unsupported: 'Deze inlogstap wordt op deze pagina niet ondersteund.',
  retry_in: 'Probeer het over {n, plural, one {# seconde} other {# seconden}} opnieuw.',
  otp_enroll_heading: 'Stel je authenticator-app in',
  otp_enroll_hint:
    'Scan deze QR-code met een authenticator-app (Google Authenticator, Microsoft Authenticator, 1Password…) en ' +
    'voer daarna de code in die de app toont.',
  qr_alt: 'QR-code voor {issuer} ({account})',
  open_app: 'Openen in authenticator-app',
  cant_scan: 'Lukt scannen niet?',
  otp_account: 'Account: {account} · Uitgever: {issuer}',
  otp_digits: '{digits, plural, one {# cijfer} other {# cijfers}}',
  otp_period: '{period, plural, one {# seconde} other {# seconden}}',
  copy_key: 'Sleutel kopiëren',
  copied: 'Gekopieerd',
  qr_expires: 'Deze code verloopt over {time}',
  qr_expired: 'De QR-code is verlopen.',
  renew: 'Nieuwe code tonen',
  code_app: 'Code uit de app',
  otp_heading: 'Voer de code uit je authenticator-app in',
  code: 'Code',
  verify: 'Verifiëren',
  sms_heading: 'Kijk op je telefoon',
  sms_sent_to: 'We hebben een code per sms gestuurd naar {phone}.',
  code_valid: 'De code is nog {time} geldig',
  sms_expired: 'De code is verlopen. Vraag een nieuwe aan.',
  resend: 'Code opnieuw sturen',
  resend_in: 'Code opnieuw sturen over {n} s',
  resent: 'Er is een nieuwe code gestuurd.',
  change_phone: 'Ander nummer gebruiken',
  phone_enroll_heading: 'Voeg je telefoonnummer toe',
  phone_enroll_hint:
    'We sturen een code per sms naar dit nummer om te bevestigen dat het van jou is. Gebruik de internationale ' +
    'notatie, bijv. +31\u00a06\u00a012345678.',
  countries: 'Toegestane landen: {list}.',
  phone: 'Telefoonnummer',
  send_code: 'Code sturen',
  email_heading: 'Kijk in je e-mail',
  email_sent_to: 'We hebben een code per e-mail gestuurd naar {email}.',
  change_email: 'Ander adres gebruiken',
  email_enroll_heading: 'Voeg je e-mailadres toe',
  email_enroll_hint: 'We e-mailen een code naar dit adres om te bevestigen dat het van jou is.',
  email: 'E-mailadres',
  pc_heading: 'Bevestig met je telefoon',
  pc_scan: 'Scan deze QR-code met de camera van je telefoon. Je telefoon moet het nummer {phone} hebben.',
  pc_number: 'Je telefoon moet het nummer {phone} hebben.',
  pc_qr_alt: 'QR-code om op je telefoon te openen',
  pc_open: 'Doorgaan op deze telefoon',
  pc_mobile: 'De mobiele data van je telefoon bevestigen je nummer. Kom daarna terug naar dit tabblad.',
  pc_wifi: 'Zet wifi op je telefoon uit, zodat de controle via mobiele data loopt.',
  pc_waiting: 'Wachten op je telefoon…',
  pc_pick: 'Kies op je telefoon het getal {n}.',
  pc_verifying: 'Controleren bij je mobiele netwerk…',
  pc_verified: 'Geverifieerd. Je wordt ingelogd…',
  pc_failed: 'De controle is niet gelukt.',
  pc_denied: 'Het verzoek is op je telefoon geweigerd.',
  pc_expired: 'De QR-code is verlopen.',
  pc_expires: 'De code verloopt over {time}',
  pc_sms: 'In plaats daarvan een sms gebruiken',
  pc_other: 'Op een andere manier inloggen',
  pk: 'Inloggen met een toegangssleutel',
  pk_cancel: 'Inloggen met een toegangssleutel is geannuleerd.',
  pk_bad: 'Deze toegangssleutel kan hier niet worden gebruikt.',
  wa_auth: 'Gebruik je toegangssleutel of beveiligingssleutel',
  wa_auth_hint:
    'Gebruik de toegangssleutel op dit apparaat of je telefoon, of een beveiligingssleutel om door te gaan.',
  wa_press: 'Druk op Doorgaan om je toegangssleutel te gebruiken.',
  wa_reg: 'Toegangssleutel toevoegen',
  wa_reg_hint:
    'Maak een toegangssleutel, zodat je kunt inloggen met je vingerafdruk, gezicht, schermvergrendeling of een ' +
    'beveiligingssleutel.',
  wa_create: 'Toegangssleutel maken',
  not_now: 'Niet nu',
  other_user: 'Ander account gebruiken',
  wa_cancel: 'Het verzoek is geannuleerd of verlopen. Probeer het opnieuw.',
  wa_none: 'Deze browser kan geen toegangssleutels gebruiken.',
  invalid_credentials: 'Onjuiste gebruikersnaam of onjuist wachtwoord.',
  flow_expired: 'Deze inlogpoging is verlopen. Begin opnieuw.',
  flow_not_found: 'Deze inlogpoging is niet meer geldig. Begin opnieuw.',
  server_error: 'Er is iets misgegaan. Probeer het opnieuw.',
  invalid_code: 'Die code klopt niet. Probeer het opnieuw.',
  code_used: 'Deze code is al gebruikt. Wacht op de volgende.',
  code_expired: 'Deze code is verlopen. Vraag een nieuwe aan.',
  code_exhausted: 'Te veel pogingen voor deze code. Vraag een nieuwe aan.',
  invalid_phone: 'Dat lijkt geen telefoonnummer. Gebruik de internationale notatie, bijv. +31\u00a06\u00a012345678.',
  phone_not_allowed: 'Naar nummers uit dat land kunnen geen sms’jes worden gestuurd.',
  no_phone: 'Er staat geen telefoonnummer in je account. Neem contact op met je beheerder.',
  bind_otp:
    'Bevestig met een inlogmethode die je al hebt dat jij het bent, voordat er een authenticator-app aan je ' +
    'account wordt toegevoegd.',
  bind_passkey:
    'Bevestig met een inlogmethode die je al hebt dat jij het bent, voordat er een toegangssleutel aan je account ' +
    'wordt toegevoegd.',
  bind_phone:
    'Bevestig met een inlogmethode die je al hebt dat jij het bent, voordat er een telefoonnummer aan je account ' +
    'wordt toegevoegd.',
  bind_email:
    'Bevestig met een inlogmethode die je al hebt dat jij het bent, voordat er een e-mailadres aan je account ' +
    'wordt toegevoegd.',
  invalid_email: 'Dat lijkt geen e-mailadres.',
  unknown_credential: 'Deze toegangssleutel is niet geregistreerd voor dit account.',
  no_passkey: 'Er is op dit apparaat geen toegangssleutel voor dit account.',
  webauthn_failed: 'Dat is niet gelukt. Probeer het opnieuw.',
  credential_exists: 'Deze authenticator is al geregistreerd.',
  challenge_expired: 'Het verzoek voor de toegangssleutel is verlopen. Probeer het opnieuw.',
  locked: 'Te veel mislukte pogingen. Wacht even voordat je het opnieuw probeert.',
  admin_unlock_required: 'Te veel mislukte pogingen: inloggen is geblokkeerd. Neem contact op met je beheerder.',
  access_denied: 'Deze inlogpoging is geweigerd.',
  another_way: 'Een andere manier gebruiken',
  aw_otp: 'Authenticator-app',
  aw_sms: 'Sms',
  aw_email: 'Code per e-mail',
  aw_phonecheck: 'Telefooncontrole',
  aw_passkey: 'Toegangssleutel of beveiligingssleutel',
  aw_recovery_code: 'Herstelcode',
  rc_heading: 'Voer een herstelcode in',
  rc_hint: 'Elke herstelcode die je hebt bewaard, werkt één keer.',
  rc_code: 'Herstelcode',
  rcs_heading: 'Bewaar je herstelcodes',
  rcs_hint:
    'Als je je telefoon of authenticator kwijtraakt, kun je met elk van deze codes één keer inloggen. Bewaar ze op ' +
    'een veilige plek: ze worden niet opnieuw getoond.',
  copy_codes: 'Codes kopiëren',
  download: 'Downloaden',
  rcs_kept: 'Ik heb ze bewaard',
  forgot: 'Wachtwoord vergeten?',
  pw_changed: 'Je wachtwoord is gewijzigd. Log in met het nieuwe.',
  reset_heading: 'Wachtwoord opnieuw instellen',
  reset_sent: 'Als dit account een geverifieerd e-mailadres heeft, hebben we daar een code naartoe gestuurd.',
  new_pw_heading: 'Kies een nieuw wachtwoord',
  new_pw_hint:
    'Minstens {n, plural, one {# teken} other {# tekens}}. Vermijd veelgebruikte wachtwoorden en je eigen namen.',
  new_password: 'Nieuw wachtwoord',
  save_password: 'Wachtwoord opslaan',
  bind_password:
    'Bevestig met een inlogmethode die je al hebt dat jij het bent, voordat je wachtwoord wordt gewijzigd.',
  tb_heading: 'Deze browser vertrouwen?',
  tb_hint:
    'Aanmeldingen in deze browser slaan de tweede stap {n, plural, one {# dag} other {# dagen}} lang ' +
    'over. Kies dit alleen op een apparaat dat alleen u gebruikt.',
  tb_trust: 'Deze browser vertrouwen',
  // errors whose English is the server's own (it says why, or how long to wait): here in this language
  sms_not_sent:
    'De sms kon niet naar dit nummer worden verstuurd. Probeer het later opnieuw of log op een andere manier in.',
  email_not_sent: 'De e-mail kon niet worden verstuurd. Probeer het zo opnieuw.',
  rate_limited: 'Te veel pogingen. Wacht even en probeer het dan opnieuw.',
  weak_password: 'Dit wachtwoord is te makkelijk te raden. Kies een ander.',
  phonecheck_unavailable: 'De telefooncontrole is nu niet beschikbaar voor dit nummer.',
  service_unavailable: 'Inloggen is even niet beschikbaar. Probeer het zo opnieuw.',
} satisfies Translation;

export default nl;

globalThis.customElements?.whenDefined('gluu-login').then((c) => (c as typeof GluuLogin).addMessages('nl', nl));
