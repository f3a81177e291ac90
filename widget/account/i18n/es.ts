// Spanish texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/es.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="es">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/es.js). Built to dist/widget/account/i18n/es.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Spanish, by id and error code (also the default export). */
export const es: AccountMessages = {
  loading: 'Cargando…',
  signed_in_as: 'Sesión iniciada como {user}',
  network: 'No se puede conectar con el servicio de la cuenta.',
  try_again: 'Reintentar',
  factors: 'Métodos de inicio de sesión',
  no_factors: 'Todavía no tienes un segundo método de inicio de sesión.',
  k_passkey: 'Llave de acceso',
  k_otp: 'App de autenticación',
  k_phone: 'Teléfono',
  k_email: 'Correo electrónico',
  added: 'Añadido el {date}',
  last_used: 'Último uso: {when}',
  never_used: 'Nunca usado',
  rename: 'Cambiar nombre',
  rename_label: 'Nuevo nombre para {name}',
  save: 'Guardar',
  cancel: 'Cancelar',
  remove: 'Quitar',
  remove_confirm: '¿Quitar «{name}»? Ya no podrás iniciar sesión con él.',
  removed: 'Se quitó «{name}».',
  renamed: 'Nuevo nombre: «{name}».',
  add_passkey: 'Añadir una llave de acceso',
  add_otp: 'Añadir una app de autenticación',
  add_phone: 'Añadir un teléfono',
  add_email: 'Añadir un correo electrónico',
  add_title: 'Añadir un método de inicio de sesión',
  factor_added: 'Se añadió el nuevo método de inicio de sesión.',
  codes: 'Códigos de recuperación',
  codes_none: 'No te quedan códigos de recuperación.',
  codes_left: '{n, plural, one {Te queda # código.} other {Te quedan # códigos.}}',
  codes_hint:
    'Cada código te permite iniciar sesión una vez si pierdes tus otros métodos. Los códigos nuevos anulan los ' +
    'anteriores.',
  new_codes: 'Obtener códigos nuevos',
  codes_shown:
    'Tus nuevos códigos de recuperación. Guárdalos en un lugar seguro: no se volverán a mostrar y tus códigos ' +
    'anteriores ya no funcionan.',
  copy_codes: 'Copiar códigos',
  copied: 'Copiado',
  codes_kept: 'Ya los guardé',
  password: 'Contraseña',
  new_password: 'Nueva contraseña',
  password_hint: 'Al menos {n, plural, one {# carácter} other {# caracteres}}. Evita contraseñas comunes y tu nombre.',
  change_password: 'Cambiar contraseña',
  password_changed: 'Se cambió tu contraseña.',
  sessions: 'Dónde has iniciado sesión',
  this_browser: 'Este navegador',
  signed_in: 'Inicio de sesión: {when}',
  network_at: 'Red {network}',
  apps: 'Apps: {apps}',
  sign_out: 'Cerrar sesión',
  sign_out_others: 'Cerrar sesión en todos los demás',
  signed_out: 'Sesión cerrada.',
  trusted: 'Navegadores de confianza',
  no_trusted: 'Ningún navegador omite el segundo paso de tu inicio de sesión.',
  trusted_at: 'De confianza desde el {date} · hasta el {until}',
  forget: 'Dejar de confiar',
  forgotten: 'Este navegador volverá a pedir tu segundo paso.',
  confirm: 'Confirma que eres tú',
  close: 'Cerrar',
  cancelled: 'No se cambió nada.',
  invalid_token: 'Tu sesión en esta página terminó. Vuelve a iniciar sesión.',
  insufficient_user_authentication: 'Confirma que eres tú antes de hacer cambios.',
  last_factor: 'Este es tu último segundo método de inicio de sesión y tu cuenta necesita uno. Añade otro primero.',
  server_error: 'Algo salió mal. Inténtalo de nuevo.',
} satisfies AccountTranslation;

export default es;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('es', es));
