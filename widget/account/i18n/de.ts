// German texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/de.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="de">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/de.js). Built to dist/widget/account/i18n/de.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in German, by id and error code (also the default export). */
export const de: AccountMessages = {
  loading: 'Wird geladen…',
  signed_in_as: 'Angemeldet als {user}',
  network: 'Der Kontodienst ist nicht erreichbar.',
  try_again: 'Erneut versuchen',
  factors: 'Anmeldemethoden',
  no_factors: 'Sie haben noch keine zweite Anmeldemethode.',
  k_passkey: 'Passkey',
  k_otp: 'Authenticator-App',
  k_phone: 'Telefon',
  k_email: 'E-Mail-Adresse',
  added: 'Hinzugefügt am {date}',
  last_used: 'Zuletzt verwendet {when}',
  never_used: 'Noch nie verwendet',
  rename: 'Umbenennen',
  rename_label: 'Neuer Name für {name}',
  save: 'Speichern',
  cancel: 'Abbrechen',
  remove: 'Entfernen',
  remove_confirm: '„{name}“ entfernen? Sie können sich dann nicht mehr damit anmelden.',
  removed: '„{name}“ wurde entfernt.',
  renamed: 'Umbenannt in „{name}“.',
  add_passkey: 'Passkey hinzufügen',
  add_otp: 'Authenticator-App hinzufügen',
  add_phone: 'Telefon hinzufügen',
  add_email: 'E-Mail-Adresse hinzufügen',
  add_title: 'Anmeldemethode hinzufügen',
  factor_added: 'Die neue Anmeldemethode wurde hinzugefügt.',
  codes: 'Wiederherstellungscodes',
  codes_none: 'Sie haben keine Wiederherstellungscodes mehr.',
  codes_left: '{n, plural, one {Sie haben noch # Code.} other {Sie haben noch # Codes.}}',
  codes_hint:
    'Jeder Code meldet Sie einmal an, falls Sie Ihre anderen Methoden verlieren. Neue Codes machen die alten ungültig.',
  new_codes: 'Neue Codes erzeugen',
  codes_shown:
    'Ihre neuen Wiederherstellungscodes. Bewahren Sie sie sicher auf: Sie werden nicht noch einmal angezeigt, ' +
    'und Ihre alten Codes gelten nicht mehr.',
  copy_codes: 'Codes kopieren',
  copied: 'Kopiert',
  codes_kept: 'Ich habe sie aufbewahrt',
  password: 'Passwort',
  new_password: 'Neues Passwort',
  password_hint:
    'Mindestens {n, plural, one {# Zeichen} other {# Zeichen}}. Vermeiden Sie gängige Passwörter und Ihren Namen.',
  change_password: 'Passwort ändern',
  password_changed: 'Ihr Passwort wurde geändert.',
  sessions: 'Wo Sie angemeldet sind',
  this_browser: 'Dieser Browser',
  signed_in: 'Angemeldet {when}',
  network_at: 'Netz {network}',
  apps: 'Apps: {apps}',
  sign_out: 'Abmelden',
  sign_out_others: 'Überall sonst abmelden',
  signed_out: 'Abgemeldet.',
  trusted: 'Vertrauenswürdige Browser',
  no_trusted: 'Kein Browser überspringt den zweiten Schritt Ihrer Anmeldung.',
  trusted_at: 'Vertraut seit {date} · bis {until}',
  forget: 'Nicht mehr vertrauen',
  forgotten: 'Dieser Browser fragt wieder nach Ihrem zweiten Schritt.',
  confirm: 'Bestätigen Sie, dass Sie es sind',
  close: 'Schließen',
  cancelled: 'Es wurde nichts geändert.',
  invalid_token: 'Ihre Sitzung auf dieser Seite ist abgelaufen. Melden Sie sich erneut an.',
  insufficient_user_authentication: 'Bestätigen Sie vor Änderungen, dass Sie es sind.',
  last_factor:
    'Dies ist Ihre letzte zweite Anmeldemethode, und Ihr Konto braucht eine. Fügen Sie zuerst eine andere hinzu.',
  server_error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
} satisfies AccountTranslation;

export default de;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('de', de));
