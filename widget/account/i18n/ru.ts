// Russian texts of <gluu-account>. `import 'gluu-login/widget/account/i18n/ru.js'` registers them
// (GluuAccount.addMessages), and `<gluu-account lang="ru">` then uses them (its dialog's <gluu-login> uses
// gluu-login/widget/i18n/ru.js). Built to dist/widget/account/i18n/ru.js: at run time this module imports
// nothing (types only), and registers its texts once the element is defined, whichever loads first.
import type { GluuAccount } from '../../gluu-account.js';
import type { AccountMessages, AccountTranslation } from '../messages.js';

/** Every text of <gluu-account> in Russian, by id and error code (also the default export). */
export const ru: AccountMessages = {
  loading: 'Загрузка…',
  signed_in_as: 'Вы вошли как {user}',
  network: 'Не удаётся связаться со службой аккаунта.',
  try_again: 'Повторить',
  factors: 'Способы входа',
  no_factors: 'У вас пока нет второго способа входа.',
  k_passkey: 'Ключ доступа',
  k_otp: 'Приложение-аутентификатор',
  k_phone: 'Телефон',
  k_email: 'Адрес электронной почты',
  added: 'Добавлено {date}',
  last_used: 'Последнее использование: {when}',
  never_used: 'Ни разу не использовался',
  rename: 'Переименовать',
  rename_label: 'Новое название для {name}',
  save: 'Сохранить',
  cancel: 'Отмена',
  remove: 'Удалить',
  remove_confirm: 'Удалить «{name}»? Вы больше не сможете входить с его помощью.',
  removed: 'Способ «{name}» удалён.',
  renamed: 'Новое название: «{name}».',
  add_passkey: 'Добавить ключ доступа',
  add_otp: 'Добавить приложение-аутентификатор',
  add_phone: 'Добавить телефон',
  add_email: 'Добавить адрес электронной почты',
  add_title: 'Добавить способ входа',
  factor_added: 'Новый способ входа добавлен.',
  codes: 'Коды восстановления',
  codes_none: 'У вас не осталось кодов восстановления.',
  codes_left:
    '{n, plural, one {У вас остался # код.} few {У вас осталось # кода.} many {У вас осталось # кодов.} ' +
    'other {У вас осталось # кода.}}',
  codes_hint: 'Каждый код позволяет войти один раз, если вы потеряете другие способы. Новые коды отменяют старые.',
  new_codes: 'Получить новые коды',
  codes_shown:
    'Ваши новые коды восстановления. Храните их в надёжном месте: они больше не будут показаны, а старые ' +
    'коды больше не действуют.',
  copy_codes: 'Скопировать коды',
  copied: 'Скопировано',
  codes_kept: 'Коды сохранены',
  password: 'Пароль',
  new_password: 'Новый пароль',
  password_hint:
    'Не менее {n, plural, one {# символа} few {# символов} many {# символов} other {# символа}}. Не ' +
    'используйте распространённые пароли и своё имя.',
  change_password: 'Изменить пароль',
  password_changed: 'Ваш пароль изменён.',
  sessions: 'Где выполнен вход',
  this_browser: 'Этот браузер',
  signed_in: 'Вход: {when}',
  network_at: 'Сеть {network}',
  apps: 'Приложения: {apps}',
  sign_out: 'Выйти',
  sign_out_others: 'Выйти на всех других устройствах',
  signed_out: 'Выход выполнен.',
  trusted: 'Доверенные браузеры',
  no_trusted: 'Ни один браузер не пропускает второй шаг вашего входа.',
  trusted_at: 'Доверенный с {date} · до {until}',
  forget: 'Перестать доверять',
  forgotten: 'Этот браузер снова будет запрашивать второй шаг.',
  confirm: 'Подтвердите, что это вы',
  close: 'Закрыть',
  cancelled: 'Ничего не изменено.',
  invalid_token: 'Сеанс на этой странице завершён. Войдите снова.',
  insufficient_user_authentication: 'Подтвердите, что это вы, прежде чем вносить изменения.',
  last_factor: 'Это ваш последний второй способ входа, а он нужен аккаунту. Сначала добавьте другой.',
  server_error: 'Что-то пошло не так. Повторите попытку.',
} satisfies AccountTranslation;

export default ru;

globalThis.customElements?.whenDefined('gluu-account').then((c) => (c as typeof GluuAccount).addMessages('ru', ru));
