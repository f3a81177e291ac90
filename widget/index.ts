// Entry of the browser bundle (dist/widget/gluu-login.js). Importing it defines <gluu-login> once.
export { GluuLogin } from './gluu-login.js';
export type { GluuLoginErrorDetail, GluuLoginStepDetail, GluuLoginSuccessDetail } from './gluu-login.js';
export type { Messages, MessageId, Translation } from './messages.js';
