// What the bench's invoices are made against: demo users signed in, vendors, a budget and
// contracts approved along their whole route, all through the public API.
import { createRequire } from 'node:module';
import { api, login, pool } from './client.mjs';

const require = createRequire(import.meta.url);
const jp = require('../../packages/jp/dist/index.js');

const STAFF = [
  'procurement',
  'procurement2',
  'accountant',
  'accountant2',
  'treasurer',
  'treasurer2',
  'approver',
  'approver2',
  'approver3',
  'approver4',
];

/** A token for each demo staff user (one after the other: the portal throttles sign-ins). */
export async function signIn(base) {
  const users = {};
  for (const username of STAFF) users[username] = await login(base, username);
  return users;
}

/** The approvers of the default delegation table, lowest rank first (課長 … 市長). */
const ROUTE = ['approver', 'approver2', 'approver3', 'approver4'];
const routeLength = (amount) =>
  amount < 1_000_000 ? 1 : amount < 10_000_000 ? 2 : amount < 50_000_000 ? 3 : 4;

export function fiscalYearToday() {
  const today = jp.japanToday();
  return { today, fiscalYear: jp.fiscalYearOf(today) };
}

const BUDGET_CODE = '01.01.01.01';
const budgets = new WeakMap();

/** The bench's budget, made once per system (named by its users' tokens). */
function budgetOnce(base, users, fiscalYear) {
  if (!budgets.has(users)) {
    budgets.set(
      users,
      api(base, users.accountant, 'POST', '/api/budgets', {
        fiscalYear,
        code: BUDGET_CODE,
        name: 'ベンチ予算',
        amount: 9_000_000_000_000,
      }),
    );
  }
  return budgets.get(users);
}

/**
 * `count` approved contracts of `amount` each, spread over `vendorCount` vendors, on one budget.
 * Made through the API with `concurrency` requests in flight.
 */
export async function approvedContracts(
  base,
  users,
  { count, amount, vendorCount = 1, concurrency = 16 },
) {
  const { fiscalYear } = fiscalYearToday();
  await budgetOnce(base, users, fiscalYear);
  const vendors = [];
  await pool(vendorCount, concurrency, async (n) => {
    vendors[n] = await api(base, users.procurement, 'POST', '/api/vendors', {
      name: `株式会社ベンチ${n}`,
      nameKana: 'ｶﾌﾞｼｷｶﾞｲｼﾔﾍﾞﾝﾁ',
      invoiceRegistrationNumber: 'T7000012050002',
      bankAccount: {
        bankCode: '0001',
        branchCode: '001',
        type: 'ordinary',
        number: String(1_000_000 + n),
        holderKana: 'ｶ)ﾍﾞﾝﾁ',
      },
    });
  });
  const contracts = [];
  await pool(count, concurrency, async (n) => {
    const contract = await api(base, users.procurement, 'POST', '/api/contracts', {
      vendorId: vendors[n % vendorCount].id,
      title: `ベンチマーク契約${n}`,
      budgetCode: BUDGET_CODE,
      fiscalYear,
      amount,
      taxRate: 10,
      startDate: jp.fiscalYearStart(fiscalYear),
      endDate: jp.fiscalYearEnd(fiscalYear),
      method: 'negotiated',
    });
    await api(base, users.procurement, 'POST', `/api/contracts/${contract.id}/submit`);
    for (const approver of ROUTE.slice(0, routeLength(amount))) {
      await api(base, users[approver], 'POST', `/api/contracts/${contract.id}/approve`, {});
    }
    contracts[n] = contract;
  });
  return contracts;
}

/** An invoice of ¥112,160 (¥100,000 at 10 %, ¥2,000 at 8 %), or of `lineAmount` at 10 %. */
export function invoiceBody(contractId, number, lineAmount) {
  const { today } = fiscalYearToday();
  return {
    contractId,
    invoiceNumber: `B-${number}`,
    issueDate: today,
    registrationNumber: 'T7000012050002',
    lines: lineAmount
      ? [{ description: '作業', amount: lineAmount, taxRate: 10 }]
      : [
          { description: '作業', amount: 100_000, taxRate: 10 },
          { description: '資料', amount: 2_000, taxRate: 8 },
        ],
  };
}
export const INVOICE_TOTAL = 112_160;
