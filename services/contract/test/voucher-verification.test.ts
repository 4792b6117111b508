// GET /api/contracts/{id}/voucher/verification: the page a voucher's QR code opens asks whether
// the hash printed on the 支出負担行為決議書 is the one the record gives now, and gets the
// contract's amount and vendor to compare with the paper.
import { randomUUID } from 'node:crypto';
import type { RunningService } from '@denpyo/platform';
import { pdfText } from '@denpyo/platform/testing';
import request from 'supertest';
import {
  approve,
  as,
  createBudget,
  createSubmittedContract,
  createVendor,
  startContractService,
} from './support';

describe('contract voucher verification', () => {
  let service: RunningService;
  let vendorId: string;
  beforeAll(async () => {
    service = await startContractService();
    vendorId = await createVendor(service);
  });
  afterAll(() => service.stop());

  const verification = async (id: string, hash?: string) =>
    request(service.app)
      .get(`/api/contracts/${id}/voucher/verification`)
      .query(hash === undefined ? {} : { hash })
      .set('Authorization', await as('accountant'));

  it("answers the record's figures and hash, and matches it however it is typed from paper", async () => {
    const budgetCode = await createBudget(service, 1_000_000);
    const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 88_000 });
    const record = (await verification(id)).body;
    expect(record).toEqual({
      documentKind: 'contract',
      documentNumber: expect.stringMatching(/\S/),
      title: '庁舎清掃業務委託',
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      amount: 88_000,
      counterparty: '株式会社デンピョウ建設',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const typed = `${record.hash.slice(0, 32).toUpperCase()}\n ${record.hash.slice(32)}`;
    const checked = await verification(id, typed);
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ ...record, matches: true });
  });

  it('matches the hash the printed voucher carries', async () => {
    const budgetCode = await createBudget(service, 1_000_000);
    const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 22_000 });
    const pdf = await request(service.app)
      .get(`/api/contracts/${id}/voucher.pdf`)
      .set('Authorization', await as('accountant'))
      .responseType('blob')
      .expect(200);
    const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
    const printed = /検証用ハッシュ（SHA-256）([0-9a-f]{64})/.exec(text)?.[1];
    expect(printed).toMatch(/^[0-9a-f]{64}$/);
    expect((await verification(id, printed)).body).toMatchObject({ hash: printed, matches: true });
  });

  it('no longer matches a print made before the contract changed (a sign-off)', async () => {
    const budgetCode = await createBudget(service, 1_000_000);
    const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 55_000 });
    const printed = (await verification(id)).body.hash as string;
    expect((await approve(service, id, 'approver-a')).status).toBe(200);
    const checked = await verification(id, printed);
    expect(checked.status).toBe(200);
    expect(checked.body.matches).toBe(false);
    expect(checked.body.hash).not.toBe(printed);
    expect((await verification(id, checked.body.hash as string)).body.matches).toBe(true);
  });

  it('refuses what is not a SHA-256 hash, an unknown contract and a vendor', async () => {
    const budgetCode = await createBudget(service, 1_000_000);
    const id = await createSubmittedContract(service, { vendorId, budgetCode, amount: 11_000 });
    expect((await verification(id, 'abc123')).status).toBe(400);
    expect((await verification(randomUUID())).status).toBe(404);
    await request(service.app)
      .get(`/api/contracts/${id}/voucher/verification`)
      .set('Authorization', await as('vendor', 'v', vendorId))
      .expect(403);
  });
});
