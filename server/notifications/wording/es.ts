// The notices in Spanish (for "es" and every regional Spanish tag), addressing the user as "tú" like the
// SMS codes do.
import type { Wording } from './index.js';

export const es: Wording = {
  lang: 'es',
  hello: (name) => `Hola, ${name}:`,
  kinds: {
    password_changed: {
      subject: 'Se cambió tu contraseña',
      lead: 'Se cambió la contraseña de tu cuenta:',
      threat: 'Si no fuiste tú, otra persona puede iniciar sesión como tú.',
      sms: 'se cambió tu contraseña el {when}.',
    },
    factor_added: {
      subject: 'Se añadió un nuevo método de inicio de sesión a tu cuenta',
      lead: 'Se añadió un nuevo método de inicio de sesión a tu cuenta:',
      threat: 'Si no fuiste tú, alguien que conoce tu contraseña añadió una forma de iniciar sesión como tú.',
      sms: 'se añadió {what} a tu cuenta el {when}.',
    },
    factor_removed: {
      subject: 'Se quitó un método de inicio de sesión de tu cuenta',
      lead: 'Se quitó un método de inicio de sesión de tu cuenta:',
      threat: 'Si no fuiste tú, alguien que puede iniciar sesión como tú quitó una de tus formas de iniciar sesión.',
      sms: 'se quitó {what} de tu cuenta el {when}.',
    },
    phone_changed: {
      subject: 'Se cambió el número de teléfono de tu cuenta',
      lead: 'Se cambió el número de teléfono al que tu cuenta envía los códigos por SMS:',
      threat: 'Si no fuiste tú, alguien que puede iniciar sesión como tú podría estar intentando recibir tus códigos.',
      sms: 'se cambió el número de teléfono de tu cuenta el {when}.',
    },
    email_changed: {
      subject: 'Se cambió la dirección de correo de tu cuenta',
      lead: 'Se cambió la dirección de correo de tu cuenta:',
      threat: 'Si no fuiste tú, alguien que puede iniciar sesión como tú podría estar intentando que no te enteres.',
      sms: 'se cambió la dirección de correo de tu cuenta el {when}.',
    },
    recovery_code_used: {
      subject: 'Se usó un código de recuperación para iniciar sesión en tu cuenta',
      lead: 'Se usó uno de tus códigos de recuperación para iniciar sesión en tu cuenta:',
      threat: 'Si no fuiste tú, alguien tiene tu contraseña y uno de tus códigos de recuperación.',
      sms: 'se usó un código de recuperación para iniciar sesión en tu cuenta el {when}.',
    },
    recovery_codes_regenerated: {
      subject: 'Se generaron nuevos códigos de recuperación para tu cuenta',
      lead: 'Se generaron nuevos códigos de recuperación para tu cuenta; los que tenías antes ya no funcionan:',
      threat: 'Si no fuiste tú, alguien que puede iniciar sesión como tú tiene ahora tus códigos de recuperación.',
    },
    new_sign_in: {
      subject: 'Nuevo inicio de sesión en tu cuenta',
      lead: 'Se inició sesión en tu cuenta desde un navegador que nunca se había usado con ella:',
      threat: 'Si no fuiste tú, alguien conoce tu contraseña.',
    },
  },
  rows: {
    factor: 'Método de inicio de sesión',
    phone: 'Teléfono',
    previousPhone: 'Número anterior',
    email: 'Dirección',
    previousEmail: 'Dirección anterior',
    codesLeft: 'Códigos restantes',
    codes: 'Códigos nuevos',
    when: 'Cuándo',
    by: 'Cambiado por',
    browser: 'Navegador',
    ip: 'Dirección IP',
    application: 'Aplicación',
  },
  factors: {
    otp: { mail: 'app de autenticación', sms: 'una app de autenticación' },
    passkey: { mail: 'llave de acceso o llave de seguridad', sms: 'una llave de acceso' },
    phone: { mail: 'número de teléfono para códigos por SMS', sms: 'un número de teléfono' },
    email: { mail: 'dirección de correo para códigos', sms: 'una dirección de correo' },
    recovery_code: { mail: 'código de recuperación', sms: 'un código de recuperación' },
    other: { mail: 'método de inicio de sesión', sms: 'un método de inicio de sesión' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} en ${os}` : os ? `un navegador en ${os}` : (browser ?? 'un navegador desconocido'),
  unknown: 'desconocida',
  administrator: 'un administrador',
  none: 'ninguno',
  firstFactor:
    'Es el primer segundo factor de tu cuenta: a partir de ahora, al iniciar sesión se pedirá además de tu contraseña.',
  ifYou: 'Si fuiste tú, no tienes que hacer nada.',
  adminThreat: 'Si no pediste este cambio, alguien podría estar intentando apoderarse de tu cuenta.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'tu administrador';
    const change = resetUrl ? `Cambia tu contraseña ahora en ${resetUrl}` : 'Cambia tu contraseña ahora';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Establece una nueva contraseña ahora en ${resetUrl} y contacta con ${who}.`
          : `Contacta ahora con ${who}, que puede establecer una nueva contraseña para ti.`;
      case 'factor_added':
        return `${change} y contacta con ${who}, que puede quitar el método de inicio de sesión.`;
      default:
        return `${change} y contacta con ${who}.`;
    }
  },
  footer: (issuer) =>
    `Enviado automáticamente por el servicio de inicio de sesión de ${issuer}. ` +
    'Nunca te pide que envíes tu contraseña ni un código.',
  smsNotYou: '¿No fuiste tú? Cambia tu contraseña y contacta con soporte.',
};
