import { parseConfig, serviceEnvSchema, type ServiceEnv } from '@denpyo/platform';
import { kafkaTestBrokers, kafkaTestSecurity, waitFor } from '@denpyo/platform/testing';
import request from 'supertest';
import { isBankBusinessDay } from '@denpyo/jp';
import { signInDemoUsers, startSystem, type RunningSystem } from './support/system';
import { zenginRecords } from './support/zengin';

// The whole flow of API.md through the portal, once per event-bus adapter.
const kafkaBrokers = kafkaTestBrokers();
type Settings = ((name: 'contract' | 'invoice' | 'payment') => Partial<ServiceEnv>) | undefined;
const adapters: [string, string[] | undefined, Settings][] = [
  ['the PostgreSQL event log', undefined, undefined],
];
if (kafkaBrokers) adapters.push(['Kafka', kafkaBrokers, undefined]);
// As compose runs it: SCRAM over TLS, each service its own user, held to its ACLs.
const secured = kafkaTestSecurity();
if (secured) {
  adapters.push([
    'Kafka over SCRAM and TLS, each service its own user',
    secured.sslBrokers,
    (name) => {
      const {
        KAFKA_SASL_MECHANISM,
        KAFKA_SASL_USERNAME,
        KAFKA_SASL_PASSWORD,
        KAFKA_SSL,
        KAFKA_SSL_CA_FILE,
      } = parseConfig(serviceEnvSchema, {
        DATABASE_URL: 'postgresql://unused:unused@localhost/unused',
        PUBLIC_URL: 'http://localhost:3000',
        KAFKA_BROKERS: secured.sslBrokers.join(','),
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: name,
        KAFKA_SASL_PASSWORD: secured.users[name] ?? '',
        KAFKA_SSL: '1',
        KAFKA_SSL_CA_FILE: secured.caFile,
      });
      return {
        KAFKA_SASL_MECHANISM,
        KAFKA_SASL_USERNAME,
        KAFKA_SASL_PASSWORD,
        KAFKA_SSL,
        KAFKA_SSL_CA_FILE,
      };
    },
  ]);
}
if (!kafkaBrokers)
  process.stdout.write(
    'contract-to-payment: KAFKA_TEST_BROKERS not set, the Kafka flow is skipped\n',
  );

// The system's date, pinned (a Tuesday and a bank business day): the batch is dated today, so
// it can be settled on the same day (settlement waits for the transfer date).
const TODAY = '2026-12-01';

describe.each(adapters)('contract to payment on %s', (_name, brokers, serviceSettings) => {
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    system = await startSystem({
      kafkaBrokers: brokers,
      today: TODAY,
      ...(serviceSettings ? { serviceSettings } : {}),
    });
    Object.assign(
      tokens,
      await signInDemoUsers(system, [
        'procurement',
        'approver',
        'approver2',
        'accountant',
        'accountant2',
        'treasurer',
        'treasurer2',
        'auditor',
      ]),
    );
  }, 60_000);
  afterAll(() => system?.stop());

  it('carries a contract through to a paid remittance the vendor can see', async () => {
    const vendor = await api()
      .post('/api/vendors')
      .set(as('procurement'))
      .send({
        name: '株式会社デンピョウ商事',
        nameKana: 'カブシキガイシャデンピョウショウジ',
        corporateNumber: '7000012050002',
        invoiceRegistrationNumber: 'T7000012050002',
        bankAccount: {
          bankCode: '0001',
          branchCode: '001',
          type: 'ordinary',
          number: '1234567',
          holderKana: 'カ）デンピョウショウジ',
        },
      })
      .expect(201);
    const vendorId: string = vendor.body.id;

    await api()
      .post(`/api/vendors/${vendorId}/portal-users`)
      .set(as('procurement'))
      .send({ username: `vendor-${vendorId.slice(0, 8)}`, password: 'vendor-password' })
      .expect(201);
    const vendorLogin = await api()
      .post('/api/auth/login')
      .send({ username: `vendor-${vendorId.slice(0, 8)}`, password: 'vendor-password' })
      .expect(200);
    expect(vendorLogin.body.user).toEqual(
      expect.objectContaining({ roles: ['vendor'], vendorId, mustChangePassword: true }),
    );
    tokens.vendor = vendorLogin.body.token;
    // Procurement chose that password: the vendor replaces it before the portal lets it do more.
    await api()
      .post('/api/auth/password')
      .set(as('vendor'))
      .send({ currentPassword: 'vendor-password', newPassword: 'vendor-own-password' })
      .expect(200);

    const fiscalYear = 2026;
    const budgetCode = '01.02.03.04';
    await api()
      .post('/api/budgets')
      .set(as('accountant'))
      .send({ fiscalYear, code: budgetCode, name: '委託料', amount: 10_000_000 })
      .expect(201);

    const draft = await api()
      .post('/api/contracts')
      .set(as('procurement'))
      .send({
        vendorId,
        title: '庁舎設備保守点検業務',
        budgetCode,
        fiscalYear,
        amount: 3_300_000,
        taxRate: 10,
        startDate: '2026-04-01',
        endDate: '2027-03-31',
      })
      .expect(201);
    expect(draft.body.status).toBe('draft');
    const contractId: string = draft.body.id;
    await api().post(`/api/contracts/${contractId}/submit`).set(as('procurement')).expect(200);
    await api()
      .post(`/api/contracts/${contractId}/approve`)
      .set(as('procurement'))
      .send({})
      .expect(403);
    // ¥3,300,000 takes 課長 then 部長 (the default delegation table): approver, then approver2.
    const first = await api()
      .post(`/api/contracts/${contractId}/approve`)
      .set(as('approver'))
      .send({ comment: '確認しました' })
      .expect(200);
    expect(first.body.status).toBe('submitted');
    const second = await api()
      .post(`/api/contracts/${contractId}/approve`)
      .set(as('approver2'))
      .send({})
      .expect(200);
    expect(second.body.status).toBe('approved');
    const budget = await api()
      .get(`/api/budgets/${fiscalYear}/${budgetCode}`)
      .set(as('accountant'))
      .expect(200);
    expect(budget.body).toEqual(
      expect.objectContaining({
        amount: 10_000_000,
        encumbered: 3_300_000,
        available: 6_700_000,
        spent: 0,
      }),
    );

    // The invoice service learns of the approved contract from its event.
    const invoice = await waitFor(async () => {
      const response = await api()
        .post('/api/invoices')
        .set(as('vendor'))
        .send({
          contractId,
          invoiceNumber: 'INV-2026-0001',
          issueDate: TODAY,
          registrationNumber: 'T7000012050002',
          lines: [
            { description: '保守点検（11月分）', amount: 1_000_000, taxRate: 10 },
            { description: '交換部品', amount: 50_000, taxRate: 10 },
          ],
        });
      return response.status === 201 ? response.body : undefined;
    });
    expect(invoice).toEqual(
      expect.objectContaining({ status: 'received', subtotal: 1_050_000, total: 1_155_000 }),
    );
    expect(invoice.taxes).toEqual([{ rate: 10, base: 1_050_000, tax: 105_000 }]);
    expect(isBankBusinessDay(invoice.dueDate)).toBe(true);

    await waitFor(async () => {
      const contract = await api()
        .get(`/api/contracts/${contractId}`)
        .set(as('vendor'))
        .expect(200);
      return (
        contract.body.invoicedAmount === 1_155_000 && contract.body.remainingAmount === 2_145_000
      );
    });

    await api().post(`/api/invoices/${invoice.id}/inspect`).set(as('procurement')).expect(200);
    const ordered = await api()
      .post(`/api/invoices/${invoice.id}/approve`)
      .set(as('accountant'))
      .expect(200);
    expect(ordered.body.status).toBe('approved');

    const payment = await waitFor(async () => {
      const payments = await api()
        .get(`/api/payments?invoiceId=${invoice.id}`)
        .set(as('accountant'))
        .expect(200);
      return payments.body[0];
    });
    expect(payment).toEqual(
      expect.objectContaining({
        invoiceId: invoice.id,
        contractId,
        vendorId,
        amount: 1_155_000,
        status: 'scheduled',
        orderedBy: 'accountant',
      }),
    );

    // v2: the treasurer examines the order (never its orderer), then the treasurer's office
    // batches it: one treasurer drafts, another approves; accountants no longer batch.
    await api()
      .post(`/api/payments/${payment.id}/confirm`)
      .set(as('accountant'))
      .send({})
      .expect(403);
    const confirmed = await api()
      .post(`/api/payments/${payment.id}/confirm`)
      .set(as('treasurer'))
      .send({})
      .expect(200);
    expect(confirmed.body).toEqual(
      expect.objectContaining({ status: 'confirmed', confirmedBy: 'treasurer' }),
    );

    const transferDate = TODAY;
    expect(isBankBusinessDay(transferDate)).toBe(true);
    await api()
      .post('/api/transfer-batches')
      .set(as('accountant'))
      .send({ transferDate, paymentIds: [payment.id] })
      .expect(403);
    const batch = await api()
      .post('/api/transfer-batches')
      .set(as('treasurer'))
      .send({ transferDate, paymentIds: [payment.id] })
      .expect(201);
    expect(batch.body).toEqual(
      expect.objectContaining({ status: 'draft', count: 1, total: 1_155_000 }),
    );
    await api()
      .post(`/api/transfer-batches/${batch.body.id}/approve`)
      .set(as('treasurer'))
      .expect(403);
    await api()
      .post(`/api/transfer-batches/${batch.body.id}/approve`)
      .set(as('treasurer2'))
      .expect(200);

    const records = await zenginRecords(system, as('treasurer'), batch.body.id);
    expect(records.map((record) => record[0])).toEqual(['1', '2', '8', '9']);
    expect(records[1]!.slice(80, 90)).toBe('0001155000');
    expect(records[2]!.slice(1, 7)).toBe('000001');
    expect(records[2]!.slice(7, 19)).toBe('000001155000');

    await api()
      .post(`/api/transfer-batches/${batch.body.id}/settle`)
      .set(as('treasurer'))
      .send({})
      .expect(200);
    const remittances = await api().get('/api/vendor/remittances').set(as('vendor')).expect(200);
    expect(remittances.body).toEqual([
      expect.objectContaining({
        paymentId: payment.id,
        invoiceNumber: 'INV-2026-0001',
        amount: 1_155_000,
        status: 'paid',
        transferDate,
      }),
    ]);
    const notice = await api()
      .get(`/api/payments/${payment.id}/remittance-notice.pdf`)
      .set(as('vendor'))
      .expect(200);
    expect(notice.headers['content-type']).toMatch(/application\/pdf/);

    // Settlement reaches the contract and the budget through PaymentExecuted.
    await waitFor(async () => {
      const contract = await api()
        .get(`/api/contracts/${contractId}`)
        .set(as('procurement'))
        .expect(200);
      return contract.body.paidAmount === 1_155_000;
    });
    const spent = await api()
      .get(`/api/budgets/${fiscalYear}/${budgetCode}`)
      .set(as('accountant'))
      .expect(200);
    expect(spent.body).toEqual(
      expect.objectContaining({ spent: 1_155_000, encumbered: 3_300_000 }),
    );

    for (const path of [
      `/api/contracts/${contractId}/voucher.pdf`,
      `/api/invoices/${invoice.id}/voucher.pdf`,
    ]) {
      const voucher = await api().get(path).set(as('accountant')).expect(200);
      expect(voucher.headers['content-type']).toMatch(/application\/pdf/);
    }
    const audit = await api()
      .get(`/api/audit/contract?counterparty=${vendorId}`)
      .set(as('auditor'))
      .expect(200);
    expect(audit.body.length).toBeGreaterThan(0);

    // A vendor sees only its own records, listed through the portal with their paging headers.
    const own = await api().get('/api/invoices').set(as('vendor')).expect(200);
    expect(own.body.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
    expect(own.headers['x-total-count']).toBe('1');
    await api().get(`/api/invoices/${invoice.id}`).set(as('vendor')).expect(200);
    const csv = await api()
      .get(`/api/contracts?vendorId=${vendorId}&format=csv`)
      .set(as('auditor'))
      .responseType('blob')
      .expect(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="listContracts-/);
    expect((csv.body as Buffer).toString('utf8')).toContain(contractId);
  }, 90_000);
});
