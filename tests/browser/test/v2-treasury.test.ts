import { ApiUser, today } from './support/api';
import { choose, confirmStep, field, toast } from './support/browser';
import { browserFlow, expectNoSeriousFindings } from './support/flow';

// The treasurer's office (会計管理者) at its screens, v2: the orders are examined and confirmed,
// a batch paid after a due date needs its reason, another treasurer approves, the bank's result
// is recorded on the transfer date with one transfer returned (振込不能) and sent again, the late
// payment's interest (遅延利息) comes back as an order to confirm, the withholding ledger shows
// the tax kept back, and fiscal year 2026 is closed (出納閉鎖) from June 1 2027. The system runs
// on the date the global setup pins (2027-06-01); the orders are made through the API.

const VENDOR = '山田 太郎';

interface Seeded {
  lateInvoice: string;
  failingInvoice: string;
}

async function seed(): Promise<Seeded> {
  const [procurement, procurement2, approver, approver2, approver3, accountant] = await Promise.all(
    ['procurement', 'procurement2', 'approver', 'approver2', 'approver3', 'accountant'].map(
      (name) => ApiUser.signIn(name),
    ),
  );
  const day = today();
  const fiscalYear = 2027;
  const budgetCode = '04.01.01.08';
  await accountant.call('POST', '/api/budgets', {
    fiscalYear,
    code: budgetCode,
    name: '報償費',
    amount: 50_000_000,
  });
  // A lecturer: an individual without a T-number (免税事業者), whose fees are withheld.
  const vendor = await procurement.call<{ id: string }>('POST', '/api/vendors', {
    name: VENDOR,
    nameKana: 'ヤマダタロウ',
    kind: 'individual',
    bankAccount: {
      bankCode: '0001',
      branchCode: '001',
      type: 'ordinary',
      number: '1112223',
      holderKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
    },
  });
  const contract = await procurement.call<{ id: string }>('POST', '/api/contracts', {
    vendorId: vendor.id,
    title: '市民講座講師業務',
    budgetCode,
    fiscalYear,
    amount: 12_100_000,
    taxRate: 10,
    kind: 'services',
    method: 'negotiated',
    startDate: `${fiscalYear}-04-01`,
    endDate: `${fiscalYear + 1}-03-31`,
  });
  await procurement.call('POST', `/api/contracts/${contract.id}/submit`);
  // ¥12,100,000: 課長 → 部長 → 副市長.
  for (const signer of [approver, approver2, approver3])
    await signer.call('POST', `/api/contracts/${contract.id}/approve`, {});

  // A claim that arrived on April 20 (due in May: paid late today) and one that arrived today.
  const late = await procurement.postWhenReady<{ id: string }>('/api/invoices', {
    contractId: contract.id,
    invoiceNumber: 'YT-0420',
    issueDate: `${fiscalYear}-04-19`,
    receivedOn: `${fiscalYear}-04-20`,
    lines: [{ description: '講演料（4月）', amount: 10_000_000, taxRate: 10, withholding: true }],
  });
  const onTime = await procurement.postWhenReady<{ id: string }>('/api/invoices', {
    contractId: contract.id,
    invoiceNumber: 'YT-0601',
    issueDate: day,
    receivedOn: day,
    lines: [{ description: '資料作成', amount: 200_000, taxRate: 10 }],
  });
  for (const invoice of [late, onTime]) {
    await procurement2.call('POST', `/api/invoices/${invoice.id}/inspect`);
    await accountant.call('POST', `/api/invoices/${invoice.id}/approve`);
  }
  return { lateInvoice: 'YT-0420', failingInvoice: 'YT-0601' };
}

describe('the treasurer’s office, v2', () => {
  let seeded: Seeded;
  let batchUrl = '';
  const { as, step } = browserFlow('v2-treasury-');

  beforeAll(async () => {
    seeded = await seed();
  }, 120_000);

  step(
    'the treasurer examines both orders, with withholding and net, and confirms them',
    async () => {
      const page = await as('treasurer');
      await page.getByRole('link', { name: '支出命令の審査', exact: true }).click();
      const lateRow = page.getByRole('row').filter({ hasText: seeded.lateInvoice });
      for (let attempt = 1; ; attempt++) {
        try {
          await lateRow.waitFor({ timeout: 5000 });
          break;
        } catch (error) {
          if (attempt === 4) throw error;
          await page.reload();
        }
      }
      // ¥11,000,000: 10.21% of ¥1,000,000 and 20.42% of the rest withheld (所得税法 Art. 204).
      await lateRow.getByText('¥1,939,900').waitFor();
      await lateRow.getByText('¥9,060,100').waitFor();
      await lateRow.getByText('期限超過', { exact: false }).waitFor();
      await expectNoSeriousFindings(page, 'v2-payment-confirmations');
      for (const invoiceNumber of [seeded.lateInvoice, seeded.failingInvoice]) {
        const row = page.getByRole('row').filter({ hasText: invoiceNumber });
        await confirmStep(page, row.getByRole('button', { name: '確認する' }), '確認する');
        await toast(page, `請求書番号 ${invoiceNumber} の支出命令を確認しました。`);
      }
    },
  );

  step(
    'a batch paid after a due date asks for the reason, and the late payment is marked',
    async () => {
      const page = await as('treasurer');
      await page.getByRole('link', { name: '振込', exact: true }).click();
      await page.getByRole('link', { name: '振込を作成' }).first().click();
      await page.getByRole('button', { name: 'この条件の2件をすべて選択' }).click();
      const summary = page.getByRole('complementary', { name: '選択中の支払' });
      await summary.getByText('2件', { exact: true }).waitFor();
      const [year, month, date] = today().split('-').map(Number) as [number, number, number];
      await choose(page, '振込日', `令和${year - 2018}年${month}月${date}日`);
      await summary.getByText(/1件は支払期限より後に振り込まれます/).waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: seeded.lateInvoice })
        .getByText(/この振込日で\d+日遅延/)
        .waitFor();
      const create = page.getByRole('button', { name: '振込を作成する' });
      expect(await create.isDisabled()).toBe(true); // no reason yet
      await page.getByLabel(field('遅延理由')).fill('請求書の受付処理が遅れたため');
      await create.click();
      await toast(page, /^振込（2件、.+）を作成しました。/);
      await page.waitForURL(/\/transfer-batches\/[0-9a-f-]{36}$/);
      batchUrl = page.url();
      await page.getByText('請求書の受付処理が遅れたため').waitFor();
      await page.getByText(/^あなたが作成した振込のため、承認できません。/).waitFor();
    },
  );

  step('a second treasurer approves it', async () => {
    const page = await as('treasurer2');
    await page.goto(batchUrl);
    await confirmStep(page, page.getByRole('button', { name: '承認する' }), '承認する');
    await toast(page, '振込を承認しました。全銀ファイルをダウンロードできます。');
  });

  step(
    'on the transfer date the result is recorded, one transfer returned by the bank',
    async () => {
      const page = await as('treasurer');
      await page.goto(batchUrl);
      await confirmStep(
        page,
        page.getByRole('button', { name: '振込完了を記録' }),
        '振込完了を記録',
        async (dialog) => {
          await dialog
            .getByRole('checkbox', { name: new RegExp(`^${seeded.failingInvoice}（`) })
            .check({ force: true });
          await choose(page, `${seeded.failingInvoice} の振込不能の理由`, '名義相違');
          await dialog.getByText('支払済 1件', { exact: false }).waitFor();
        },
      );
      await toast(page, /1件は振込不能として「支払」の一覧に戻りました。/);
      await page.getByText(/1件は振込不能でした/).waitFor();
      await expectNoSeriousFindings(page, 'v2-batch-settled');
    },
  );

  step('the returned payment is listed with the bank’s reason and sent again', async () => {
    const page = await as('treasurer');
    await page.getByRole('link', { name: '支払', exact: true }).click();
    await choose(page, '状態', '振込不能');
    const row = page.getByRole('row').filter({ hasText: seeded.failingInvoice });
    await row.getByText('名義相違').waitFor();
    await confirmStep(
      page,
      row.getByRole('button', { name: '再振込に戻す' }),
      '再振込に戻す',
      (dialog) => dialog.getByRole('checkbox').check({ force: true }),
    );
    await toast(
      page,
      `請求書番号 ${seeded.failingInvoice} を確認済に戻しました。次の振込に組み込めます。`,
    );
  });

  step('the late payment’s interest comes back as an order to confirm (遅延利息)', async () => {
    const page = await as('treasurer');
    await page.getByRole('link', { name: '支出命令の審査', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: seeded.lateInvoice });
    for (let attempt = 1; ; attempt++) {
      try {
        await row.getByText('遅延利息').waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 4) throw error;
        await page.reload();
      }
    }
  });

  step('the withholding ledger shows the tax kept back and when it is due', async () => {
    const page = await as('treasurer');
    await page.getByRole('link', { name: '源泉徴収', exact: true }).click();
    // Until the 10th the ledger opens on last month; the transfer was this month.
    await page.getByRole('link', { name: /次の月/ }).click();
    // The month's ledger is the first table (the year's per-recipient table repeats the figures).
    const row = page.getByRole('table').first().getByRole('row').filter({ hasText: VENDOR });
    await row.getByText('¥1,939,900').waitFor();
    await row.getByText('¥9,060,100').waitFor();
    await page
      .getByRole('link', { name: /CSVダウンロード/ })
      .first()
      .waitFor();
    await expectNoSeriousFindings(page, 'v2-withholding');
  });

  step('fiscal year 2026 is closed from June 1 2027; 2027 cannot be closed yet', async () => {
    const page = await as('treasurer');
    await page.getByRole('link', { name: '出納閉鎖', exact: true }).click();
    const open = page.getByRole('row').filter({ hasText: '2027年度' });
    await open.getByText('令和10年6月1日から閉鎖できます（出納整理期間中）').waitFor();
    expect(await open.getByRole('button', { name: '出納閉鎖する' }).isDisabled()).toBe(true);
    const closing = page.getByRole('row').filter({ hasText: '2026年度' });
    await confirmStep(page, closing.getByRole('button', { name: '出納閉鎖する' }), '出納閉鎖する');
    await toast(page, '2026年度（令和8年度）を出納閉鎖しました。');
    await closing.getByText('閉鎖済').waitFor();
    await expectNoSeriousFindings(page, 'v2-fiscal-years');
  });
});
