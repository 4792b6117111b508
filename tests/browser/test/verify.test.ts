import { corporateNumberCheckDigit } from '@denpyo/jp';
import { ApiUser, fiscalYearOf, today } from './support/api';
import { field } from './support/browser';
import { browserFlow, expectNoSeriousFindings } from './support/flow';

// 書類の照合 (issue 9 §2): the page a voucher's QR code opens compares the hash printed on the
// voucher with the one the record gives now. A fresh contract's voucher matches, and the page
// shows the record's amount and counterparty to compare with the paper (the hash is printed on
// the paper itself, so it cannot tell an altered amount); once the contract is signed off, the
// same print no longer does, and the page says what that means. The contract
// is made through the API; the verification is what a person sees at the screen. Photographed to
// .data/screenshots/verify-match.png and verify-mismatch.png.
describe('verifying a printed voucher on the page its QR code opens', () => {
  const { as, step } = browserFlow('verify-');
  let contractId = '';
  /** The hash the 支出負担行為決議書 printed before the sign-off carries. */
  let printedHash = '';
  let approver: ApiUser;

  step('a submitted contract’s commitment voucher is printed', async () => {
    const [procurement, accountant] = await Promise.all(
      ['procurement', 'accountant'].map((name) => ApiUser.signIn(name)),
    );
    approver = await ApiUser.signIn('approver');
    const fiscalYear = fiscalYearOf(today());
    const budgetCode = '05.01.01.01';
    await accountant.call('POST', '/api/budgets', {
      fiscalYear,
      code: budgetCode,
      name: '委託料',
      amount: 5_000_000,
    });
    const corporateNumber = `${corporateNumberCheckDigit('500000000009')}500000000009`;
    const vendor = await procurement.call<{ id: string }>('POST', '/api/vendors', {
      name: '株式会社ショウゴウ設備',
      nameKana: 'カブシキガイシャショウゴウセツビ',
      corporateNumber,
      invoiceRegistrationNumber: `T${corporateNumber}`,
      bankAccount: {
        bankCode: '0001',
        branchCode: '001',
        type: 'ordinary',
        number: '2345678',
        holderKana: 'ｶ)ｼﾖｳｺﾞｳｾﾂﾋﾞ',
      },
    });
    const contract = await procurement.call<{ id: string }>('POST', '/api/contracts', {
      vendorId: vendor.id,
      title: '浄水場ポンプ点検業務',
      budgetCode,
      fiscalYear,
      amount: 880_000,
      taxRate: 10,
      kind: 'services',
      method: 'negotiated',
      startDate: `${fiscalYear}-04-01`,
      endDate: `${fiscalYear + 1}-03-31`,
    });
    contractId = contract.id;
    await procurement.call('POST', `/api/contracts/${contractId}/submit`);
    const printed = await accountant.call<{ hash: string }>(
      'GET',
      `/api/contracts/${contractId}/voucher/verification`,
    );
    printedHash = printed.hash;
  });

  step('the QR code’s page says the print matches, and gives the figures to compare', async () => {
    const page = await as('accountant');
    await page.goto(`/verify/contract/${contractId}?h=${printedHash}`);
    await page.getByRole('heading', { name: '書類の照合', level: 1 }).waitFor();
    await page.getByRole('status').getByText('一致しています').waitFor();
    await page.getByText(/記録の内容（金額・相手方など）と印刷物を見比べてください/).waitFor();
    await page.getByText('浄水場ポンプ点検業務').waitFor();
    await page.getByText('¥880,000').waitFor();
    await page.getByText('株式会社ショウゴウ設備').waitFor();
    await expectNoSeriousFindings(page, 'verify-match');
  });

  step('once the contract is signed off, the same print no longer matches', async () => {
    await approver.call('POST', `/api/contracts/${contractId}/approve`, { comment: '確認済' });
    const page = await as('accountant');
    await page.goto(`/verify/contract/${contractId}?h=${printedHash}`);
    const verdict = page.getByRole('alert');
    await verdict.getByText('一致しません').waitFor();
    await verdict.getByText(/印刷後に記録が変わった/).waitFor();
    await verdict.getByText(/入力の誤り/).waitFor();
    await expectNoSeriousFindings(page, 'verify-mismatch');
  });

  step('the hash typed from a fresh print is compared as well', async () => {
    const accountant = await ApiUser.signIn('accountant');
    const current = await accountant.call<{ hash: string }>(
      'GET',
      `/api/contracts/${contractId}/voucher/verification`,
    );
    const page = await as('accountant');
    // As read off paper: in groups, upper case.
    const typed = current.hash.toUpperCase().replace(/(.{16})/g, '$1 ');
    await page.getByLabel(field('書類に印刷された検証用ハッシュ値')).fill(typed);
    await page.getByRole('button', { name: '貼り付けたハッシュ値と照合' }).click();
    await page.getByRole('status').getByText('一致しています').waitFor();
    expect(new URL(page.url()).searchParams.get('h')).toBe(current.hash);
  });
});
