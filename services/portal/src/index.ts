export { startPortal, type RunningPortal } from './service';
export { portalEnvSchema, PORTAL_DEFAULTS, type PortalEnv, type PortalOptions } from './config';
export {
  hashPassword,
  verifyPassword,
  DEFAULT_SCRYPT_PARAMS,
  type ScryptParams,
} from './domain/password';
export {
  resolveUpstream,
  UPSTREAM_SERVICES,
  type UpstreamRoute,
  type UpstreamService,
} from './domain/routes';
export { DEMO_USERS, DEMO_PASSWORD } from './domain/demo-users';
