// The schemas the OpenAPI document names (a `$ref` to `#/components/schemas/<name>`). Each is
// the wire schema itself with its component name attached, so parsing is unchanged.
import { AuditEntrySchema } from '../audit';
import {
  AuthUserSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  PortalUserCreateRequestSchema,
} from '../auth';
import {
  BankSchema,
  BudgetCreateRequestSchema,
  BudgetSchema,
  ContractApproveRequestSchema,
  ContractCreateRequestSchema,
  ContractSchema,
  RejectRequestSchema,
  VendorCreateRequestSchema,
  VendorSchema,
} from '../contract';
import { EInvoicePreviewSchema, InvoiceCreateRequestSchema, InvoiceSchema } from '../invoice';
import {
  PaymentSchema,
  RemittanceSchema,
  TransferBatchCreateRequestSchema,
  TransferBatchSchema,
} from '../payment';
import { ProblemSchema } from '../values';
import { DocumentVerificationSchema } from '../verification';

export const Problem = ProblemSchema.openapi('Problem');
export const LoginRequest = LoginRequestSchema.openapi('LoginRequest');
export const LoginResponse = LoginResponseSchema.openapi('LoginResponse');
export const AuthUser = AuthUserSchema.openapi('AuthUser');
export const PortalUserCreateRequest =
  PortalUserCreateRequestSchema.openapi('PortalUserCreateRequest');
export const VendorCreateRequest = VendorCreateRequestSchema.openapi('VendorCreateRequest');
export const Vendor = VendorSchema.openapi('Vendor');
export const BudgetCreateRequest = BudgetCreateRequestSchema.openapi('BudgetCreateRequest');
export const Budget = BudgetSchema.openapi('Budget');
export const ContractCreateRequest = ContractCreateRequestSchema.openapi('ContractCreateRequest');
export const ContractApproveRequest =
  ContractApproveRequestSchema.openapi('ContractApproveRequest');
export const RejectRequest = RejectRequestSchema.openapi('RejectRequest');
export const Contract = ContractSchema.openapi('Contract');
export const InvoiceCreateRequest = InvoiceCreateRequestSchema.openapi('InvoiceCreateRequest');
export const Invoice = InvoiceSchema.openapi('Invoice');
export const EInvoicePreview = EInvoicePreviewSchema.openapi('EInvoicePreview');
export const Payment = PaymentSchema.openapi('Payment');
export const TransferBatchCreateRequest = TransferBatchCreateRequestSchema.openapi(
  'TransferBatchCreateRequest',
);
export const TransferBatch = TransferBatchSchema.openapi('TransferBatch');
export const Remittance = RemittanceSchema.openapi('Remittance');
export const AuditEntry = AuditEntrySchema.openapi('AuditEntry');
export const Bank = BankSchema.openapi('Bank');
export const DocumentVerification = DocumentVerificationSchema.openapi('DocumentVerification');
