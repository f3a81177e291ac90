// Brazilian Portuguese texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/pt-BR.js'` registers
// them (GluuAccount.addMessages), and `<gluu-account lang="pt-BR">` then uses them (its dialog's <gluu-login>
// uses gluu-login/widget/i18n/pt-BR.js). Built to dist/widget/account/i18n/pt-BR.js: at run time this module
// imports nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Brazilian Portuguese, by id and error code (also the default export). */
export const ptBR: AccountMessages = {
  loading: 'Carregando…',
  signed_in_as: 'Conectado como {user}',
  network: 'Não foi possível acessar o serviço da conta.',
  try_again: 'Tentar novamente',
  factors: 'Métodos de login',
  no_factors: 'Você ainda não tem um segundo método de login.',
  k_passkey: 'Chave de acesso',
  k_otp: 'App autenticador',
  k_phone: 'Telefone',
  k_email: 'Endereço de e-mail',
  added: 'Adicionado em {date}',
  last_used: 'Último uso: {when}',
  never_used: 'Nunca usado',
  rename: 'Renomear',
  rename_label: 'Novo nome para {name}',
  save: 'Salvar',
  cancel: 'Cancelar',
  remove: 'Remover',
  remove_confirm: 'Remover “{name}”? Você não poderá mais entrar com ele.',
  removed: '“{name}” foi removido.',
  renamed: 'Renomeado para “{name}”.',
  add_passkey: 'Adicionar uma chave de acesso',
  add_otp: 'Adicionar um app autenticador',
  add_phone: 'Adicionar um telefone',
  add_email: 'Adicionar um endereço de e-mail',
  add_title: 'Adicionar um método de login',
  factor_added: 'O novo método de login foi adicionado.',
  codes: 'Códigos de recuperação',
  codes_none: 'Você não tem mais códigos de recuperação.',
  codes_left: '{n, plural, one {Resta # código.} other {Restam # códigos.}}',
  codes_hint:
    'Cada código permite entrar uma vez se você perder seus outros métodos. Novos códigos invalidam os antigos.',
  new_codes: 'Gerar novos códigos',
  codes_shown:
    'Seus novos códigos de recuperação. Guarde-os em um lugar seguro: eles não serão mostrados de novo, e seus ' +
    'códigos antigos não funcionam mais.',
  copy_codes: 'Copiar códigos',
  copied: 'Copiado',
  codes_kept: 'Já guardei',
  password: 'Senha',
  new_password: 'Nova senha',
  password_hint: 'Pelo menos {n, plural, one {# caractere} other {# caracteres}}. Evite senhas comuns e o seu nome.',
  change_password: 'Alterar senha',
  password_changed: 'Sua senha foi alterada.',
  sessions: 'Onde você está conectado',
  this_browser: 'Este navegador',
  signed_in: 'Conectado {when}',
  network_at: 'Rede {network}',
  apps: 'Apps: {apps}',
  sign_out: 'Sair',
  sign_out_others: 'Sair de todos os outros',
  signed_out: 'Sessão encerrada.',
  trusted: 'Navegadores confiáveis',
  no_trusted: 'Nenhum navegador pula a segunda etapa do seu login.',
  trusted_at: 'Confiável desde {date} · até {until}',
  forget: 'Deixar de confiar',
  forgotten: 'Este navegador voltará a pedir sua segunda etapa.',
  confirm: 'Confirme que é você',
  close: 'Fechar',
  cancelled: 'Nada foi alterado.',
  invalid_token: 'Sua sessão nesta página terminou. Entre novamente.',
  insufficient_user_authentication: 'Confirme que é você antes de fazer alterações.',
  last_factor: 'Este é o seu último segundo método de login, e sua conta precisa de um. Adicione outro antes.',
  server_error: 'Algo deu errado. Tente novamente.',
} satisfies AccountTranslation;

export default ptBR;

globalThis.customElements
  ?.whenDefined('gluu-account')
  .then((c) => (c as typeof GluuAccount).addMessages('pt-BR', ptBR));
