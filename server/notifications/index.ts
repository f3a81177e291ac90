// What the rest of the server uses of notifications: the notifier (createNotifier; its accountChanged()
// takes every kind of notice), the pieces a flow needs to describe who made a change (noticeFrom), and the
// new-sign-in notice the engine sends when a flow completes.
export { createNotifier, goesBySms, SMS_KINDS, type NotifierDeps } from './notifier.js';
export { browserKnown, newSignInNotice, type CompletedSignIn, type SignInNoticeDeps } from './new-sign-in.js';
export { noticeFrom } from './from-flow.js';
export type {
  AccountNotice,
  BoundFactor,
  FactorBoundNotice,
  NoticeActor,
  NoticeFactor,
  NoticeKind,
  Notifier,
} from './types.js';
