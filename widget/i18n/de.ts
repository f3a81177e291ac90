// German texts of <gluu-login>. `import 'gluu-login/widget/i18n/de.js'` registers them
// (GluuLogin.addMessages), and `<gluu-login lang="de">` then uses them. Built to dist/widget/i18n/de.js,
// beside the widget: at run time this module imports nothing (types only), and registers its texts once
// the element is defined, whichever of the two loads first.
import type { GluuLogin } from '../gluu-login.js';
import type { Messages, Translation } from '../messages.js';

/** Every text of the widget in German, by id and error code (also the default export). */
export const de: Messages = {
  sign_in: 'Anmelden',
  sign_in_to: 'Bei {client} anmelden',
  username: 'Benutzername',
  continue: 'Weiter',
  password_heading: 'Passwort eingeben',
  password: 'Passwort',
  sign_in_button: 'Anmelden',
  not_you: 'Nicht Sie?',
  create_account: 'Konto erstellen',
  done: 'Angemeldet. Sie werden weitergeleitet…',
  failed: 'Anmeldung fehlgeschlagen',
  start_again: 'Neu beginnen',
  try_again: 'Erneut versuchen',
  loading: 'Wird geladen…',
  network: 'Der Anmeldedienst ist nicht erreichbar.',
  unsupported: 'Dieser Anmeldeschritt wird auf dieser Seite nicht unterstützt.',
  retry_in: 'Versuchen Sie es in {n, plural, one {# Sekunde} other {# Sekunden}} erneut.',
  otp_enroll_heading: 'Authenticator-App einrichten',
  otp_enroll_hint:
    'Scannen Sie diesen QR-Code mit einer Authenticator-App (Google Authenticator, Microsoft Authenticator, ' +
    '1Password…) und geben Sie dann den angezeigten Code ein.',
  qr_alt: 'QR-Code für {issuer} ({account})',
  open_app: 'In der Authenticator-App öffnen',
  cant_scan: 'Scannen klappt nicht?',
  otp_account: 'Konto: {account} · Aussteller: {issuer}',
  otp_digits: '{digits, plural, one {# Ziffer} other {# Ziffern}}',
  otp_period: '{period, plural, one {# Sekunde} other {# Sekunden}}',
  copy_key: 'Schlüssel kopieren',
  copied: 'Kopiert',
  qr_expires: 'Dieser Code läuft in {time} ab',
  qr_expired: 'Der QR-Code ist abgelaufen.',
  renew: 'Neuen Code anzeigen',
  code_app: 'Code aus der App',
  otp_heading: 'Code aus Ihrer Authenticator-App eingeben',
  code: 'Code',
  verify: 'Bestätigen',
  sms_heading: 'Schauen Sie auf Ihr Telefon',
  sms_sent_to: 'Wir haben einen Code per SMS an {phone} gesendet.',
  code_valid: 'Der Code ist noch {time} gültig',
  sms_expired: 'Der Code ist abgelaufen. Fordern Sie einen neuen an.',
  resend: 'Code erneut senden',
  resend_in: 'Code erneut senden in {n} s',
  resent: 'Ein neuer Code wurde gesendet.',
  change_phone: 'Andere Nummer verwenden',
  phone_enroll_heading: 'Telefonnummer hinzufügen',
  phone_enroll_hint:
    'Wir senden einen Code per SMS an diese Nummer, um zu bestätigen, dass sie Ihnen gehört. Verwenden Sie das ' +
    'internationale Format, z. B. +49\u00a0151\u00a023456789.',
  countries: 'Zulässige Länder: {list}.',
  phone: 'Telefonnummer',
  send_code: 'Code senden',
  email_heading: 'Prüfen Sie Ihre E-Mails',
  email_sent_to: 'Wir haben einen Code per E-Mail an {email} gesendet.',
  change_email: 'Andere Adresse verwenden',
  email_enroll_heading: 'E-Mail-Adresse hinzufügen',
  email_enroll_hint: 'Wir senden einen Code an diese Adresse, um zu bestätigen, dass sie Ihnen gehört.',
  email: 'E-Mail-Adresse',
  pc_heading: 'Mit Ihrem Telefon bestätigen',
  pc_scan: 'Scannen Sie diesen QR-Code mit der Kamera Ihres Telefons. Ihr Telefon braucht die Nummer {phone}.',
  pc_number: 'Ihr Telefon braucht die Nummer {phone}.',
  pc_qr_alt: 'QR-Code zum Öffnen auf Ihrem Telefon',
  pc_open: 'Auf diesem Telefon fortfahren',
  pc_mobile: 'Die mobilen Daten Ihres Telefons bestätigen Ihre Nummer. Kehren Sie danach zu diesem Tab zurück.',
  pc_wifi: 'Schalten Sie das WLAN Ihres Telefons aus, damit die Prüfung über mobile Daten läuft.',
  pc_waiting: 'Warten auf Ihr Telefon…',
  pc_pick: 'Wählen Sie auf Ihrem Telefon die Zahl {n}.',
  pc_verifying: 'Prüfung über Ihr Mobilfunknetz…',
  pc_verified: 'Bestätigt. Sie werden angemeldet…',
  pc_failed: 'Die Prüfung war nicht erfolgreich.',
  pc_denied: 'Die Anfrage wurde auf Ihrem Telefon abgelehnt.',
  pc_expired: 'Der QR-Code ist abgelaufen.',
  pc_expires: 'Der Code läuft in {time} ab',
  pc_sms: 'Stattdessen eine SMS verwenden',
  pc_other: 'Anders anmelden',
  pk: 'Mit Passkey anmelden',
  pk_cancel: 'Die Anmeldung mit Passkey wurde abgebrochen.',
  pk_bad: 'Dieser Passkey kann hier nicht verwendet werden.',
  wa_auth: 'Passkey oder Sicherheitsschlüssel verwenden',
  wa_auth_hint:
    'Verwenden Sie den Passkey auf diesem Gerät, Ihr Telefon oder einen Sicherheitsschlüssel, um fortzufahren.',
  wa_press: 'Wählen Sie Weiter, um Ihren Passkey zu verwenden.',
  wa_reg: 'Passkey hinzufügen',
  wa_reg_hint:
    'Erstellen Sie einen Passkey, um sich per Fingerabdruck, Gesicht, Bildschirmsperre oder Sicherheitsschlüssel ' +
    'anzumelden.',
  wa_create: 'Passkey erstellen',
  not_now: 'Jetzt nicht',
  other_user: 'Anderes Konto verwenden',
  wa_cancel: 'Die Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut.',
  wa_none: 'Dieser Browser unterstützt keine Passkeys.',
  invalid_credentials: 'Benutzername oder Passwort ist falsch.',
  flow_expired: 'Diese Anmeldung ist abgelaufen. Bitte beginnen Sie neu.',
  flow_not_found: 'Diese Anmeldung ist nicht mehr gültig. Bitte beginnen Sie neu.',
  server_error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  invalid_code: 'Der Code ist nicht richtig. Versuchen Sie es erneut.',
  code_used: 'Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten.',
  code_expired: 'Dieser Code ist abgelaufen. Fordern Sie einen neuen an.',
  code_exhausted: 'Zu viele Versuche für diesen Code. Fordern Sie einen neuen an.',
  invalid_phone:
    'Das sieht nicht nach einer Telefonnummer aus. Verwenden Sie das internationale Format, z. B. ' +
    '+49\u00a0151\u00a023456789.',
  phone_not_allowed: 'An Nummern aus diesem Land können keine SMS gesendet werden.',
  no_phone: 'Ihr Konto hat keine Telefonnummer. Wenden Sie sich an Ihren Administrator.',
  bind_otp:
    'Bevor Ihrem Konto eine Authenticator-App hinzugefügt wird, bestätigen Sie mit einer vorhandenen ' +
    'Anmeldemethode, dass Sie es sind.',
  bind_passkey:
    'Bevor Ihrem Konto ein Passkey hinzugefügt wird, bestätigen Sie mit einer vorhandenen Anmeldemethode, dass Sie ' +
    'es sind.',
  bind_phone:
    'Bevor Ihrem Konto eine Telefonnummer hinzugefügt wird, bestätigen Sie mit einer vorhandenen Anmeldemethode, ' +
    'dass Sie es sind.',
  bind_email:
    'Bevor Ihrem Konto eine E-Mail-Adresse hinzugefügt wird, bestätigen Sie mit einer vorhandenen ' +
    'Anmeldemethode, dass Sie es sind.',
  invalid_email: 'Das sieht nicht nach einer E-Mail-Adresse aus.',
  unknown_credential: 'Dieser Passkey ist für dieses Konto nicht registriert.',
  no_passkey: 'Auf diesem Gerät gibt es keinen Passkey für dieses Konto.',
  webauthn_failed: 'Das hat nicht funktioniert. Versuchen Sie es erneut.',
  credential_exists: 'Dieser Authenticator ist bereits registriert.',
  challenge_expired: 'Die Passkey-Anfrage ist abgelaufen. Versuchen Sie es erneut.',
  locked: 'Zu viele Fehlversuche. Warten Sie einen Moment und versuchen Sie es dann erneut.',
  admin_unlock_required: 'Zu viele Fehlversuche: Die Anmeldung ist gesperrt. Wenden Sie sich an Ihren Administrator.',
  access_denied: 'Diese Anmeldung wurde abgelehnt.',
  another_way: 'Auf andere Weise anmelden',
  aw_otp: 'Authenticator-App',
  aw_sms: 'SMS',
  aw_email: 'Code per E-Mail',
  aw_phonecheck: 'Telefonprüfung',
  aw_passkey: 'Passkey oder Sicherheitsschlüssel',
  aw_recovery_code: 'Wiederherstellungscode',
  rc_heading: 'Wiederherstellungscode eingeben',
  rc_hint: 'Jeder Ihrer aufbewahrten Wiederherstellungscodes funktioniert einmal.',
  rc_code: 'Wiederherstellungscode',
  rcs_heading: 'Bewahren Sie Ihre Wiederherstellungscodes auf',
  rcs_hint:
    'Wenn Sie Ihr Telefon oder Ihren Authenticator verlieren, meldet Sie jeder dieser Codes einmal an. ' +
    'Bewahren Sie sie sicher auf: Sie werden nicht noch einmal angezeigt.',
  copy_codes: 'Codes kopieren',
  download: 'Herunterladen',
  rcs_kept: 'Ich habe sie aufbewahrt',
  forgot: 'Passwort vergessen?',
  pw_changed: 'Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen an.',
  reset_heading: 'Passwort zurücksetzen',
  reset_sent: 'Wenn dieses Konto eine bestätigte E-Mail-Adresse hat, haben wir einen Code dorthin gesendet.',
  new_pw_heading: 'Neues Passwort wählen',
  new_pw_hint:
    'Mindestens {n, plural, one {# Zeichen} other {# Zeichen}}. ' +
    'Vermeiden Sie gängige Passwörter und Ihre eigenen Namen.',
  new_password: 'Neues Passwort',
  save_password: 'Passwort speichern',
  bind_password:
    'Bevor Ihr Passwort geändert wird, bestätigen Sie mit einer Anmeldemethode, die Sie bereits haben, ' +
    'dass Sie es sind.',
  tb_heading: 'Diesem Browser vertrauen?',
  tb_hint:
    'Anmeldungen in diesem Browser überspringen {n, plural, one {# Tag} other {# Tage}} lang den zweiten ' +
    'Schritt. Wählen Sie das nur auf einem Gerät, das nur Sie nutzen.',
  tb_trust: 'Diesem Browser vertrauen',
  // errors whose English is the server's own (it says why, or how long to wait): here in this language
  sms_not_sent:
    'Die SMS konnte nicht an diese Nummer gesendet werden. Versuchen Sie es später erneut oder melden Sie sich auf ' +
    'andere Weise an.',
  email_not_sent: 'Die E-Mail konnte nicht gesendet werden. Versuchen Sie es gleich noch einmal.',
  rate_limited: 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es dann erneut.',
  weak_password: 'Dieses Passwort ist zu leicht zu erraten. Wählen Sie ein anderes.',
  phonecheck_unavailable: 'Die Telefonprüfung ist für diese Nummer gerade nicht möglich.',
  service_unavailable: 'Die Anmeldung ist kurz nicht verfügbar. Versuchen Sie es gleich noch einmal.',
} satisfies Translation;

export default de;

globalThis.customElements?.whenDefined('gluu-login').then((c) => (c as typeof GluuLogin).addMessages('de', de));
