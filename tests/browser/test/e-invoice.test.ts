import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { corporateNumberCheckDigit } from '@denpyo/jp';
import { waitFor } from '@denpyo/platform/testing';
import { ApiUser, fiscalYearOf, today } from './support/api';
import { baseUrl, toast } from './support/browser';
import { browserFlow, expectNoSeriousFindings } from './support/flow';
import { repoRoot } from './support/paths';

// 電子インボイス（JP PINT）の登録 at the screen: procurement chooses an XML file that breaks
// jp-br-co-01 and sees the refusal with its rule and element, then the jp-pint package's
// multi-rate vector stating another payee account: the preview shows the seller, the contract it
// matched, the tax per rate and the warning about the account; 「登録する」 opens the invoice,
// which shows 電子インボイス (JP PINT), the download of the original and its SHA-256. The upload
// page, the refusal and the preview are photographed to .data/screenshots.

const BUDGET = { code: '07.01.01.08', name: '委託料' };
const CORPORATE_NUMBER = `${corporateNumberCheckDigit('567890123456')}567890123456`;
const T_NUMBER = `T${CORPORATE_NUMBER}`;
const VECTORS = join(repoRoot, 'packages', 'jp-pint', 'test', 'vectors');

function vector(name: string, contract: string): Buffer {
  const text = readFileSync(join(VECTORS, name), 'utf8')
    .replaceAll('{{CONTRACT}}', contract)
    .replaceAll('{{T_NUMBER}}', T_NUMBER)
    .replaceAll('{{ISSUE_DATE}}', today());
  return Buffer.from(text, 'utf8');
}

let documentNumber = '';

async function seed(): Promise<void> {
  const [accountant, procurement, approver] = await Promise.all(
    ['accountant', 'procurement', 'approver'].map((name) => ApiUser.signIn(name)),
  );
  const fiscalYear = fiscalYearOf();
  await accountant.call('POST', '/api/budgets', {
    fiscalYear,
    code: BUDGET.code,
    name: BUDGET.name,
    amount: 5_000_000,
  });
  const vendor = await procurement.call<{ id: string }>('POST', '/api/vendors', {
    name: '株式会社みなと設備',
    nameKana: 'カブシキガイシャミナトセツビ',
    corporateNumber: CORPORATE_NUMBER,
    invoiceRegistrationNumber: T_NUMBER,
    bankAccount: {
      bankCode: '0001',
      branchCode: '001',
      type: 'ordinary',
      number: '1234567',
      holderKana: 'カ）ミナトセツビ',
    },
  });
  const contract = await procurement.call<{ id: string }>('POST', '/api/contracts', {
    vendorId: vendor.id,
    title: '庁舎清掃業務（電子インボイス）',
    budgetCode: BUDGET.code,
    fiscalYear,
    amount: 990_000,
    taxRate: 10,
    kind: 'services',
    method: 'negotiated',
    startDate: `${fiscalYear}-04-01`,
    endDate: `${fiscalYear + 1}-03-31`,
  });
  await procurement.call('POST', `/api/contracts/${contract.id}/submit`);
  const approved = await approver.call<{ documentNumber: string }>(
    'POST',
    `/api/contracts/${contract.id}/approve`,
    {},
  );
  documentNumber = approved.documentNumber;
  // The invoice service learns of the contract from its event: wait until a preview matches it.
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'procurement', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  await waitFor(
    async () => {
      const response = await fetch(`${baseUrl()}/api/invoices/e-invoice/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
        body: new Uint8Array(vector('invoice-multi-rate.xml', documentNumber)),
      });
      return response.ok || undefined;
    },
    20_000,
    'the invoice service to know the contract',
  );
}

describe('電子インボイス（JP PINT）の登録', () => {
  const { as, step } = browserFlow('e-invoice-');

  beforeAll(seed, 120_000);

  async function upload(page: Page, name: string, xml: Buffer) {
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: 'application/xml', buffer: xml });
  }

  async function photographed(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoSeriousFindings(page, name);
  }

  step('procurement opens the upload page from the menu', async () => {
    const page = await as('procurement');
    await page.getByRole('link', { name: '電子インボイスの登録' }).first().click();
    await page
      .getByRole('heading', { name: '電子インボイス（JP PINT）の登録', level: 1 })
      .waitFor();
    await photographed(page, 'e-invoice-upload');
  });

  step(
    'a stated tax outside the rounding tolerance is refused, naming rule and element',
    async () => {
      const page = await as('procurement');
      await upload(page, 'rounding-refused.xml', vector('rounding-refused.xml', documentNumber));
      await page.getByText(/^この請求書は登録できません/).waitFor();
      await page
        .getByText(/規則 jp-br-co-01/)
        .first()
        .waitFor();
      await page
        .getByText(/cac:TaxSubtotal/)
        .first()
        .waitFor();
      expect(await page.getByRole('button', { name: '登録する' }).count()).toBe(0);
      await photographed(page, 'e-invoice-refused');
    },
  );

  step('the preview shows what was read, and warns of a payee account not registered', async () => {
    const page = await as('procurement');
    const xml = Buffer.from(
      vector('invoice-multi-rate.xml', documentNumber)
        .toString('utf8')
        .replace('<cbc:ID>1234567</cbc:ID>', '<cbc:ID>7654321</cbc:ID>'),
      'utf8',
    );
    await upload(page, 'INV-2026-0002.xml', xml);
    await page.getByRole('heading', { name: '読み取った内容' }).waitFor();
    await page.getByText('株式会社みなと設備').first().waitFor();
    await page.getByText(T_NUMBER).first().waitFor();
    await page.getByText(new RegExp(`^${documentNumber} `)).waitFor();
    await page.getByText('庁舎清掃業務').first().waitFor();
    await page.getByText('¥59,440').first().waitFor();
    await page.getByText('記載の振込先は、登録されている口座と異なります').waitFor();
    await photographed(page, 'e-invoice-preview');

    await page.getByRole('button', { name: '登録する' }).click();
    await toast(page, /^電子インボイスを .+ として受け付けました/);
    await page.getByRole('heading', { name: /^請求書 IV-/, level: 1 }).waitFor();
    await page.getByText('電子インボイス (JP PINT)').waitFor();
    await page.getByRole('link', { name: '原本XMLをダウンロード' }).waitFor();
    const sha256 = createHash('sha256').update(xml).digest('hex');
    await page.getByText(`SHA-256: ${sha256}`).waitFor();
    await page
      .getByText(/請求書に記載の振込先（0001-001-7654321）は登録口座と異なります/)
      .waitFor();
    await photographed(page, 'e-invoice-detail');
  });

  step('a credit note against that invoice reduces what will be paid', async () => {
    const page = await as('procurement');
    const invoicePage = page.url();
    await page.getByRole('link', { name: '電子インボイスの登録' }).first().click();
    await page
      .getByRole('heading', { name: '電子インボイス（JP PINT）の登録', level: 1 })
      .waitFor();
    const creditNote = Buffer.from(
      vector('credit-note.xml', documentNumber)
        .toString('utf8')
        .replace('<cbc:ID>INV-2026-0001</cbc:ID>', '<cbc:ID>INV-2026-0002</cbc:ID>'),
      'utf8',
    );
    await upload(page, 'CN-2026-0001.xml', creditNote);
    await page
      .getByText(/^この書類は返還請求書です。登録すると、請求書 INV-2026-0002 の支払額から/)
      .waitFor();
    await photographed(page, 'e-invoice-credit-preview');
    await page.getByRole('button', { name: '登録する' }).click();
    await toast(page, /^返還請求書を受け付けました。請求書 INV-2026-0002 の支払額は ¥37,440 です/);
    await page.waitForURL(invoicePage);
    await page.getByRole('heading', { name: '返還（返還請求書）' }).waitFor();
    await page.getByText(/返還請求書 CN-2026-0001/).waitFor();
    await page.getByText('¥37,440').first().waitFor();
    await photographed(page, 'e-invoice-credited');
  });
});
