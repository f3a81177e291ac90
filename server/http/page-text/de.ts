// German texts of the provider's own pages (see en.ts for the ids and placeholders).
import type { PageTexts } from './en.js';

export const de: PageTexts = {
  sign_in_title: 'Bei {client} anmelden',
  needs_javascript: 'Für die Anmeldung wird JavaScript benötigt. Schalten Sie es ein und laden Sie die Seite neu.',
  account_title: 'Ihr Konto',
  account_needs_javascript: 'Die Kontoseite benötigt JavaScript. Schalten Sie es ein und laden Sie die Seite neu.',
  start_again: 'Neu beginnen',
  expired_title: 'Diese Anmeldung ist abgelaufen',
  expired_text:
    'Sie wurde vor zu langer Zeit oder in einem anderen Browser begonnen. Kehren Sie zur Anwendung zurück und ' +
    'melden Sie sich erneut an.',
  too_many_title: 'Zu viele Anmeldungen',
  too_many_text:
    'Aus Ihrem Netzwerk wurden zu viele Anmeldungen begonnen. Versuchen Sie es in {seconds} Sekunden erneut.',
  cannot_start_title: 'Diese Anmeldung kann nicht beginnen',
  unavailable_title: 'Die Anmeldung ist kurz nicht verfügbar',
  unavailable_text: 'Laden Sie diese Seite in ein paar Sekunden neu.',
  link_used_title: 'Dieser Anmeldelink ist nicht mehr gültig',
  link_used_text: 'Er wurde bereits verwendet oder ist abgelaufen.',

  sign_out_title: 'Abmelden',
  sign_out_heading: 'Abmelden?',
  sign_out_text: 'Sie melden sich von {host} ab.',
  sign_out_button: 'Abmelden',
  stay_signed_in: 'Angemeldet bleiben',
  signed_out_title: 'Abgemeldet',
  signed_out_text: 'Sie haben sich abgemeldet. Sie können dieses Fenster schließen.',
  error_title: 'Problem bei der Anmeldung',
  error_heading: 'Mit dieser Anmeldung stimmt etwas nicht',
  error_text: 'Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.',

  consent_title: 'Eine Anmeldung bei {client} auf einem anderen Gerät bestätigen',
  consent_intro:
    'Jemand meldet sich mit Ihrem Konto auf einem anderen Gerät bei {client} an, und dieses Telefon soll das ' +
    'bestätigen. Bestätigen Sie nur, wenn Sie es selbst sind.',
  consent_device: 'Gerät',
  consent_started: 'Begonnen',
  consent_network: 'Netzwerk',
  consent_network_unknown: 'unbekannt',
  started_just_now: 'gerade eben',
  started_over_an_hour: 'vor über einer Stunde',
  consent_choose: 'Wählen Sie zum Bestätigen die Zahl, die das andere Gerät anzeigt',
  consent_phone:
    'Ihr Mobilfunknetz bestätigt dann, dass dieses Telefon die Nummer {phone} hat: Lassen Sie WLAN aus, damit ' +
    'die Prüfung über mobile Daten läuft. Sonst wird nichts weitergegeben.',
  consent_deny: 'Ablehnen',

  phone_check: 'Telefonprüfung',
  pc_verified_title: 'Bestätigt',
  pc_verified_text: 'Bestätigt – Sie können diese Seite schließen und zum anderen Bildschirm zurückkehren.',
  pc_denied_title: 'Abgelehnt',
  pc_denied_text:
    'Sie haben die Anfrage abgelehnt. Die Anmeldung auf dem anderen Bildschirm wurde beendet. Sie können diese ' +
    'Seite schließen.',
  pc_expired_title: 'Abgelaufen',
  pc_expired_text: 'Diese Prüfung ist abgelaufen. Fordern Sie auf dem anderen Bildschirm einen neuen Code an.',
  pc_not_verified: 'Nicht bestätigt',
  pc_try_again: 'Sie können diese Seite schließen und es auf dem anderen Bildschirm erneut versuchen.',
  pc_link_expired_title: 'Link abgelaufen',
  pc_link_expired_heading: 'Dieser Link ist abgelaufen',
  pc_link_expired_text: 'Fordern Sie auf dem anderen Bildschirm einen neuen Code an.',
  pc_not_waiting_title: 'Nicht erwartet',
  pc_not_waiting_heading: 'Diese Prüfung wartet nicht auf Sie',
  pc_not_waiting_text: 'Sie wurde bereits beantwortet oder ist abgelaufen.',
  pc_too_large_title: 'Zu groß',
  pc_too_large_heading: 'Diese Anfrage ist zu groß',
  pc_not_accepted_title: 'Nicht angenommen',
  pc_not_accepted_heading: 'Diese Antwort wurde nicht angenommen',
  pc_not_from_page:
    'Sie kam nicht von der Seite, die diesem Telefon gezeigt wurde, daher wurde nichts bestätigt oder abgelehnt.',
  pc_scan_again: 'Scannen Sie zum Antworten den QR-Code auf dem anderen Bildschirm erneut mit diesem Telefon.',
  pc_choose_title: 'Zahl wählen',
  pc_choose_text: 'Gehen Sie zurück und wählen Sie die Zahl, die der andere Bildschirm anzeigt.',
  pc_wrong_title: 'Falsche Zahl',
  pc_wrong_heading: 'Das war nicht die Zahl',
  pc_wrong_text:
    'Die gewählte Zahl ist nicht die, die der andere Bildschirm anzeigt, daher wurde diese Anmeldung beendet.',
  pc_wrong_retry:
    'Wenn Sie es waren, beginnen Sie auf dem anderen Bildschirm neu und wählen Sie die Zahl, die er anzeigt.',
  pc_unknown_title: 'Unbekannte Prüfung',
  pc_unknown_heading: 'Diese Prüfung gehört nicht zu dieser Anmeldung',
  pc_unknown_text: 'Beginnen Sie auf dem anderen Bildschirm neu.',
};
