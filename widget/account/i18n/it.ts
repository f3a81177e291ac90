// Italian texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/it.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="it">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/it.js). Built to dist/widget/account/i18n/it.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Italian, by id and error code (also the default export). */
export const it: AccountMessages = {
  loading: 'Caricamento…',
  signed_in_as: 'Accesso eseguito come {user}',
  network: 'Impossibile raggiungere il servizio dell’account.',
  try_again: 'Riprova',
  factors: 'Metodi di accesso',
  no_factors: 'Non hai ancora un secondo metodo di accesso.',
  k_passkey: 'Passkey',
  k_otp: 'App di autenticazione',
  k_phone: 'Telefono',
  k_email: 'Indirizzo e-mail',
  added: 'Aggiunto il {date}',
  last_used: 'Ultimo utilizzo: {when}',
  never_used: 'Mai utilizzato',
  rename: 'Rinomina',
  rename_label: 'Nuovo nome per {name}',
  save: 'Salva',
  cancel: 'Annulla',
  remove: 'Rimuovi',
  remove_confirm: 'Rimuovere «{name}»? Non potrai più accedere con questo metodo.',
  removed: '«{name}» è stato rimosso.',
  renamed: 'Rinominato in «{name}».',
  add_passkey: 'Aggiungi una passkey',
  add_otp: 'Aggiungi un’app di autenticazione',
  add_phone: 'Aggiungi un telefono',
  add_email: 'Aggiungi un indirizzo e-mail',
  add_title: 'Aggiungi un metodo di accesso',
  factor_added: 'Il nuovo metodo di accesso è stato aggiunto.',
  codes: 'Codici di recupero',
  codes_none: 'Non ti restano codici di recupero.',
  codes_left: '{n, plural, one {Ti resta # codice.} other {Ti restano # codici.}}',
  codes_hint:
    'Ogni codice ti permette di accedere una volta se perdi gli altri metodi. I nuovi codici annullano ' +
    'quelli vecchi.',
  new_codes: 'Ottieni nuovi codici',
  codes_shown:
    'I tuoi nuovi codici di recupero. Conservali in un luogo sicuro: non verranno mostrati di nuovo e i ' +
    'vecchi codici non funzionano più.',
  copy_codes: 'Copia i codici',
  copied: 'Copiato',
  codes_kept: 'Li ho conservati',
  password: 'Password',
  new_password: 'Nuova password',
  password_hint: 'Almeno {n, plural, one {# carattere} other {# caratteri}}. Evita password comuni e il tuo nome.',
  change_password: 'Cambia password',
  password_changed: 'La tua password è stata cambiata.',
  sessions: 'Dove hai eseguito l’accesso',
  this_browser: 'Questo browser',
  signed_in: 'Accesso {when}',
  network_at: 'Rete {network}',
  apps: 'App: {apps}',
  sign_out: 'Esci',
  sign_out_others: 'Esci da tutti gli altri dispositivi',
  signed_out: 'Disconnesso.',
  trusted: 'Browser attendibili',
  no_trusted: 'Nessun browser salta il secondo passaggio del tuo accesso.',
  trusted_at: 'Attendibile dal {date} · fino al {until}',
  forget: 'Non considerare più attendibile',
  forgotten: 'Questo browser chiederà di nuovo il secondo passaggio.',
  confirm: 'Conferma la tua identità',
  close: 'Chiudi',
  cancelled: 'Non è stato modificato nulla.',
  invalid_token: 'La tua sessione su questa pagina è terminata. Accedi di nuovo.',
  insufficient_user_authentication: 'Conferma la tua identità prima di apportare modifiche.',
  last_factor:
    'Questo è il tuo ultimo secondo metodo di accesso e il tuo account ne richiede uno. Aggiungine prima ' +
    'un altro.',
  server_error: 'Si è verificato un problema. Riprova.',
} satisfies AccountTranslation;

export default it;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('it', it));
