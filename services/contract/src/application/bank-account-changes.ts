import { randomUUID } from 'node:crypto';
import {
  notFound,
  ok,
  refuseIfOtherVendors,
  signatureOf,
  type Caller,
  type ListPage,
  type Outcome,
} from '@denpyo/platform';
import type {
  BankAccountChange,
  BankAccountChangeListQuery,
  BankAccountChangeRequest,
  RejectRequest,
  VendorChangeParams,
} from '@denpyo/schemas';
import {
  decideBankAccountChange,
  findBankAccountChange,
  findVendor,
  hasPendingBankAccountChange,
  insertBankAccountChange,
  listBankAccountChanges,
  replaceBankAccount,
} from '../db/vendors';
import { decideChangeDecision, decideChangeRequest } from '../domain/bank-account-change';
import { checkBankAccount } from '../domain/vendor';
import type { ContractDeps } from './deps';

function changeAudit(action: string, before: BankAccountChange | null, after: BankAccountChange) {
  return {
    action,
    entityType: 'vendor',
    entityId: after.vendorId,
    counterparty: after.vendorId,
    before,
    after,
  };
}

/**
 * Requests a change of a vendor's bank account, validated as at registration; it takes effect
 * only when someone else approves it. One pending change per vendor.
 */
export function makeRequestBankAccountChange({ uow }: ContractDeps) {
  return async (
    vendorId: string,
    request: BankAccountChangeRequest,
    caller: Caller,
  ): Promise<Outcome<BankAccountChange>> => {
    const bankAccount = checkBankAccount(request.bankAccount);
    if (!bankAccount.ok) return bankAccount;
    return uow.run(caller, async ({ tx, now, lock, audit }) => {
      // The vendor's row serialises requests, so two at once cannot both be the pending one.
      await lock('vendors', [vendorId]);
      const vendor = await findVendor(tx, vendorId);
      if (!vendor) return notFound('Vendor', vendorId);
      const allowed = decideChangeRequest(await hasPendingBankAccountChange(tx, vendorId));
      if (!allowed.ok) return allowed;
      const change = await insertBankAccountChange(tx, {
        id: randomUUID(),
        vendorId,
        bankAccount: bankAccount.value,
        previousBankAccount: vendor.bankAccount,
        ...(request.reason ? { reason: request.reason } : {}),
        requestedBy: signatureOf(caller.user),
        requestedAt: now,
      });
      audit(changeAudit('vendor.bankAccountChangeRequested', null, change));
      return ok(change);
    });
  };
}

/**
 * Approves a requested change (not by its requester): the vendor's account is replaced, and
 * VendorBankAccountChanged tells the payment service to pay the new account from now on.
 */
export function makeApproveBankAccountChange({ uow }: ContractDeps) {
  return (params: VendorChangeParams, caller: Caller): Promise<Outcome<BankAccountChange>> =>
    uow.run(caller, async ({ tx, now, lock, audit, publish }) => {
      await lock('vendors', [params.id]);
      const before = await findBankAccountChange(tx, params.id, params.changeId);
      if (!before) return notFound('Bank account change', params.changeId);
      const allowed = decideChangeDecision(
        { status: before.status, requestedBy: before.requestedBy.username },
        caller.user.username,
      );
      if (!allowed.ok) return allowed;
      const after = await decideBankAccountChange(tx, before.id, {
        status: 'approved',
        by: signatureOf(caller.user),
        at: now,
      });
      const vendor = await replaceBankAccount(tx, params.id, after.bankAccount);
      audit(changeAudit('vendor.bankAccountChanged', before, after));
      publish('VendorBankAccountChanged', vendor.id, {
        vendorId: vendor.id,
        changeId: after.id,
        bankAccount: vendor.bankAccount,
        requestedBy: after.requestedBy.username,
        approvedBy: caller.user.username,
        approvedAt: now.toISOString(),
      });
      return ok(after);
    });
}

/** Rejects a requested change (not by its requester); the account stays as it was. */
export function makeRejectBankAccountChange({ uow }: ContractDeps) {
  return (
    params: VendorChangeParams,
    { reason }: RejectRequest,
    caller: Caller,
  ): Promise<Outcome<BankAccountChange>> =>
    uow.run(caller, async ({ tx, now, lock, audit }) => {
      await lock('vendors', [params.id]);
      const before = await findBankAccountChange(tx, params.id, params.changeId);
      if (!before) return notFound('Bank account change', params.changeId);
      const allowed = decideChangeDecision(
        { status: before.status, requestedBy: before.requestedBy.username },
        caller.user.username,
      );
      if (!allowed.ok) return allowed;
      const after = await decideBankAccountChange(tx, before.id, {
        status: 'rejected',
        by: signatureOf(caller.user),
        at: now,
        reason,
      });
      audit(changeAudit('vendor.bankAccountChangeRejected', before, after));
      return ok(after);
    });
}

/** A vendor's bank account changes, one page: staff see any vendor's, a vendor its own. */
export function makeListBankAccountChanges({ db }: ContractDeps) {
  return async (
    vendorId: string,
    query: BankAccountChangeListQuery,
    caller: Caller,
  ): Promise<Outcome<ListPage<BankAccountChange>>> => {
    const refused = refuseIfOtherVendors(caller.user, vendorId);
    if (refused) return refused;
    if (!(await findVendor(db, vendorId))) return notFound('Vendor', vendorId);
    return ok(await listBankAccountChanges(db, vendorId, query));
  };
}
