import { randomUUID } from 'node:crypto';
import {
  AuditQuerySchema,
  BankListQuerySchema,
  BudgetListQuerySchema,
  ContractApproveRequestSchema,
  ContractCreateRequestSchema,
  ContractListQuerySchema,
  InvoiceCreateRequestSchema,
  InvoiceListQuerySchema,
  LoginRequestSchema,
  PaymentListQuerySchema,
  PortalUserCreateRequestSchema,
  RejectRequestSchema,
  TransferBatchCreateRequestSchema,
  TransferBatchListQuerySchema,
  VendorCreateRequestSchema,
} from '../src';
import type { z } from 'zod';

function issuePaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

const contract = {
  vendorId: randomUUID(),
  title: '庁舎清掃業務委託',
  budgetCode: '02.01.01.13',
  fiscalYear: 2026,
  amount: 1_650_000,
  taxRate: 10,
  startDate: '2026-04-01',
  endDate: '2027-03-31',
};

describe('ContractCreateRequestSchema', () => {
  it('accepts a contract', () => {
    expect(ContractCreateRequestSchema.parse(contract)).toEqual(contract);
  });

  it('accepts a one-day contract', () => {
    expect(
      ContractCreateRequestSchema.safeParse({ ...contract, endDate: contract.startDate }).success,
    ).toBe(true);
  });

  it('rejects an endDate before startDate at endDate', () => {
    expect(issuePaths(ContractCreateRequestSchema, { ...contract, endDate: '2026-03-31' })).toEqual(
      ['endDate'],
    );
  });

  it('rejects an impossible date', () => {
    expect(
      issuePaths(ContractCreateRequestSchema, { ...contract, startDate: '2026-02-30' }),
    ).toEqual(['startDate']);
  });

  it.each([
    ['a float', 1000.5],
    ['a string', '1650000'],
    ['zero', 0],
    ['a negative amount', -1],
  ])('rejects an amount that is %s', (_, amount) => {
    expect(issuePaths(ContractCreateRequestSchema, { ...contract, amount })).toEqual(['amount']);
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    const { amount, ...rest } = contract;
    const paths = issuePaths(ContractCreateRequestSchema, { ...rest, ammount: amount });
    expect(paths).toContain('amount');
    expect(paths).toContain('');
  });

  it('rejects a tax rate other than 10, 8 or 0', () => {
    expect(issuePaths(ContractCreateRequestSchema, { ...contract, taxRate: 5 })).toEqual([
      'taxRate',
    ]);
  });
});

describe('InvoiceCreateRequestSchema', () => {
  const invoice = {
    contractId: randomUUID(),
    invoiceNumber: 'INV-2026-0001',
    issueDate: '2026-05-31',
    registrationNumber: 'T8000012010038',
    lines: [
      { description: '5月分清掃', amount: 100_000, taxRate: 10 },
      { description: '飲料', amount: 1_000, taxRate: 8 },
    ],
  };

  it('accepts an invoice', () => {
    expect(InvoiceCreateRequestSchema.parse(invoice)).toEqual(invoice);
  });

  it('rejects a registration number with a wrong check digit', () => {
    expect(
      issuePaths(InvoiceCreateRequestSchema, { ...invoice, registrationNumber: 'T1000012010038' }),
    ).toEqual(['registrationNumber']);
  });

  it('names the offending line', () => {
    const lines = [invoice.lines[0], { description: '', amount: 1.5, taxRate: 10 }];
    expect(issuePaths(InvoiceCreateRequestSchema, { ...invoice, lines })).toEqual([
      'lines.1.description',
      'lines.1.amount',
    ]);
  });

  it('requires 1 to 100 lines', () => {
    expect(issuePaths(InvoiceCreateRequestSchema, { ...invoice, lines: [] })).toEqual(['lines']);
    const many = Array.from({ length: 101 }, () => invoice.lines[0]);
    expect(issuePaths(InvoiceCreateRequestSchema, { ...invoice, lines: many })).toEqual(['lines']);
  });

  it('rejects unknown fields on a line', () => {
    const lines = [{ ...invoice.lines[0], tax: 10_000 }];
    expect(issuePaths(InvoiceCreateRequestSchema, { ...invoice, lines })).toEqual(['lines.0']);
  });
});

describe('TransferBatchCreateRequestSchema', () => {
  const [a, b] = [randomUUID(), randomUUID()];

  it('accepts distinct payment ids', () => {
    expect(
      TransferBatchCreateRequestSchema.safeParse({ transferDate: '2026-06-30', paymentIds: [a, b] })
        .success,
    ).toBe(true);
  });

  it('reports each duplicate payment id at its index', () => {
    expect(
      issuePaths(TransferBatchCreateRequestSchema, {
        transferDate: '2026-06-30',
        paymentIds: [a, b, a, a],
      }),
    ).toEqual(['paymentIds.2', 'paymentIds.3']);
  });

  it('rejects an empty batch and a non-uuid id', () => {
    expect(
      issuePaths(TransferBatchCreateRequestSchema, { transferDate: '2026-06-30', paymentIds: [] }),
    ).toEqual(['paymentIds']);
    expect(
      issuePaths(TransferBatchCreateRequestSchema, {
        transferDate: '2026-06-30',
        paymentIds: ['42'],
      }),
    ).toEqual(['paymentIds.0']);
  });
});

describe('VendorCreateRequestSchema', () => {
  const vendor = {
    name: '株式会社デンピョウ',
    nameKana: 'カブシキガイシャデンピョウ',
    bankAccount: {
      bankCode: '0001',
      branchCode: '001',
      type: 'ordinary',
      number: '1234567',
      holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
    },
  };

  it('accepts a vendor without corporate or registration number', () => {
    expect(VendorCreateRequestSchema.parse(vendor)).toEqual(vendor);
  });

  it('checks the corporate and registration numbers when given', () => {
    expect(
      issuePaths(VendorCreateRequestSchema, {
        ...vendor,
        corporateNumber: '1000012010038',
        invoiceRegistrationNumber: 'T1000012010038',
      }),
    ).toEqual(['corporateNumber', 'invoiceRegistrationNumber']);
    expect(
      VendorCreateRequestSchema.safeParse({
        ...vendor,
        corporateNumber: '8000012010038',
        invoiceRegistrationNumber: 'T8000012010038',
      }).success,
    ).toBe(true);
  });
});

describe('small request bodies', () => {
  it('RejectRequestSchema requires a non-blank reason of at most 500 characters', () => {
    expect(RejectRequestSchema.parse({ reason: ' 金額相違 ' })).toEqual({ reason: '金額相違' });
    expect(issuePaths(RejectRequestSchema, { reason: '   ' })).toEqual(['reason']);
    expect(issuePaths(RejectRequestSchema, { reason: 'x'.repeat(501) })).toEqual(['reason']);
  });

  it('ContractApproveRequestSchema takes an optional comment only', () => {
    expect(ContractApproveRequestSchema.parse({})).toEqual({});
    expect(issuePaths(ContractApproveRequestSchema, { comment: 'ok', approver: 'x' })).toEqual([
      '',
    ]);
  });

  it('PortalUserCreateRequestSchema restricts usernames and password length', () => {
    expect(
      PortalUserCreateRequestSchema.safeParse({ username: 'acme.keiri', password: 'correct horse' })
        .success,
    ).toBe(true);
    expect(
      issuePaths(PortalUserCreateRequestSchema, { username: 'Acme', password: 'short' }),
    ).toEqual(['username', 'password']);
  });

  it('LoginRequestSchema requires both fields', () => {
    expect(issuePaths(LoginRequestSchema, { username: 'approver' })).toEqual(['password']);
  });
});

describe('list queries', () => {
  it('parse amounts from query strings', () => {
    expect(
      ContractListQuerySchema.parse({ status: 'approved', minAmount: '1000', maxAmount: '5000' }),
    ).toEqual({
      status: 'approved',
      minAmount: 1000,
      maxAmount: 5000,
    });
  });

  it('accept page, pageSize, sort among the declared fields, order and format', () => {
    expect(
      ContractListQuerySchema.parse({
        q: ' 清掃 ',
        page: '3',
        pageSize: '1000',
        sort: 'amount',
        order: 'desc',
        format: 'csv',
      }),
    ).toEqual({ q: '清掃', page: 3, pageSize: 1000, sort: 'amount', order: 'desc', format: 'csv' });
    expect(InvoiceListQuerySchema.parse({ sort: 'dueDate' })).toEqual({ sort: 'dueDate' });
    expect(BankListQuerySchema.parse({ pageSize: '50' })).toEqual({ pageSize: 50 });
  });

  it('refuse bad paging input, naming the field', () => {
    for (const [input, path] of [
      [{ page: '0' }, 'page'],
      [{ page: '-1' }, 'page'],
      [{ page: '1.5' }, 'page'],
      [{ page: '' }, 'page'],
      [{ pageSize: '1001' }, 'pageSize'],
      [{ pageSize: '0' }, 'pageSize'],
      [{ sort: 'title' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ format: 'xlsx' }, 'format'],
      [{ q: 'x'.repeat(101) }, 'q'],
    ] as const) {
      expect(issuePaths(ContractListQuerySchema, input)).toEqual([path]);
    }
    expect(issuePaths(BankListQuerySchema, { pageSize: '51' })).toEqual(['pageSize']);
    expect(issuePaths(AuditQuerySchema, { sort: 'at' })).toEqual(['sort']);
  });

  it.each([ContractListQuerySchema, InvoiceListQuerySchema, AuditQuerySchema])(
    'refuse empty ranges and unknown filters (%#)',
    (schema) => {
      expect(issuePaths(schema, { from: '2026-05-01', to: '2026-04-30' })).toEqual(['to']);
      expect(issuePaths(schema, { minAmount: '10', maxAmount: '9' })).toEqual(['maxAmount']);
      expect(issuePaths(schema, { minAmount: '1.5' })).toEqual(['minAmount']);
      expect(issuePaths(schema, { minAmmount: '1' })).toEqual(['']);
      expect(schema.safeParse({ from: '2026-04-01', to: '2026-04-01' }).success).toBe(true);
    },
  );

  it.each([TransferBatchListQuerySchema])('refuse an empty transfer-date range (%#)', (schema) => {
    expect(issuePaths(schema, { from: '2026-05-01', to: '2026-04-30' })).toEqual(['to']);
    expect(issuePaths(schema, { status: 'paid' })).toEqual(['status']);
  });

  it('PaymentListQuerySchema accepts its filters and refuses an empty due-date range', () => {
    const query = {
      invoiceId: randomUUID(),
      vendorId: randomUUID(),
      status: 'scheduled',
      dueFrom: '2026-04-01',
      dueTo: '2026-04-30',
      q: 'INV',
    };
    expect(PaymentListQuerySchema.parse(query)).toEqual(query);
    expect(issuePaths(PaymentListQuerySchema, { status: 'done' })).toEqual(['status']);
    expect(
      issuePaths(PaymentListQuerySchema, { dueFrom: '2026-05-01', dueTo: '2026-04-30' }),
    ).toEqual(['dueTo']);
  });

  it('parse the budget filters', () => {
    expect(BudgetListQuerySchema.parse({ fiscalYear: '2026', q: '01.02' })).toEqual({
      fiscalYear: 2026,
      q: '01.02',
    });
    expect(issuePaths(BudgetListQuerySchema, { fiscalYear: '26' })).toEqual(['fiscalYear']);
  });
});
