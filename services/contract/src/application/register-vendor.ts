import { randomUUID } from 'node:crypto';
import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Vendor, VendorCreateRequest } from '@denpyo/schemas';
import { insertVendor } from '../db/vendors';
import { checkVendor } from '../domain/vendor';
import type { ContractDeps } from './deps';

/** Registers an active vendor and announces VendorRegistered, from which invoices are checked. */
export function makeRegisterVendor({ uow }: ContractDeps) {
  return async (request: VendorCreateRequest, caller: Caller): Promise<Outcome<Vendor>> => {
    // The rules need no stored data: a refused vendor does not open a transaction.
    const bankAccount = checkVendor(request);
    if (!bankAccount.ok) return bankAccount;
    return uow.run(caller, async ({ tx, now, actor, audit, publish }) => {
      const created = await insertVendor(tx, {
        ...request,
        kind: request.kind ?? 'corporation',
        bankAccount: bankAccount.value,
        id: randomUUID(),
        createdBy: actor,
        createdAt: now,
      });
      audit({
        action: 'vendor.registered',
        entityType: 'vendor',
        entityId: created.id,
        counterparty: created.id,
        before: null,
        after: created,
      });
      publish('VendorRegistered', created.id, {
        vendorId: created.id,
        name: created.name,
        nameKana: created.nameKana,
        invoiceRegistrationNumber: created.invoiceRegistrationNumber,
        corporateNumber: created.corporateNumber,
        bankAccount: created.bankAccount,
        kind: created.kind,
        email: created.email,
      });
      return ok(created);
    });
  };
}
