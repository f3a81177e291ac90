// Polish texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/pl.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="pl">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/pl.js). Built to dist/widget/account/i18n/pl.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Polish, by id and error code (also the default export). */
export const pl: AccountMessages = {
  loading: 'Ładowanie…',
  signed_in_as: 'Zalogowano jako {user}',
  network: 'Nie można połączyć się z usługą konta.',
  try_again: 'Spróbuj ponownie',
  factors: 'Metody logowania',
  no_factors: 'Nie masz jeszcze drugiej metody logowania.',
  k_passkey: 'Klucz dostępu',
  k_otp: 'Aplikacja uwierzytelniająca',
  k_phone: 'Telefon',
  k_email: 'Adres e-mail',
  added: 'Dodano {date}',
  last_used: 'Ostatnio użyto {when}',
  never_used: 'Nigdy nie użyto',
  rename: 'Zmień nazwę',
  rename_label: 'Nowa nazwa dla {name}',
  save: 'Zapisz',
  cancel: 'Anuluj',
  remove: 'Usuń',
  remove_confirm: 'Usunąć „{name}”? Nie będzie można się już za jego pomocą zalogować.',
  removed: 'Usunięto „{name}”.',
  renamed: 'Zmieniono nazwę na „{name}”.',
  add_passkey: 'Dodaj klucz dostępu',
  add_otp: 'Dodaj aplikację uwierzytelniającą',
  add_phone: 'Dodaj telefon',
  add_email: 'Dodaj adres e-mail',
  add_title: 'Dodaj metodę logowania',
  factor_added: 'Dodano nową metodę logowania.',
  codes: 'Kody odzyskiwania',
  codes_none: 'Nie masz już kodów odzyskiwania.',
  codes_left:
    '{n, plural, one {Został Ci # kod.} few {Zostały Ci # kody.} many {Zostało Ci # kodów.} other ' +
    '{Zostało Ci # kodu.}}',
  codes_hint: 'Każdy kod pozwala zalogować się raz, jeśli stracisz inne metody. Nowe kody unieważniają stare.',
  new_codes: 'Pobierz nowe kody',
  codes_shown:
    'Twoje nowe kody odzyskiwania. Przechowuj je w bezpiecznym miejscu: nie zostaną pokazane ponownie, a ' +
    'stare kody już nie działają.',
  copy_codes: 'Kopiuj kody',
  copied: 'Skopiowano',
  codes_kept: 'Mam je zapisane',
  password: 'Hasło',
  new_password: 'Nowe hasło',
  password_hint:
    'Co najmniej {n, plural, one {# znak} few {# znaki} many {# znaków} other {# znaku}}. Unikaj ' +
    'popularnych haseł i swojego imienia.',
  change_password: 'Zmień hasło',
  password_changed: 'Hasło zostało zmienione.',
  sessions: 'Aktywne logowania',
  this_browser: 'Ta przeglądarka',
  signed_in: 'Zalogowano {when}',
  network_at: 'Sieć {network}',
  apps: 'Aplikacje: {apps}',
  sign_out: 'Wyloguj',
  sign_out_others: 'Wyloguj ze wszystkich innych miejsc',
  signed_out: 'Wylogowano.',
  trusted: 'Zaufane przeglądarki',
  no_trusted: 'Żadna przeglądarka nie pomija drugiego kroku logowania.',
  trusted_at: 'Zaufana od {date} · do {until}',
  forget: 'Przestań ufać',
  forgotten: 'Ta przeglądarka znów będzie prosić o drugi krok.',
  confirm: 'Potwierdź swoją tożsamość',
  close: 'Zamknij',
  cancelled: 'Nic nie zostało zmienione.',
  invalid_token: 'Sesja na tej stronie wygasła. Zaloguj się ponownie.',
  insufficient_user_authentication: 'Przed wprowadzeniem zmian potwierdź swoją tożsamość.',
  last_factor: 'To Twoja ostatnia druga metoda logowania, a konto musi mieć jedną. Najpierw dodaj inną.',
  server_error: 'Coś poszło nie tak. Spróbuj ponownie.',
} satisfies AccountTranslation;

export default pl;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('pl', pl));
