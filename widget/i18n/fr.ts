// French texts of <gluu-login>. `import 'gluu-login/widget/i18n/fr.js'` registers them
// (GluuLogin.addMessages), and `<gluu-login lang="fr">` then uses them. Built to dist/widget/i18n/fr.js,
// beside the widget: at run time this module imports nothing (types only), and registers its texts once
// the element is defined, whichever of the two loads first.
import type { GluuLogin } from '../gluu-login.js';
import type { Messages, Translation } from '../messages.js';

/** Every text of the widget in French, by id and error code (also the default export). */
export const fr: Messages = {
  sign_in: 'Se connecter',
  sign_in_to: 'Se connecter à {client}',
  username: 'Nom d’utilisateur',
  continue: 'Continuer',
  password_heading: 'Saisissez votre mot de passe',
  password: 'Mot de passe',
  sign_in_button: 'Se connecter',
  not_you: 'Ce n’est pas vous\u00a0?',
  create_account: 'Créer un compte',
  done: 'Connexion réussie. Redirection…',
  failed: 'Échec de la connexion',
  start_again: 'Recommencer',
  try_again: 'Réessayer',
  loading: 'Chargement…',
  network: 'Impossible de joindre le service de connexion.',
  unsupported: 'Cette page ne prend pas en charge cette étape de connexion.',
  retry_in: 'Réessayez dans {n, plural, one {# seconde} other {# secondes}}.',
  otp_enroll_heading: 'Configurez votre application d’authentification',
  otp_enroll_hint:
    'Scannez ce code QR avec une application d’authentification (Google Authenticator, Microsoft Authenticator, ' +
    '1Password…), puis saisissez le code qu’elle affiche.',
  qr_alt: 'Code QR pour {issuer} ({account})',
  open_app: 'Ouvrir dans l’application d’authentification',
  cant_scan: 'Impossible de le scanner\u00a0?',
  otp_account: 'Compte\u00a0: {account} · Émetteur\u00a0: {issuer}',
  otp_digits: '{digits, plural, one {# chiffre} other {# chiffres}}',
  otp_period: '{period, plural, one {# seconde} other {# secondes}}',
  copy_key: 'Copier la clé',
  copied: 'Copiée',
  qr_expires: 'Ce code expire dans {time}',
  qr_expired: 'Le code QR a expiré.',
  renew: 'Afficher un nouveau code',
  code_app: 'Code de l’application',
  otp_heading: 'Saisissez le code de votre application d’authentification',
  code: 'Code',
  verify: 'Vérifier',
  sms_heading: 'Consultez votre téléphone',
  sms_sent_to: 'Nous avons envoyé un code par SMS au {phone}.',
  code_valid: 'Le code est valable encore {time}',
  sms_expired: 'Le code a expiré. Demandez-en un nouveau.',
  resend: 'Renvoyer le code',
  resend_in: 'Renvoyer le code dans {n} s',
  resent: 'Un nouveau code a été envoyé.',
  change_phone: 'Utiliser un autre numéro',
  phone_enroll_heading: 'Ajoutez votre numéro de téléphone',
  phone_enroll_hint:
    'Nous enverrons un code par SMS à ce numéro pour confirmer qu’il est bien à vous. Utilisez le format ' +
    'international, par ex. +33\u00a06\u00a012\u00a034\u00a056\u00a078.',
  countries: 'Pays acceptés\u00a0: {list}.',
  phone: 'Numéro de téléphone',
  send_code: 'Envoyer le code',
  email_heading: 'Consultez vos e-mails',
  email_sent_to: 'Nous avons envoyé un code par e-mail à {email}.',
  change_email: 'Utiliser une autre adresse',
  email_enroll_heading: 'Ajoutez votre adresse e-mail',
  email_enroll_hint: 'Nous enverrons un code à cette adresse pour confirmer qu’elle est bien à vous.',
  email: 'Adresse e-mail',
  pc_heading: 'Confirmez avec votre téléphone',
  pc_scan: 'Scannez ce code QR avec l’appareil photo de votre téléphone. Votre téléphone doit avoir le numéro {phone}.',
  pc_number: 'Votre téléphone doit avoir le numéro {phone}.',
  pc_qr_alt: 'Code QR à ouvrir sur votre téléphone',
  pc_open: 'Continuer sur ce téléphone',
  pc_mobile: 'Les données mobiles de votre téléphone confirmeront votre numéro. Revenez ensuite à cet onglet.',
  pc_wifi: 'Désactivez le Wi-Fi de votre téléphone pour que la vérification passe par les données mobiles.',
  pc_waiting: 'En attente de votre téléphone…',
  pc_pick: 'Sur votre téléphone, choisissez le nombre {n}.',
  pc_verifying: 'Vérification auprès de votre réseau mobile…',
  pc_verified: 'Vérifié. Connexion en cours…',
  pc_failed: 'La vérification a échoué.',
  pc_denied: 'La demande a été refusée sur votre téléphone.',
  pc_expired: 'Le code QR a expiré.',
  pc_expires: 'Le code expire dans {time}',
  pc_sms: 'Utiliser plutôt un SMS',
  pc_other: 'Se connecter autrement',
  pk: 'Se connecter avec une clé d’accès',
  pk_cancel: 'La connexion avec une clé d’accès a été annulée.',
  pk_bad: 'Cette clé d’accès ne peut pas être utilisée ici.',
  wa_auth: 'Utilisez votre clé d’accès ou de sécurité',
  wa_auth_hint: 'Utilisez la clé d’accès de cet appareil, votre téléphone ou une clé de sécurité pour continuer.',
  wa_press: 'Appuyez sur Continuer pour utiliser votre clé d’accès.',
  wa_reg: 'Ajouter une clé d’accès',
  wa_reg_hint:
    'Créez une clé d’accès pour vous connecter avec votre empreinte, votre visage, le verrouillage de l’écran ou ' +
    'une clé de sécurité.',
  wa_create: 'Créer une clé d’accès',
  not_now: 'Pas maintenant',
  other_user: 'Utiliser un autre compte',
  wa_cancel: 'La demande a été annulée ou a expiré. Réessayez.',
  wa_none: 'Ce navigateur ne prend pas en charge les clés d’accès.',
  invalid_credentials: 'Nom d’utilisateur ou mot de passe incorrect.',
  flow_expired: 'Cette connexion a expiré. Veuillez recommencer.',
  flow_not_found: 'Cette connexion n’est plus valide. Veuillez recommencer.',
  server_error: 'Un problème est survenu. Veuillez réessayer.',
  invalid_code: 'Ce code est incorrect. Réessayez.',
  code_used: 'Ce code a déjà été utilisé. Attendez le suivant.',
  code_expired: 'Ce code a expiré. Demandez-en un nouveau.',
  code_exhausted: 'Trop d’essais pour ce code. Demandez-en un nouveau.',
  invalid_phone:
    'Ce numéro de téléphone ne semble pas valide. Utilisez le format international, par ex. ' +
    '+33\u00a06\u00a012\u00a034\u00a056\u00a078.',
  phone_not_allowed: 'Impossible d’envoyer des SMS aux numéros de ce pays.',
  no_phone: 'Aucun numéro de téléphone n’est associé à votre compte. Contactez votre administrateur.',
  bind_otp:
    'Avant d’ajouter une application d’authentification à votre compte, confirmez votre identité avec une méthode ' +
    'de connexion que vous avez déjà.',
  bind_passkey:
    'Avant d’ajouter une clé d’accès à votre compte, confirmez votre identité avec une méthode de connexion que ' +
    'vous avez déjà.',
  bind_phone:
    'Avant d’ajouter un numéro de téléphone à votre compte, confirmez votre identité avec une méthode de connexion ' +
    'que vous avez déjà.',
  bind_email:
    'Avant d’ajouter une adresse e-mail à votre compte, confirmez votre identité avec une méthode de ' +
    'connexion que vous avez déjà.',
  invalid_email: 'Cela ne ressemble pas à une adresse e-mail.',
  unknown_credential: 'Cette clé d’accès n’est pas enregistrée pour ce compte.',
  no_passkey: 'Aucune clé d’accès de ce compte sur cet appareil.',
  webauthn_failed: 'Cela n’a pas fonctionné. Réessayez.',
  credential_exists: 'Cet authentificateur est déjà enregistré.',
  challenge_expired: 'La demande de clé d’accès a expiré. Réessayez.',
  locked: 'Trop de tentatives échouées. Patientez un instant, puis réessayez.',
  admin_unlock_required: 'Trop de tentatives échouées : la connexion est bloquée. Contactez votre administrateur.',
  access_denied: 'Cette connexion a été refusée.',
  another_way: 'Utiliser une autre méthode',
  aw_otp: 'Application d’authentification',
  aw_sms: 'SMS',
  aw_email: 'Code par e-mail',
  aw_phonecheck: 'Vérification du téléphone',
  aw_passkey: 'Clé d’accès ou clé de sécurité',
  aw_recovery_code: 'Code de récupération',
  rc_heading: 'Saisissez un code de récupération',
  rc_hint: 'Chacun des codes de récupération que vous avez conservés fonctionne une fois.',
  rc_code: 'Code de récupération',
  rcs_heading: 'Conservez vos codes de récupération',
  rcs_hint:
    'Si vous perdez votre téléphone ou votre application d’authentification, chacun de ces codes vous connecte une ' +
    'fois. Conservez-les en lieu sûr : ils ne seront plus affichés.',
  copy_codes: 'Copier les codes',
  download: 'Télécharger',
  rcs_kept: 'Je les ai conservés',
  forgot: 'Mot de passe oublié ?',
  pw_changed: 'Votre mot de passe a été changé. Connectez-vous avec le nouveau.',
  reset_heading: 'Réinitialisez votre mot de passe',
  reset_sent: 'Si ce compte a une adresse e-mail vérifiée, nous y avons envoyé un code.',
  new_pw_heading: 'Choisissez un nouveau mot de passe',
  new_pw_hint:
    'Au moins {n, plural, one {# caractère} other {# caractères}}. ' +
    'Évitez les mots de passe courants et vos propres noms.',
  new_password: 'Nouveau mot de passe',
  save_password: 'Enregistrer le mot de passe',
  bind_password:
    'Avant que votre mot de passe soit changé, confirmez que c’est vous avec une méthode de connexion ' +
    'que vous avez déjà.',
  tb_heading: 'Faire confiance à ce navigateur ?',
  tb_hint:
    'Les connexions depuis ce navigateur sauteront la deuxième étape pendant {n, plural, one {# jour} ' +
    'other {# jours}}. Ne le faites que sur un appareil que vous êtes seul à utiliser.',
  tb_trust: 'Faire confiance à ce navigateur',
  // errors whose English is the server's own (it says why, or how long to wait): here in this language
  sms_not_sent: 'Le SMS n’a pas pu être envoyé à ce numéro. Réessayez plus tard ou connectez-vous autrement.',
  email_not_sent: 'L’e-mail n’a pas pu être envoyé. Réessayez dans un instant.',
  rate_limited: 'Trop de tentatives. Patientez un moment, puis réessayez.',
  weak_password: 'Ce mot de passe est trop facile à deviner. Choisissez-en un autre.',
  phonecheck_unavailable: 'La vérification du téléphone n’est pas disponible pour ce numéro pour le moment.',
  service_unavailable: 'La connexion est momentanément indisponible. Réessayez dans un instant.',
} satisfies Translation;

export default fr;

globalThis.customElements?.whenDefined('gluu-login').then((c) => (c as typeof GluuLogin).addMessages('fr', fr));
