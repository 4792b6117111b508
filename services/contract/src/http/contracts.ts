import { randomUUID } from 'node:crypto';
import {
  assertCanSee,
  buildEvent,
  currentUser,
  notFound,
  parseOr400,
  requireRole,
  STAFF_ROLES,
  unprocessable,
  recordChange,
  type Change,
} from '@denpyo/platform';
import {
  ContractApproveRequestSchema,
  ContractCreateRequestSchema,
  ContractListQuerySchema,
  IdParamsSchema,
  RejectRequestSchema,
  type AuthUser,
  type Contract,
} from '@denpyo/schemas';
import { Router, type Request } from 'express';
import { encumber, findBudget } from '../db/budgets';
import {
  addApproval,
  changeStatus,
  findContract,
  findContractForUpdate,
  insertContract,
  listContracts,
  nextDocumentNumber,
} from '../db/contracts';
import type { Db } from '../db/prisma';
import { findVendor } from '../db/vendors';
import { decideApproval, decideReject, decideSubmit } from '../domain/contract';
import type { Decision } from '../domain/refusal';
import type { Prisma } from '../generated/prisma/client';
import type { HttpDeps } from './deps';
import { refusalError } from './refusal';
import { contractVoucherPdf } from './voucher';

export function contractRouter(deps: HttpDeps): Router {
  const { prisma, runtime } = deps;
  const router = Router();

  router.post('/contracts', requireRole('procurement'), async (req, res) => {
    const request = parseOr400(ContractCreateRequestSchema, req.body, 'body');
    const user = currentUser(req);
    const contract = await prisma.$transaction(async (tx) => {
      await assertContractParties(tx, request);
      const created = await insertContract(tx, {
        ...request,
        id: randomUUID(),
        documentNumber: await nextDocumentNumber(tx, request.fiscalYear),
        createdBy: user.username,
        createdAt: new Date(),
      });
      await recordChange(tx, {
        audit: contractAudit(req, user, 'contract.drafted', null, created),
      });
      return created;
    });
    res.status(201).json(contract);
  });

  router.post('/contracts/:id/submit', requireRole('procurement'), async (req, res) => {
    const user = currentUser(req);
    const contract = await transition(req, async (tx, before) => {
      const status = unwrap(decideSubmit(before.status));
      const after = await changeStatus(tx, before.id, {
        status,
        submittedBy: user.username,
        at: new Date(),
      });
      return {
        after,
        change: {
          audit: contractAudit(req, user, 'contract.submitted', before, after),
          events: [
            buildEvent(
              'ContractSubmitted',
              after.id,
              {
                contractId: after.id,
                vendorId: after.vendorId,
                amount: after.amount,
                submittedBy: user.username,
              },
              eventContext(req, user),
            ),
          ],
        },
      };
    });
    res.json(contract);
  });

  router.post('/contracts/:id/approve', requireRole('approver'), async (req, res) => {
    const { comment } = parseOr400(ContractApproveRequestSchema, req.body ?? {}, 'body');
    const user = currentUser(req);
    const contract = await transition(req, async (tx, before) => {
      const { step, completesRoute } = unwrap(
        decideApproval(
          {
            status: before.status,
            amount: before.amount,
            createdBy: before.createdBy,
            submittedBy: before.submittedBy,
            approvers: before.approvals.map((approval) => approval.approver),
          },
          user.username,
        ),
      );
      const at = new Date();
      await addApproval(tx, before.id, { step, approver: user.username, comment, at });
      if (!completesRoute) {
        const after = await changeStatus(tx, before.id, { status: before.status, at });
        return {
          after,
          change: { audit: contractAudit(req, user, 'contract.approvalRecorded', before, after) },
        };
      }
      // The final sign-off commits the budget; if it no longer fits, the whole approval is refused.
      const budget = { fiscalYear: before.fiscalYear, code: before.budgetCode };
      if (!(await encumber(tx, budget, before.amount))) {
        throw unprocessable("The contract amount exceeds the budget's available amount", [
          { path: 'amount', message: "exceeds the budget's available amount" },
        ]);
      }
      const after = await changeStatus(tx, before.id, { status: 'approved', at });
      return {
        after,
        change: {
          audit: contractAudit(req, user, 'contract.approved', before, after),
          events: [
            buildEvent(
              'ContractApproved',
              after.id,
              {
                contractId: after.id,
                documentNumber: after.documentNumber,
                vendorId: after.vendorId,
                title: after.title,
                amount: after.amount,
                taxRate: after.taxRate,
                fiscalYear: after.fiscalYear,
                budgetCode: after.budgetCode,
                approvedAt: at.toISOString(),
              },
              eventContext(req, user),
            ),
          ],
        },
      };
    });
    res.json(contract);
  });

  router.post('/contracts/:id/reject', requireRole('approver'), async (req, res) => {
    const { reason } = parseOr400(RejectRequestSchema, req.body, 'body');
    const user = currentUser(req);
    const contract = await transition(req, async (tx, before) => {
      const status = unwrap(decideReject(before.status));
      const after = await changeStatus(tx, before.id, {
        status,
        rejectedBy: user.username,
        rejectionReason: reason,
        at: new Date(),
      });
      return {
        after,
        change: {
          audit: contractAudit(req, user, 'contract.rejected', before, after),
          events: [
            buildEvent(
              'ContractRejected',
              after.id,
              { contractId: after.id, reason },
              eventContext(req, user),
            ),
          ],
        },
      };
    });
    res.json(contract);
  });

  router.get('/contracts', requireRole(...STAFF_ROLES), async (req, res) => {
    const query = parseOr400(ContractListQuerySchema, req.query, 'query');
    res.json(await listContracts(prisma, query));
  });

  router.get('/contracts/:id', requireRole(...STAFF_ROLES, 'vendor'), async (req, res) => {
    const contract = await loadContract(prisma, req);
    assertCanSee(currentUser(req), contract.vendorId);
    res.json(contract);
  });

  router.get('/contracts/:id/voucher.pdf', requireRole(...STAFF_ROLES), async (req, res) => {
    const contract = await loadContract(prisma, req);
    const pdf = await contractVoucherPdf(prisma, contract, runtime.env.CITY_NAME);
    res.type('application/pdf').send(pdf);
  });

  /**
   * Runs one state transition of the contract named in the path: locks the row, lets `apply`
   * decide and write, records its audit entry and events, all in one transaction; then wakes
   * the outbox relay.
   */
  async function transition(
    req: Request,
    apply: (
      tx: Prisma.TransactionClient,
      before: Contract,
    ) => Promise<{ after: Contract; change: Change }>,
  ): Promise<Contract> {
    const { id } = parseOr400(IdParamsSchema, req.params, 'path');
    const after = await prisma.$transaction(async (tx) => {
      const before = await findContractForUpdate(tx, id);
      if (!before) throw notFound('Contract');
      const result = await apply(tx, before);
      await recordChange(tx, result.change);
      return result.after;
    });
    runtime.relay.wake();
    return after;
  }

  return router;
}

async function loadContract(db: Db, req: Request): Promise<Contract> {
  const { id } = parseOr400(IdParamsSchema, req.params, 'path');
  const contract = await findContract(db, id);
  if (!contract) throw notFound('Contract');
  return contract;
}

/** A contract names an existing vendor and an existing budget line of its fiscal year. */
async function assertContractParties(
  db: Db,
  request: { vendorId: string; fiscalYear: number; budgetCode: string },
): Promise<void> {
  const problems = [];
  if (!(await findVendor(db, request.vendorId))) {
    problems.push({ path: 'vendorId', message: 'no vendor with this id' });
  }
  if (!(await findBudget(db, { fiscalYear: request.fiscalYear, code: request.budgetCode }))) {
    problems.push({
      path: 'budgetCode',
      message: `no budget line with this code in fiscal year ${request.fiscalYear}`,
    });
  }
  if (problems.length > 0) throw unprocessable('The contract refers to unknown records', problems);
}

function unwrap<T>(decision: Decision<T>): T {
  if (!decision.ok) throw refusalError(decision.refusal);
  return decision.value;
}

function eventContext(req: Request, user: AuthUser) {
  return { actor: user.username, correlationId: req.correlationId };
}

function contractAudit(
  req: Request,
  user: AuthUser,
  action: string,
  before: Contract | null,
  after: Contract,
): Change['audit'] {
  return {
    actor: user.username,
    action,
    entityType: 'contract',
    entityId: after.id,
    amount: after.amount,
    counterparty: after.vendorId,
    before,
    after,
    correlationId: req.correlationId,
  };
}
