// The phone check as a plug-in: tru.ID PhoneCheck after the password, with the phone's pages under /pc. Its
// acr and settings key are `tru_id`, the names Gluu knows it by.
import type { MethodDescriptor } from '../descriptor.js';
import { TruIdClient } from '../../gateways/truid.js';
import { createPhoneCheckMethod, PHONECHECK_ACR, type PhoneCheckMethod } from './method.js';
import { phoneCheckRoutes } from './routes.js';
import { phoneCheckSettings } from './settings.js';

export const phoneCheckMethod: MethodDescriptor<'tru_id', typeof phoneCheckSettings, PhoneCheckMethod> = {
  name: PHONECHECK_ACR,
  settings: phoneCheckSettings,
  factor: 'phonecheck',
  credentialTypes: [],
  enabled: (config) => config.methods.tru_id.enabled,
  create: ({ config, logger, factorOf }) => {
    const settings = config.methods.tru_id;
    const client = new TruIdClient(settings, logger);
    // The fallback offer names the factor its method proves, so the widget can word it.
    const fallbackFactor = (settings.fallback_acr && factorOf(settings.fallback_acr)) || 'password';
    return { method: createPhoneCheckMethod(settings, client, config.issuer, fallbackFactor), gateway: client };
  },
  fallback: { setting: 'fallback_acr', acr: (methods) => methods.tru_id.fallback_acr },
  routes: {
    prefix: '/pc',
    create: (engine, method, config) => phoneCheckRoutes(engine, method, config.methods.tru_id.truid_api_base_url),
  },
};
