export { contractService } from './service';
export { contractSettingsSchema, type ContractSettings } from './settings';
export { DEFAULT_DELEGATION_RULES, routeFor } from './domain/delegation';
export type { DelegationBand, DelegationRules } from './domain/delegation';
