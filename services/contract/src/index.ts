export { contractService } from './service';
export {
  contractSettingsSchema,
  DEFAULT_TRANSFER_APPROVER_RANK,
  type ContractSettings,
} from './config';
export { DEFAULT_DELEGATION_RULES, routeFor } from './domain/delegation';
export type { DelegationBand, DelegationRules } from './domain/delegation';
