// French texts of the provider's own pages (see en.ts for the ids and placeholders).
import type { PageTexts } from './en.js';

export const fr: PageTexts = {
  sign_in_title: 'Se connecter à {client}',
  needs_javascript: 'La connexion nécessite JavaScript. Activez-le et rechargez cette page.',
  start_again: 'Recommencer',
  expired_title: 'Cette connexion a expiré',
  expired_text:
    'Elle a été commencée il y a trop longtemps ou dans un autre navigateur. Revenez à l’application et ' +
    'reconnectez-vous.',
  too_many_title: 'Trop de connexions',
  too_many_text: 'Trop de connexions ont été commencées depuis votre réseau. Réessayez dans {seconds} secondes.',
  cannot_start_title: 'Cette connexion ne peut pas commencer',
  unavailable_title: 'La connexion est indisponible pour un moment',
  unavailable_text: 'Rechargez cette page dans quelques secondes.',
  link_used_title: 'Ce lien de connexion n’est plus valide',
  link_used_text: 'Il a déjà été utilisé ou a expiré.',

  sign_out_title: 'Se déconnecter',
  sign_out_heading: 'Se déconnecter ?',
  sign_out_text: 'Vous vous déconnectez de {host}.',
  sign_out_button: 'Se déconnecter',
  stay_signed_in: 'Rester connecté',
  signed_out_title: 'Déconnecté',
  signed_out_text: 'Vous êtes déconnecté. Vous pouvez fermer cette fenêtre.',
  error_title: 'Problème de connexion',
  error_heading: 'Cette connexion pose un problème',
  error_text: 'Revenez à l’application et reconnectez-vous.',

  consent_title: 'Approuver une connexion à {client} sur un autre appareil',
  consent_intro:
    'Quelqu’un se connecte à {client} avec votre compte sur un autre appareil, et ce téléphone doit ' +
    'l’approuver. N’approuvez que si c’est vous.',
  consent_device: 'Appareil',
  consent_started: 'Commencée',
  consent_network: 'Réseau',
  consent_network_unknown: 'inconnu',
  started_just_now: 'à l’instant',
  started_over_an_hour: 'il y a plus d’une heure',
  consent_choose: 'Pour approuver, choisissez le nombre affiché sur l’autre appareil',
  consent_phone:
    'Votre réseau mobile confirme ensuite que ce téléphone a le numéro {phone} : gardez le Wi-Fi coupé pour ' +
    'que la vérification passe par les données mobiles. Rien d’autre n’est partagé.',
  consent_deny: 'Refuser',

  phone_check: 'Vérification du téléphone',
  pc_verified_title: 'Vérifié',
  pc_verified_text: 'Vérifié : vous pouvez fermer cette page et revenir à l’autre écran.',
  pc_denied_title: 'Refusé',
  pc_denied_text:
    'Vous avez refusé la demande. La connexion sur l’autre écran est arrêtée. Vous pouvez fermer cette page.',
  pc_expired_title: 'Expiré',
  pc_expired_text: 'Cette vérification a expiré. Demandez un nouveau code sur l’autre écran.',
  pc_not_verified: 'Non vérifié',
  pc_try_again: 'Vous pouvez fermer cette page et réessayer depuis l’autre écran.',
  pc_link_expired_title: 'Lien expiré',
  pc_link_expired_heading: 'Ce lien a expiré',
  pc_link_expired_text: 'Demandez un nouveau code sur l’autre écran.',
  pc_not_waiting_title: 'Pas en attente',
  pc_not_waiting_heading: 'Cette vérification ne vous attend pas',
  pc_not_waiting_text: 'Elle a déjà reçu une réponse ou a expiré.',
  pc_too_large_title: 'Trop volumineuse',
  pc_too_large_heading: 'Cette requête est trop volumineuse',
  pc_not_accepted_title: 'Non acceptée',
  pc_not_accepted_heading: 'Cette réponse n’a pas été acceptée',
  pc_not_from_page: 'Elle ne venait pas de la page affichée sur ce téléphone, donc rien n’a été approuvé ni refusé.',
  pc_scan_again: 'Pour répondre, scannez à nouveau le code QR de l’autre écran avec ce téléphone.',
  pc_choose_title: 'Choisissez un nombre',
  pc_choose_text: 'Revenez en arrière et choisissez le nombre affiché sur l’autre écran.',
  pc_wrong_title: 'Mauvais nombre',
  pc_wrong_heading: 'Ce n’était pas le bon nombre',
  pc_wrong_text: 'Le nombre choisi n’est pas celui affiché sur l’autre écran, donc cette connexion a été arrêtée.',
  pc_wrong_retry: 'Si c’était vous, recommencez sur l’autre écran et choisissez le nombre qu’il affiche.',
  pc_unknown_title: 'Vérification inconnue',
  pc_unknown_heading: 'Cette vérification n’appartient pas à cette connexion',
  pc_unknown_text: 'Recommencez depuis l’autre écran.',
};
