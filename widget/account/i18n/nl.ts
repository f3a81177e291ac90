// Dutch texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/nl.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="nl">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/nl.js). Built to dist/widget/account/i18n/nl.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Dutch, by id and error code (also the default export). */
export const nl: AccountMessages = {
  loading: 'Laden…',
  signed_in_as: 'Ingelogd als {user}',
  network: 'De accountdienst is niet bereikbaar.',
  try_again: 'Opnieuw proberen',
  factors: 'Inlogmethoden',
  no_factors: 'Je hebt nog geen tweede inlogmethode.',
  k_passkey: 'Toegangssleutel',
  k_otp: 'Authenticator-app',
  k_phone: 'Telefoon',
  k_email: 'E-mailadres',
  added: 'Toegevoegd op {date}',
  last_used: 'Laatst gebruikt {when}',
  never_used: 'Nooit gebruikt',
  rename: 'Naam wijzigen',
  rename_label: 'Nieuwe naam voor {name}',
  save: 'Opslaan',
  cancel: 'Annuleren',
  remove: 'Verwijderen',
  remove_confirm: '‘{name}’ verwijderen? Je kunt er dan niet meer mee inloggen.',
  removed: '‘{name}’ is verwijderd.',
  renamed: 'Naam gewijzigd in ‘{name}’.',
  add_passkey: 'Een toegangssleutel toevoegen',
  add_otp: 'Een authenticator-app toevoegen',
  add_phone: 'Een telefoon toevoegen',
  add_email: 'Een e-mailadres toevoegen',
  add_title: 'Een inlogmethode toevoegen',
  factor_added: 'De nieuwe inlogmethode is toegevoegd.',
  codes: 'Herstelcodes',
  codes_none: 'Je hebt geen herstelcodes meer.',
  codes_left: '{n, plural, one {Je hebt nog # code.} other {Je hebt nog # codes.}}',
  codes_hint:
    'Met elke code log je één keer in als je je andere methoden kwijt bent. Nieuwe codes maken de oude ongeldig.',
  new_codes: 'Nieuwe codes aanvragen',
  codes_shown:
    'Je nieuwe herstelcodes. Bewaar ze op een veilige plek: ze worden niet opnieuw getoond, en je oude ' +
    'codes werken niet meer.',
  copy_codes: 'Codes kopiëren',
  copied: 'Gekopieerd',
  codes_kept: 'Ik heb ze bewaard',
  password: 'Wachtwoord',
  new_password: 'Nieuw wachtwoord',
  password_hint:
    'Minstens {n, plural, one {# teken} other {# tekens}}. Vermijd veelgebruikte wachtwoorden en je eigen naam.',
  change_password: 'Wachtwoord wijzigen',
  password_changed: 'Je wachtwoord is gewijzigd.',
  sessions: 'Waar je bent ingelogd',
  this_browser: 'Deze browser',
  signed_in: 'Ingelogd {when}',
  network_at: 'Netwerk {network}',
  apps: 'Apps: {apps}',
  sign_out: 'Uitloggen',
  sign_out_others: 'Overal elders uitloggen',
  signed_out: 'Uitgelogd.',
  trusted: 'Vertrouwde browsers',
  no_trusted: 'Geen enkele browser slaat de tweede stap van je inlog over.',
  trusted_at: 'Vertrouwd sinds {date} · tot {until}',
  forget: 'Niet meer vertrouwen',
  forgotten: 'Deze browser vraagt weer om je tweede stap.',
  confirm: 'Bevestig dat jij het bent',
  close: 'Sluiten',
  cancelled: 'Er is niets gewijzigd.',
  invalid_token: 'Je sessie op deze pagina is verlopen. Log opnieuw in.',
  insufficient_user_authentication: 'Bevestig dat jij het bent voordat je iets wijzigt.',
  last_factor: 'Dit is je laatste tweede inlogmethode en je account heeft er een nodig. Voeg eerst een andere toe.',
  server_error: 'Er is iets misgegaan. Probeer het opnieuw.',
} satisfies AccountTranslation;

export default nl;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('nl', nl));
