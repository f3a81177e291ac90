// French texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/fr.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="fr">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/fr.js). Built to dist/widget/account/i18n/fr.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in French, by id and error code (also the default export). */
export const fr: AccountMessages = {
  loading: 'Chargement…',
  signed_in_as: 'Connecté en tant que {user}',
  network: 'Le service du compte est injoignable.',
  try_again: 'Réessayer',
  factors: 'Méthodes de connexion',
  no_factors: 'Vous n’avez pas encore de seconde méthode de connexion.',
  k_passkey: 'Clé d’accès',
  k_otp: 'Application d’authentification',
  k_phone: 'Téléphone',
  k_email: 'Adresse e-mail',
  added: 'Ajoutée le {date}',
  last_used: 'Dernière utilisation : {when}',
  never_used: 'Jamais utilisée',
  rename: 'Renommer',
  rename_label: 'Nouveau nom pour {name}',
  save: 'Enregistrer',
  cancel: 'Annuler',
  remove: 'Supprimer',
  remove_confirm: 'Supprimer « {name} » ? Vous ne pourrez plus vous connecter avec.',
  removed: '« {name} » a été supprimée.',
  renamed: 'Renommée en « {name} ».',
  add_passkey: 'Ajouter une clé d’accès',
  add_otp: 'Ajouter une application d’authentification',
  add_phone: 'Ajouter un téléphone',
  add_email: 'Ajouter une adresse e-mail',
  add_title: 'Ajouter une méthode de connexion',
  factor_added: 'La nouvelle méthode de connexion a été ajoutée.',
  codes: 'Codes de récupération',
  codes_none: 'Il ne vous reste aucun code de récupération.',
  codes_left: '{n, plural, one {Il vous reste # code.} other {Il vous reste # codes.}}',
  codes_hint:
    'Chaque code vous connecte une fois si vous perdez vos autres méthodes. De nouveaux codes annulent les anciens.',
  new_codes: 'Obtenir de nouveaux codes',
  codes_shown:
    'Vos nouveaux codes de récupération. Conservez-les en lieu sûr : ils ne seront plus affichés, et vos anciens ' +
    'codes ne fonctionnent plus.',
  copy_codes: 'Copier les codes',
  copied: 'Copié',
  codes_kept: 'Je les ai conservés',
  password: 'Mot de passe',
  new_password: 'Nouveau mot de passe',
  password_hint:
    'Au moins {n, plural, one {# caractère} other {# caractères}}. Évitez les mots de passe courants et votre nom.',
  change_password: 'Changer le mot de passe',
  password_changed: 'Votre mot de passe a été changé.',
  sessions: 'Où vous êtes connecté',
  this_browser: 'Ce navigateur',
  signed_in: 'Connexion {when}',
  network_at: 'Réseau {network}',
  apps: 'Applications : {apps}',
  sign_out: 'Se déconnecter',
  sign_out_others: 'Se déconnecter partout ailleurs',
  signed_out: 'Déconnecté.',
  trusted: 'Navigateurs de confiance',
  no_trusted: 'Aucun navigateur ne saute la deuxième étape de votre connexion.',
  trusted_at: 'De confiance depuis le {date} · jusqu’au {until}',
  forget: 'Ne plus faire confiance',
  forgotten: 'Ce navigateur demandera de nouveau votre deuxième étape.',
  confirm: 'Confirmez que c’est vous',
  close: 'Fermer',
  cancelled: 'Rien n’a été modifié.',
  invalid_token: 'Votre session sur cette page a pris fin. Reconnectez-vous.',
  insufficient_user_authentication: 'Confirmez que c’est vous avant toute modification.',
  last_factor:
    'C’est votre dernière seconde méthode de connexion, et votre compte en exige une. Ajoutez-en d’abord une autre.',
  server_error: 'Une erreur s’est produite. Veuillez réessayer.',
} satisfies AccountTranslation;

export default fr;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('fr', fr));
