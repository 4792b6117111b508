import { randomUUID } from 'node:crypto';
import { budgetAccountLabel } from '@denpyo/jp';
import type { RunningService } from '@denpyo/platform';
import request from 'supertest';
import {
  approve,
  as,
  contractRequest,
  createBudget,
  createSubmittedContract,
  createVendor,
  outboxEvents,
  startContractService,
} from './support';

describe('contracts', () => {
  let service: RunningService;
  let vendorId: string;
  beforeAll(async () => {
    service = await startContractService();
    vendorId = await createVendor(service);
  });
  afterAll(() => service.stop());

  const getContract = async (id: string) =>
    (
      await request(service.app)
        .get(`/api/contracts/${id}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;
  const getBudget = async (code: string) =>
    (
      await request(service.app)
        .get(`/api/budgets/2026/${code}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;

  describe('drafting', () => {
    it('creates drafts numbered in sequence per fiscal year', async () => {
      const budgetCode = await createBudget(service, 10_000_000);
      const auth = await as('procurement');
      const first = await request(service.app)
        .post('/api/contracts')
        .set('Authorization', auth)
        .send(contractRequest({ vendorId, budgetCode, amount: 550_000 }))
        .expect(201);
      expect(first.body).toMatchObject({
        id: expect.any(String),
        status: 'draft',
        documentNumber: expect.stringMatching(/^CT-2026-\d{6}$/),
        amount: 550_000,
        invoicedAmount: 0,
        paidAmount: 0,
        remainingAmount: 550_000,
        approvals: [],
        requiredApprovals: 1,
        createdBy: 'procurement-user',
      });
      const second = await request(service.app)
        .post('/api/contracts')
        .set('Authorization', auth)
        .send(contractRequest({ vendorId, budgetCode, amount: 2_000_000 }))
        .expect(201);
      const sequence = (number: string) => Number(number.slice(-6));
      expect(sequence(second.body.documentNumber)).toBe(sequence(first.body.documentNumber) + 1);
      expect(second.body.requiredApprovals).toBe(2);
    });

    it('refuses an unknown vendor or budget line with 422 at those fields', async () => {
      const response = await request(service.app)
        .post('/api/contracts')
        .set('Authorization', await as('procurement'))
        .send(contractRequest({ vendorId: randomUUID(), budgetCode: '99.99.99.99', amount: 1 }))
        .expect(422);
      expect((response.body.errors as { path: string }[]).map((error) => error.path)).toEqual([
        'vendorId',
        'budgetCode',
      ]);
    });

    it('answers a malformed body with 400 naming every bad field', async () => {
      const budgetCode = await createBudget(service, 1);
      const response = await request(service.app)
        .post('/api/contracts')
        .set('Authorization', await as('procurement'))
        .send({
          ...contractRequest({ vendorId, budgetCode, amount: 0 }),
          taxRate: 5,
          endDate: '2026-05-31',
        })
        .expect(400);
      expect(
        (response.body.errors as { path: string }[]).map((error) => error.path).sort(),
      ).toEqual(['amount', 'taxRate']);
      const dates = await request(service.app)
        .post('/api/contracts')
        .set('Authorization', await as('procurement'))
        .send({ ...contractRequest({ vendorId, budgetCode, amount: 1 }), endDate: '2026-05-31' })
        .expect(400);
      expect(dates.body.errors).toEqual([expect.objectContaining({ path: 'endDate' })]);
    });

    it('answers an unknown contract with 404', async () => {
      const id = randomUUID();
      await request(service.app)
        .get(`/api/contracts/${id}`)
        .set('Authorization', await as('auditor'))
        .expect(404);
      await request(service.app)
        .post(`/api/contracts/${id}/submit`)
        .set('Authorization', await as('procurement'))
        .expect(404);
      expect((await approve(service, id, 'approver-a')).status).toBe(404);
      await request(service.app)
        .get('/api/contracts/123')
        .set('Authorization', await as('auditor'))
        .expect(400);
    });
  });

  describe('submission and approval route', () => {
    it('publishes ContractSubmitted and submits a draft only once', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 10_000 });
      expect(await getContract(id)).toMatchObject({
        status: 'submitted',
        submittedBy: 'procurement-submitter',
      });
      const events = await outboxEvents(service, 'ContractSubmitted', id);
      expect(events.map((event) => event.payload)).toEqual([
        { contractId: id, vendorId, amount: 10_000, submittedBy: 'procurement-submitter' },
      ]);
      await request(service.app)
        .post(`/api/contracts/${id}/submit`)
        .set('Authorization', await as('procurement'))
        .expect(409);
    });

    it('approves a contract under ¥1,000,000 with one approval and encumbers the budget', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 999_999 });
      const response = await approve(service, id, 'approver-a');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'approved',
        approvals: [{ approver: 'approver-a', step: 1, comment: 'approver-a の承認' }],
        requiredApprovals: 1,
      });
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 999_999, available: 1 });
      const [approved] = await outboxEvents(service, 'ContractApproved', id);
      expect(approved?.payload).toMatchObject({
        contractId: id,
        amount: 999_999,
        budgetCode,
        // Registered without names: the national 款 and 節, 項・目 by number.
        budgetName: budgetAccountLabel(budgetCode),
        fiscalYear: 2026,
      });
      expect((await getContract(id)).budgetAtCommitment).toEqual({
        currentAmount: 1_000_000,
        committedBefore: 0,
        thisCommitment: 999_999,
      });
    });

    it('routes ¥1,000,000 to a kacho then a bucho; the budget is encumbered at the second', async () => {
      const budgetCode = await createBudget(service, 5_000_000);
      const id = await createSubmittedContract(service, {
        vendorId,
        budgetCode,
        amount: 1_000_000,
      });

      const first = await approve(service, id, 'approver-a');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        status: 'submitted',
        approvals: [{ step: 1 }],
        requiredApprovals: 2,
      });
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 0 });
      expect(await outboxEvents(service, 'ContractApproved', id)).toEqual([]);

      const again = await approve(service, id, 'approver-a', 'bucho');
      expect(again.status).toBe(409);
      const tooLow = await approve(service, id, 'approver-b');
      expect(tooLow.status).toBe(403);
      expect(tooLow.body.detail).toMatch(/Step 2 needs a 部長 \(bucho\) or above/);

      const second = await approve(service, id, 'approver-b', 'bucho');
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        status: 'approved',
        approvals: [
          { approver: 'approver-a', step: 1 },
          { approver: 'approver-b', step: 2 },
        ],
      });
      expect(await getBudget(budgetCode)).toMatchObject({
        encumbered: 1_000_000,
        available: 4_000_000,
      });
      expect(await outboxEvents(service, 'ContractApproved', id)).toHaveLength(1);
      expect((await approve(service, id, 'approver-c', 'shicho')).status).toBe(409);
    });

    it('never lets the creator or the submitter approve, nor anyone without the approver role', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 10_000 });
      expect((await approve(service, id, 'procurement-user')).status).toBe(403);
      expect((await approve(service, id, 'procurement-submitter')).status).toBe(403);
      await request(service.app)
        .post(`/api/contracts/${id}/approve`)
        .set('Authorization', await as('procurement', 'someone-else'))
        .send({})
        .expect(403);
      expect(await getContract(id)).toMatchObject({ status: 'submitted', approvals: [] });
    });

    it('approves only submitted contracts', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const draft = await request(service.app)
        .post('/api/contracts')
        .set('Authorization', await as('procurement'))
        .send(contractRequest({ vendorId, budgetCode, amount: 10_000 }))
        .expect(201);
      expect((await approve(service, draft.body.id, 'approver-a')).status).toBe(409);
    });

    it('rejects a submitted contract with a reason and publishes ContractRejected', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 10_000 });
      const auth = await as('approver', 'approver-a');
      await request(service.app)
        .post(`/api/contracts/${id}/reject`)
        .set('Authorization', auth)
        .send({})
        .expect(400);
      const rejected = await request(service.app)
        .post(`/api/contracts/${id}/reject`)
        .set('Authorization', auth)
        .send({ reason: '仕様書の不備' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '仕様書の不備' });
      const events = await outboxEvents(service, 'ContractRejected', id);
      expect(events.map((event) => event.payload)).toEqual([
        { contractId: id, reason: '仕様書の不備' },
      ]);
      expect((await approve(service, id, 'approver-b')).status).toBe(409);
      await request(service.app)
        .post(`/api/contracts/${id}/reject`)
        .set('Authorization', auth)
        .send({ reason: 'again' })
        .expect(409);
    });
  });

  describe('budget encumbrance', () => {
    it("refuses the approval that would exceed the budget's available amount and changes nothing", async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const fits = await createSubmittedContract(service, {
        vendorId,
        budgetCode,
        amount: 600_000,
      });
      const tooMuch = await createSubmittedContract(service, {
        vendorId,
        budgetCode,
        amount: 500_000,
      });
      expect((await approve(service, fits, 'approver-a')).status).toBe(200);

      const auditBefore = (await service.runtime.pool.query('SELECT count(*) FROM audit_log'))
        .rows[0].count;
      const refused = await approve(service, tooMuch, 'approver-a');
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(/exceeds the budget's available amount/);

      expect(await getBudget(budgetCode)).toMatchObject({
        encumbered: 600_000,
        available: 400_000,
      });
      expect(await getContract(tooMuch)).toMatchObject({ status: 'submitted', approvals: [] });
      expect(await outboxEvents(service, 'ContractApproved', tooMuch)).toEqual([]);
      expect(
        (await service.runtime.pool.query('SELECT count(*) FROM audit_log')).rows[0].count,
      ).toBe(auditBefore);
    });

    it('never over-encumbers a budget when final approvals of several contracts race', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const ids = await Promise.all(
        Array.from({ length: 8 }, () =>
          createSubmittedContract(service, { vendorId, budgetCode, amount: 300_000 }),
        ),
      );

      const responses = await Promise.all(
        ids.map((id, index) => approve(service, id, `approver-${index}`)),
      );

      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 200, 422, 422, 422, 422, 422]);
      const budget = await getBudget(budgetCode);
      expect(budget).toMatchObject({ encumbered: 900_000, available: 100_000 });
      const contracts = await Promise.all(ids.map(getContract));
      const approved = contracts.filter((contract) => contract.status === 'approved');
      expect(approved).toHaveLength(3);
      expect(contracts.filter((contract) => contract.status === 'submitted')).toHaveLength(5);
      // Each commitment recorded the line as it found it (the voucher's 既負担額): one after another.
      expect(
        approved.map((contract) => contract.budgetAtCommitment?.committedBefore).sort(),
      ).toEqual([0, 300_000, 600_000]);
      for (const contract of approved) {
        expect(contract.budgetAtCommitment).toMatchObject({
          currentAmount: 1_000_000,
          thisCommitment: 300_000,
        });
      }
      for (const contract of contracts.filter((c) => c.status === 'submitted')) {
        expect(contract).not.toHaveProperty('budgetAtCommitment');
      }
    });

    it('records racing sign-offs on one contract one after the other and encumbers once', async () => {
      const budgetCode = await createBudget(service, 5_000_000);
      const id = await createSubmittedContract(service, {
        vendorId,
        budgetCode,
        amount: 2_000_000,
      });

      const responses = await Promise.all([
        approve(service, id, 'approver-a', 'bucho'),
        approve(service, id, 'approver-b', 'bucho'),
        approve(service, id, 'approver-a', 'bucho'),
      ]);

      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 409]);
      const contract = await getContract(id);
      expect(contract.status).toBe('approved');
      expect(contract.approvals.map((approval: { step: number }) => approval.step)).toEqual([1, 2]);
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 2_000_000 });
      expect(await outboxEvents(service, 'ContractApproved', id)).toHaveLength(1);
    });

    it('keeps Σ approved amounts = encumbered ≤ amount for mixed amounts raced together', async () => {
      const budgetCode = await createBudget(service, 900_000);
      const amounts = [400_000, 350_000, 300_000, 250_000, 200_000, 150_000, 100_000];
      const ids = await Promise.all(
        amounts.map((amount) => createSubmittedContract(service, { vendorId, budgetCode, amount })),
      );

      await Promise.all(ids.map((id, index) => approve(service, id, `approver-${index}`)));

      const contracts = await Promise.all(ids.map(getContract));
      const approvedTotal = contracts
        .filter((contract) => contract.status === 'approved')
        .reduce((sum, contract) => sum + (contract.amount as number), 0);
      const budget = await getBudget(budgetCode);
      expect(budget.encumbered).toBe(approvedTotal);
      expect(budget.encumbered).toBeLessThanOrEqual(900_000);
      // Whatever was refused did not fit in what is left.
      for (const contract of contracts.filter((candidate) => candidate.status !== 'approved')) {
        expect(contract.amount).toBeGreaterThan(budget.available);
      }
    });
  });

  describe('reading', () => {
    let otherVendorId: string;
    let contractIds: string[];
    beforeAll(async () => {
      otherVendorId = await createVendor(service);
      const budgetCode = await createBudget(service, 100_000_000);
      const auth = await as('procurement');
      const create = async (body: object) =>
        (
          await request(service.app)
            .post('/api/contracts')
            .set('Authorization', auth)
            .send(body)
            .expect(201)
        ).body.id as string;
      contractIds = [
        await create({
          ...contractRequest({ vendorId: otherVendorId, budgetCode, amount: 12_345 }),
          startDate: '2026-04-01',
        }),
        await create({
          ...contractRequest({ vendorId: otherVendorId, budgetCode, amount: 54_321 }),
          startDate: '2026-09-01',
        }),
      ];
    });

    it('lists contracts by vendor, status, start date and amount range', async () => {
      const list = async (query: Record<string, string>) =>
        (
          await request(service.app)
            .get('/api/contracts')
            .query(query)
            .set('Authorization', await as('accountant'))
            .expect(200)
        ).body.map((contract: { id: string }) => contract.id);
      expect(await list({ vendorId: otherVendorId })).toEqual(contractIds);
      expect(await list({ vendorId: otherVendorId, status: 'draft', minAmount: '20000' })).toEqual([
        contractIds[1],
      ]);
      expect(await list({ vendorId: otherVendorId, maxAmount: '12345' })).toEqual([contractIds[0]]);
      expect(await list({ vendorId: otherVendorId, from: '2026-05-01', to: '2026-09-01' })).toEqual(
        [contractIds[1]],
      );
      expect(await list({ vendorId: otherVendorId, status: 'approved' })).toEqual([]);
    });

    it('answers a bad filter with 400', async () => {
      const auth = await as('accountant');
      const bad = await request(service.app)
        .get('/api/contracts')
        .query({ minAmount: '1e3', status: 'open' })
        .set('Authorization', auth)
        .expect(400);
      expect((bad.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
        'minAmount',
        'status',
      ]);
      await request(service.app)
        .get('/api/contracts')
        .query({ from: '2026-05-01', to: '2026-04-01' })
        .set('Authorization', auth)
        .expect(400);
    });

    it('shows a vendor its own contracts only', async () => {
      const [own] = contractIds;
      await request(service.app)
        .get(`/api/contracts/${own}`)
        .set('Authorization', await as('vendor', 'vendor-own', otherVendorId))
        .expect(200);
      await request(service.app)
        .get(`/api/contracts/${own}`)
        .set('Authorization', await as('vendor', 'vendor-other', vendorId))
        .expect(403);
      // Listing is narrowed to the vendor's own; asking for another vendor's is refused.
      const listed = await request(service.app)
        .get('/api/contracts')
        .set('Authorization', await as('vendor', 'vendor-own', otherVendorId))
        .expect(200);
      expect(listed.body.map((contract: { id: string }) => contract.id)).toEqual(contractIds);
      await request(service.app)
        .get('/api/contracts')
        .query({ vendorId })
        .set('Authorization', await as('vendor', 'vendor-own', otherVendorId))
        .expect(403);
    });

    it('serves the commitment voucher as a PDF', async () => {
      const budgetCode = await createBudget(service, 1_000_000);
      const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 88_000 });
      expect((await approve(service, id, 'approver-a')).status).toBe(200);
      const response = await request(service.app)
        .get(`/api/contracts/${id}/voucher.pdf`)
        .set('Authorization', await as('accountant'))
        .responseType('blob')
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/pdf/);
      expect((response.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await request(service.app)
        .get(`/api/contracts/${id}/voucher.pdf`)
        .set('Authorization', await as('vendor', 'v', vendorId))
        .expect(403);
    });

    it('keeps every change in the audit trail, searchable by counterparty and amount', async () => {
      const response = await request(service.app)
        .get('/api/audit/contract')
        .query({ counterparty: otherVendorId, entityType: 'contract', minAmount: '50000' })
        .set('Authorization', await as('auditor'))
        .expect(200);
      expect(response.body).toEqual([
        expect.objectContaining({
          action: 'contract.drafted',
          entityId: contractIds[1],
          amount: 54_321,
          counterparty: otherVendorId,
          before: null,
          after: expect.objectContaining({ status: 'draft' }),
        }),
      ]);
      await request(service.app)
        .get('/api/audit/contract')
        .set('Authorization', await as('procurement'))
        .expect(403);
    });
  });
});
