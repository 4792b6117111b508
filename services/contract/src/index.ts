export { contractService } from './service';
export { DEFAULT_APPROVAL_ROUTE, requiredApprovals } from './domain/approval-route';
export type { ApprovalRoute, ApprovalTier } from './domain/approval-route';
