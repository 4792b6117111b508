export { portalService } from './service';
export {
  portalSettingsSchema,
  withPortalDefaults,
  PORTAL_DEFAULTS,
  type PortalEnv,
  type PortalOptions,
  type PortalSettings,
} from './config';
