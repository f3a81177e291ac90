// Spanish texts of <gluu-login>. `import 'gluu-login/widget/i18n/es.js'` registers them
// (GluuLogin.addMessages), and `<gluu-login lang="es">` then uses them. Built to dist/widget/i18n/es.js,
// beside the widget: at run time this module imports nothing (types only), and registers its texts once
// the element is defined, whichever of the two loads first.
import type { GluuLogin } from '../gluu-login.js';
import type { Messages, Translation } from '../messages.js';

/** Every text of the widget in Spanish, by id and error code (also the default export). */
export const es: Messages = {
  sign_in: 'Iniciar sesión',
  sign_in_to: 'Iniciar sesión en {client}',
  username: 'Nombre de usuario',
  continue: 'Continuar',
  password_heading: 'Introduce tu contraseña',
  password: 'Contraseña',
  sign_in_button: 'Iniciar sesión',
  not_you: '¿No eres tú?',
  create_account: 'Crear una cuenta',
  done: 'Sesión iniciada. Redirigiendo…',
  failed: 'No se pudo iniciar sesión',
  start_again: 'Empezar de nuevo',
  try_again: 'Reintentar',
  loading: 'Cargando…',
  network: 'No se puede conectar con el servicio de inicio de sesión.',
  unsupported: 'Esta página no admite este paso del inicio de sesión.',
  retry_in: 'Vuelve a intentarlo en {n, plural, one {# segundo} other {# segundos}}.',
  otp_enroll_heading: 'Configura tu app de autenticación',
  otp_enroll_hint:
    'Escanea este código QR con una app de autenticación (Google Authenticator, Microsoft Authenticator, ' +
    '1Password…) e introduce el código que muestre.',
  qr_alt: 'Código QR para {issuer} ({account})',
  open_app: 'Abrir en la app de autenticación',
  cant_scan: '¿No puedes escanearlo?',
  otp_account: 'Cuenta: {account} · Emisor: {issuer}',
  otp_digits: '{digits, plural, one {# dígito} other {# dígitos}}',
  otp_period: '{period, plural, one {# segundo} other {# segundos}}',
  copy_key: 'Copiar clave',
  copied: 'Copiada',
  qr_expires: 'Este código caduca en {time}',
  qr_expired: 'El código QR ha caducado.',
  renew: 'Mostrar un código nuevo',
  code_app: 'Código de la app',
  otp_heading: 'Introduce el código de tu app de autenticación',
  code: 'Código',
  verify: 'Verificar',
  sms_heading: 'Revisa tu teléfono',
  sms_sent_to: 'Hemos enviado un código por SMS al {phone}.',
  code_valid: 'El código es válido durante {time}',
  sms_expired: 'El código ha caducado. Pide uno nuevo.',
  resend: 'Reenviar código',
  resend_in: 'Reenviar código en {n} s',
  resent: 'Se ha enviado un código nuevo.',
  change_phone: 'Usar otro número',
  phone_enroll_heading: 'Añade tu número de teléfono',
  phone_enroll_hint:
    'Te enviaremos un código por SMS a este número para confirmar que es tuyo. Usa el formato internacional, p. ' +
    'ej., +34\u00a0612\u00a034\u00a056\u00a078.',
  countries: 'Países admitidos: {list}.',
  phone: 'Número de teléfono',
  send_code: 'Enviar código',
  email_heading: 'Revisa tu correo',
  email_sent_to: 'Enviamos un código por correo electrónico a {email}.',
  change_email: 'Usar otra dirección',
  email_enroll_heading: 'Añade tu dirección de correo electrónico',
  email_enroll_hint: 'Te enviaremos un código a esta dirección para confirmar que es tuya.',
  email: 'Correo electrónico',
  pc_heading: 'Confirma con tu teléfono',
  pc_scan: 'Escanea este código QR con la cámara de tu teléfono. Tu teléfono debe tener el número {phone}.',
  pc_number: 'Tu teléfono debe tener el número {phone}.',
  pc_qr_alt: 'Código QR para abrir en tu teléfono',
  pc_open: 'Continuar en este teléfono',
  pc_mobile: 'Los datos móviles de tu teléfono confirmarán tu número. Después, vuelve a esta pestaña.',
  pc_wifi: 'Desactiva el wifi de tu teléfono para que la comprobación use los datos móviles.',
  pc_waiting: 'Esperando a tu teléfono…',
  pc_pick: 'En tu teléfono, elige el número {n}.',
  pc_verifying: 'Comprobando con tu red móvil…',
  pc_verified: 'Verificado. Iniciando sesión…',
  pc_failed: 'La comprobación no ha funcionado.',
  pc_denied: 'La solicitud se rechazó en tu teléfono.',
  pc_expired: 'El código QR ha caducado.',
  pc_expires: 'El código caduca en {time}',
  pc_sms: 'Usar un SMS',
  pc_other: 'Usar otra forma de iniciar sesión',
  pk: 'Iniciar sesión con una llave de acceso',
  pk_cancel: 'Se canceló el inicio de sesión con llave de acceso.',
  pk_bad: 'Esta llave de acceso no se puede usar aquí.',
  wa_auth: 'Usa tu llave de acceso o de seguridad',
  wa_auth_hint: 'Usa la llave de acceso de este dispositivo, tu teléfono o una llave de seguridad para continuar.',
  wa_press: 'Pulsa Continuar para usar tu llave de acceso.',
  wa_reg: 'Añadir una llave de acceso',
  wa_reg_hint:
    'Crea una llave de acceso para iniciar sesión con tu huella, tu cara, el bloqueo de pantalla o una llave de ' +
    'seguridad.',
  wa_create: 'Crear una llave de acceso',
  not_now: 'Ahora no',
  other_user: 'Usar otra cuenta',
  wa_cancel: 'La solicitud se canceló o caducó. Vuelve a intentarlo.',
  wa_none: 'Este navegador no puede usar llaves de acceso.',
  invalid_credentials: 'Nombre de usuario o contraseña incorrectos.',
  flow_expired: 'Este inicio de sesión ha caducado. Empieza de nuevo.',
  flow_not_found: 'Este inicio de sesión ya no es válido. Empieza de nuevo.',
  server_error: 'Algo ha fallado. Vuelve a intentarlo.',
  invalid_code: 'El código no es correcto. Vuelve a intentarlo.',
  code_used: 'Este código ya se ha usado. Espera al siguiente.',
  code_expired: 'Este código ha caducado. Pide uno nuevo.',
  code_exhausted: 'Demasiados intentos con este código. Pide uno nuevo.',
  invalid_phone:
    'Eso no parece un número de teléfono. Usa el formato internacional, p. ej., +34\u00a0612\u00a034\u00a056\u00a078.',
  phone_not_allowed: 'No se pueden enviar SMS a números de ese país.',
  no_phone: 'Tu cuenta no tiene número de teléfono. Contacta con tu administrador.',
  bind_otp:
    'Antes de añadir una app de autenticación a tu cuenta, confirma que eres tú con un método de inicio de sesión ' +
    'que ya tengas.',
  bind_passkey:
    'Antes de añadir una llave de acceso a tu cuenta, confirma que eres tú con un método de inicio de sesión que ' +
    'ya tengas.',
  bind_phone:
    'Antes de añadir un número de teléfono a tu cuenta, confirma que eres tú con un método de inicio de sesión que ' +
    'ya tengas.',
  bind_email:
    'Antes de añadir una dirección de correo a tu cuenta, confirma que eres tú con un método de inicio de ' +
    'sesión que ya tengas.',
  invalid_email: 'Eso no parece una dirección de correo electrónico.',
  unknown_credential: 'Esta llave de acceso no está registrada para esta cuenta.',
  no_passkey: 'No hay ninguna llave de acceso de esta cuenta en este dispositivo.',
  webauthn_failed: 'No ha funcionado. Vuelve a intentarlo.',
  credential_exists: 'Este autenticador ya está registrado.',
  challenge_expired: 'La solicitud de la llave de acceso ha caducado. Vuelve a intentarlo.',
  locked: 'Demasiados intentos fallidos. Espera un momento y vuelve a intentarlo.',
  admin_unlock_required:
    'Demasiados intentos fallidos: el inicio de sesión está bloqueado. Contacte con su administrador.',
  access_denied: 'Se ha rechazado este inicio de sesión.',
  another_way: 'Usar otro método',
  aw_otp: 'App de autenticación',
  aw_sms: 'Mensaje de texto',
  aw_email: 'Código por correo',
  aw_phonecheck: 'Verificación del teléfono',
  aw_passkey: 'Llave de acceso o de seguridad',
  aw_recovery_code: 'Código de recuperación',
  rc_heading: 'Introduzca un código de recuperación',
  rc_hint: 'Cada uno de los códigos de recuperación que guardó funciona una vez.',
  rc_code: 'Código de recuperación',
  rcs_heading: 'Guarde sus códigos de recuperación',
  rcs_hint:
    'Si pierde su teléfono o su app de autenticación, cada uno de estos códigos le permite iniciar sesión una vez. ' +
    'Guárdelos en un lugar seguro: no se volverán a mostrar.',
  copy_codes: 'Copiar códigos',
  download: 'Descargar',
  rcs_kept: 'Ya los guardé',
  forgot: '¿Olvidó su contraseña?',
  pw_changed: 'Se cambió su contraseña. Inicie sesión con la nueva.',
  reset_heading: 'Restablezca su contraseña',
  reset_sent: 'Si esta cuenta tiene un correo electrónico verificado, le enviamos un código.',
  new_pw_heading: 'Elija una contraseña nueva',
  new_pw_hint:
    'Al menos {n, plural, one {# carácter} other {# caracteres}}. ' +
    'Evita las contraseñas comunes y tus propios nombres.',
  new_password: 'Contraseña nueva',
  save_password: 'Guardar contraseña',
  bind_password:
    'Antes de cambiar su contraseña, confirme que es usted con un método de inicio de sesión que ya tenga.',
  tb_heading: '¿Confiar en este navegador?',
  tb_hint:
    'Los inicios de sesión en este navegador omitirán el segundo paso durante {n, plural, one {# día} ' +
    'other {# días}}. Elígelo solo en un dispositivo que uses solo tú.',
  tb_trust: 'Confiar en este navegador',
  // errors whose English is the server's own (it says why, or how long to wait): here in this language
  sms_not_sent: 'No se pudo enviar el SMS a este número. Vuelve a intentarlo más tarde o inicia sesión de otra forma.',
  email_not_sent: 'No se pudo enviar el correo. Vuelve a intentarlo en un momento.',
  rate_limited: 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
  weak_password: 'Esta contraseña es demasiado fácil de adivinar. Elige otra.',
  phonecheck_unavailable: 'La verificación del teléfono no está disponible para este número ahora.',
  service_unavailable: 'El inicio de sesión no está disponible por un momento. Vuelve a intentarlo en breve.',
} satisfies Translation;

export default es;

globalThis.customElements?.whenDefined('gluu-login').then((c) => (c as typeof GluuLogin).addMessages('es', es));
