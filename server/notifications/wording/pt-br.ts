// The notices in Brazilian Portuguese (also for "pt" and other Portuguese tags). The SMS names a factor
// after a colon ("novo método de login ...: aplicativo autenticador"), so no participle has to agree with it.
import type { Wording } from './index.js';

export const ptBR: Wording = {
  lang: 'pt-BR',
  hello: (name) => `Olá ${name},`,
  kinds: {
    password_changed: {
      subject: 'Sua senha foi alterada',
      lead: 'A senha da sua conta foi alterada:',
      threat: 'Se não foi você, outra pessoa consegue entrar como você.',
      sms: 'sua senha foi alterada em {when}.',
    },
    factor_added: {
      subject: 'Um novo método de login foi adicionado à sua conta',
      lead: 'Um novo método de login foi adicionado à sua conta:',
      threat: 'Se não foi você, alguém que sabe a sua senha adicionou uma forma de entrar como você.',
      sms: 'novo método de login na sua conta em {when}: {what}.',
    },
    factor_removed: {
      subject: 'Um método de login foi removido da sua conta',
      lead: 'Um método de login foi removido da sua conta:',
      threat: 'Se não foi você, alguém que consegue entrar como você removeu uma das suas formas de entrar.',
      sms: 'método de login removido da sua conta em {when}: {what}.',
    },
    phone_changed: {
      subject: 'O número de telefone da sua conta foi alterado',
      lead: 'O número de telefone para o qual sua conta envia códigos por SMS foi alterado:',
      threat: 'Se não foi você, alguém que consegue entrar como você pode estar tentando receber seus códigos.',
      sms: 'o número de telefone da sua conta foi alterado em {when}.',
    },
    email_changed: {
      subject: 'O endereço de e-mail da sua conta foi alterado',
      lead: 'O endereço de e-mail da sua conta foi alterado:',
      threat: 'Se não foi você, alguém que consegue entrar como você pode estar tentando impedir que você saiba disso.',
      sms: 'o endereço de e-mail da sua conta foi alterado em {when}.',
    },
    recovery_code_used: {
      subject: 'Um código de recuperação foi usado para entrar na sua conta',
      lead: 'Um dos seus códigos de recuperação foi usado para entrar na sua conta:',
      threat: 'Se não foi você, alguém tem a sua senha e um dos seus códigos de recuperação.',
      sms: 'um código de recuperação foi usado para entrar na sua conta em {when}.',
    },
    recovery_codes_regenerated: {
      subject: 'Novos códigos de recuperação foram gerados para sua conta',
      lead: 'Novos códigos de recuperação foram gerados para sua conta; os que você tinha antes não funcionam mais:',
      threat: 'Se não foi você, alguém que consegue entrar como você agora tem os seus códigos de recuperação.',
    },
    new_sign_in: {
      subject: 'Novo login na sua conta',
      lead: 'Houve um login na sua conta a partir de um navegador que nunca tinha sido usado com ela:',
      threat: 'Se não foi você, alguém sabe a sua senha.',
    },
  },
  rows: {
    factor: 'Método de login',
    phone: 'Telefone',
    previousPhone: 'Número anterior',
    email: 'Endereço',
    previousEmail: 'Endereço anterior',
    codesLeft: 'Códigos restantes',
    codes: 'Novos códigos',
    when: 'Quando',
    by: 'Alterado por',
    browser: 'Navegador',
    ip: 'Endereço IP',
    application: 'Aplicativo',
  },
  factors: {
    otp: { mail: 'aplicativo autenticador', sms: 'aplicativo autenticador' },
    passkey: { mail: 'chave de acesso ou chave de segurança', sms: 'chave de acesso' },
    phone: { mail: 'número de telefone para códigos por SMS', sms: 'número de telefone' },
    email: { mail: 'endereço de e-mail para códigos', sms: 'endereço de e-mail' },
    recovery_code: { mail: 'código de recuperação', sms: 'código de recuperação' },
    other: { mail: 'método de login', sms: 'método de login' },
  },
  browser: ({ browser, os }) =>
    browser && os ? `${browser} no ${os}` : os ? `um navegador no ${os}` : (browser ?? 'um navegador desconhecido'),
  unknown: 'desconhecido',
  administrator: 'um administrador',
  none: 'nenhum',
  firstFactor: 'É o primeiro segundo fator da sua conta: a partir de agora, o login pede esse fator além da sua senha.',
  ifYou: 'Se foi você, não é preciso fazer nada.',
  adminThreat: 'Se você não pediu essa alteração, alguém pode estar tentando tomar a sua conta.',
  nextSteps: ({ kind, contact, resetUrl }) => {
    const who = contact ?? 'o seu administrador';
    const change = resetUrl ? `Altere sua senha agora em ${resetUrl}` : 'Altere sua senha agora';
    switch (kind) {
      case 'password_changed':
        return resetUrl
          ? `Defina uma nova senha agora em ${resetUrl} e fale com ${who}.`
          : `Fale agora com ${who}, que pode definir uma nova senha para você.`;
      case 'factor_added':
        return `${change} e fale com ${who}, que pode remover o método de login.`;
      default:
        return `${change} e fale com ${who}.`;
    }
  },
  footer: (issuer) =>
    `Enviado automaticamente pelo serviço de login em ${issuer}. Ele nunca pede que você envie sua senha ou um código.`,
  smsNotYou: 'Não foi você? Altere sua senha e fale com o suporte.',
};
