import { randomUUID } from 'node:crypto';
import type { RunningService } from '@denpyo/platform';
import request from 'supertest';
import { as, corporateNumber, outboxEvents, startContractService, vendorRequest } from './support';

describe('vendors', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startContractService();
  });
  afterAll(() => service.stop());

  const countVendors = async () =>
    Number((await service.runtime.pool.query('SELECT count(*) FROM vendors')).rows[0].count);

  it('registers an active vendor with the holder name in Zengin kana and publishes VendorRegistered', async () => {
    const response = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send(vendorRequest())
      .expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      status: 'active',
      name: '株式会社デンピョウ建設',
      bankAccount: { bankCode: '0001', branchCode: '001', holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ' },
    });

    const events = await outboxEvents(service, 'VendorRegistered', response.body.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      vendorId: response.body.id,
      bankAccount: { holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ', number: '1234567', type: 'ordinary' },
    });

    const fetched = await request(service.app)
      .get(`/api/vendors/${response.body.id}`)
      .set('Authorization', await as('auditor'))
      .expect(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('keeps the address remittance notices are mailed to, and announces it', async () => {
    const response = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send({ ...vendorRequest(), email: 'keiri@denpyo-kensetsu.example.jp' })
      .expect(201);
    expect(response.body.email).toBe('keiri@denpyo-kensetsu.example.jp');
    const [event] = await outboxEvents(service, 'VendorRegistered', response.body.id);
    expect(event?.payload).toMatchObject({ email: 'keiri@denpyo-kensetsu.example.jp' });

    const invalid = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send({ ...vendorRequest(), email: 'not an address' })
      .expect(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it.each([
    ['an unknown bank', { bankCode: '9998' }, 'bankAccount.bankCode'],
    ['an unknown branch', { branchCode: '998' }, 'bankAccount.branchCode'],
    ['a holder name without Zengin kana', { holderKana: '山田太郎' }, 'bankAccount.holderKana'],
    [
      'a holder name with a character banks refuse',
      { holderKana: 'デンピョウⅡ' },
      'bankAccount.holderKana',
    ],
  ])('refuses %s with 422 and registers nothing', async (_case, account, path) => {
    const before = await countVendors();
    const body = vendorRequest();
    const response = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send({ ...body, bankAccount: { ...body.bankAccount, ...account } })
      .expect(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
    expect(await countVendors()).toBe(before);
  });

  it('names the character a bank would refuse, and stores the corporate kind as its 略語', async () => {
    const body = vendorRequest();
    const refused = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send({ ...body, bankAccount: { ...body.bankAccount, holderKana: 'デンピョウⅡ' } })
      .expect(422);
    expect(refused.body.errors).toEqual([
      {
        path: 'bankAccount.holderKana',
        message: 'character "Ⅱ" at position 5 cannot be written in Zengin kana',
      },
    ]);
    const registered = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send({
        ...body,
        bankAccount: { ...body.bankAccount, holderKana: 'デンピョウケンセツ株式会社' },
      })
      .expect(201);
    expect(registered.body.bankAccount.holderKana).toBe('ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ(ｶ');
  });

  it("refuses a registration number that is not 'T' + the corporate number", async () => {
    const response = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send(vendorRequest({ invoiceRegistrationNumber: `T${corporateNumber('999999999999')}` }))
      .expect(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: 'invoiceRegistrationNumber' }),
    ]);
  });

  it('answers a malformed body with 400 naming the fields', async () => {
    const response = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send({
        ...vendorRequest(),
        corporateNumber: '1234567890123',
        bankAccount: { bankCode: '1' },
      })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = (response.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['corporateNumber', 'bankAccount.bankCode', 'bankAccount.type']),
    );
  });

  it('lets only procurement register vendors', async () => {
    await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('approver'))
      .send(vendorRequest())
      .expect(403);
    await request(service.app).post('/api/vendors').send(vendorRequest()).expect(401);
  });

  it('answers an unknown id with 404 and a malformed one with 400', async () => {
    const auth = await as('procurement');
    await request(service.app)
      .get(`/api/vendors/${randomUUID()}`)
      .set('Authorization', auth)
      .expect(404);
    await request(service.app)
      .get('/api/vendors/not-a-uuid')
      .set('Authorization', auth)
      .expect(400);
  });

  it('shows a vendor user its own vendor and no other', async () => {
    const created = await request(service.app)
      .post('/api/vendors')
      .set('Authorization', await as('procurement'))
      .send(vendorRequest())
      .expect(201);
    const id = created.body.id as string;
    await request(service.app)
      .get(`/api/vendors/${id}`)
      .set('Authorization', await as('vendor', 'vendor-own', id))
      .expect(200);
    await request(service.app)
      .get(`/api/vendors/${id}`)
      .set('Authorization', await as('vendor', 'vendor-other', randomUUID()))
      .expect(403);
  });

  it('replays a repeated Idempotency-Key with the same body and registers one vendor', async () => {
    const before = await countVendors();
    const auth = await as('procurement');
    const send = () =>
      request(service.app)
        .post('/api/vendors')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'vendor-key-1')
        .send(vendorRequest({ name: '冪等商事' }));
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await countVendors()).toBe(before + 1);
  });
});
