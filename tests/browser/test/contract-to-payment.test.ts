import { waitFor } from '@denpyo/platform/testing';
import { readFileSync } from 'node:fs';
import { fiscalYearOf, today } from './support/api';
import { choose, confirmStep, field, pick, toast } from './support/browser';
import { browserFlow, expectNoSeriousFindings } from './support/flow';
import { readZenginFile } from './support/zengin';

// The "done when", through the browser only: every step is a person at a screen — no API
// call, no URL typed except the portal's address and what a colleague would send as a link. v2:
// the approval route follows the delegation table (課長 → 部長 for ¥3,300,000), the 会計管理者
// confirms the payment order, and transfer batches belong to the treasurer's office (one
// treasurer builds, another approves, and the result is recorded on the transfer date).
describe('a contract carried to a paid remittance, in the browser only', () => {
  const { as, step } = browserFlow();

  // Each jest run has a database of its own, so plain names do not collide.
  const fiscalYear = fiscalYearOf(today());
  const budgetCode = '02.01.01.01';
  const vendorName = '株式会社デンピョウ商事';
  const vendorUser = 'denpyo-shoji';
  const vendorPassword = 'vendor-password-1';
  /** What the vendor chooses at the first sign-in instead of the password procurement gave. */
  const vendorOwnPassword = 'shoji-own-password-1';
  const contractTitle = '庁舎設備保守点検業務';
  const invoiceNumber = 'INV-2026-0001';
  let documentNumber = '';
  let batchUrl = '';
  /** A date as the screens print it (令和). */
  const reiwa = (iso: string) => {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    return `令和${year - 2018}年${month}月${day}日`;
  };

  step('accountant registers the budget line the contract is charged to', async () => {
    const page = await as('accountant');
    await page.getByRole('link', { name: '予算', exact: true }).click();
    await page.getByRole('button', { name: '予算を登録' }).first().click();
    const dialog = page.getByRole('dialog', { name: '予算の登録' });
    await dialog.getByLabel(field('会計年度')).fill(String(fiscalYear));
    await dialog.getByLabel(field('予算科目（款.項.目.節）')).fill(budgetCode);
    await dialog.getByLabel(field('名称')).fill('委託料');
    await dialog.getByLabel(field('予算額')).fill('10000000');
    await dialog.getByRole('button', { name: '登録する' }).click();
    await toast(page, `${fiscalYear}年度 ${budgetCode}「委託料」を登録しました。`);
    await page
      .getByRole('row')
      .filter({ hasText: budgetCode })
      .getByText('¥10,000,000')
      .first()
      .waitFor();
  });

  step(
    'procurement registers the vendor, with its bank account, and a portal user for it',
    async () => {
      const page = await as('procurement');
      await page.getByRole('link', { name: '事業者', exact: true }).click();
      await page.getByRole('link', { name: '事業者を登録' }).first().click();
      await page.getByLabel(field('名称')).fill(vendorName);
      await page.getByLabel(field('名称（カナ）')).fill('カブシキガイシャデンピョウショウジ');
      await page.getByLabel(field('法人番号')).fill('7000012050002');
      await page.getByText('法人番号の形式は正しいです').waitFor();
      await page.getByLabel(field('適格請求書発行事業者の登録番号')).fill('T7000012050002');
      await page.getByText('登録番号の形式は正しいです').waitFor();
      await pick(page, '銀行', '0001', '0001 ');
      await pick(page, '支店', '001', '001 ');
      await page.getByLabel(field('口座番号')).fill('1234567');
      await page.getByLabel(field('口座名義（カナ）')).fill('カ）デンピョウショウジ');
      // The holder as the Zengin file will carry it: half-width kana.
      await page.getByText('ｶ)ﾃﾞﾝﾋﾟﾖｳｼﾖｳｼﾞ').waitFor();
      await page.getByRole('button', { name: '登録する' }).click();
      await toast(page, `事業者「${vendorName}」を登録しました。`);
      await page.getByRole('heading', { name: vendorName, level: 1 }).waitFor();

      await page.getByLabel(field('ユーザー名')).fill(vendorUser);
      await page.getByLabel(field('初期パスワード')).fill(vendorPassword);
      await page.getByRole('button', { name: '利用者を作成' }).click();
      await toast(page, `利用者「${vendorUser}」を作成しました。`);
    },
  );

  step('procurement drafts the contract and sends it for approval', async () => {
    const page = await as('procurement');
    await page.getByRole('link', { name: 'この事業者と契約を起案' }).click();
    await page.getByRole('heading', { name: '契約の起案', level: 1 }).waitFor();
    // Opened from the vendor's page, the draft has the vendor chosen already.
    const vendorBox = page.getByRole('combobox', { name: field('事業者') });
    await waitFor(
      async () => (await vendorBox.inputValue()).includes(vendorName),
      10_000,
      'the vendor to be chosen',
    );
    await page.getByLabel(field('件名')).fill(contractTitle);
    await pick(page, '予算科目（款.項.目.節）', budgetCode, `${budgetCode} 委託料`);
    await page.getByLabel(field('契約金額（税込）')).fill('3300000');
    // ¥1,000,000 or more goes 課長 → 部長 (専決規程); the form says so as the amount is typed.
    await page.getByText(/決裁ルートの見込み/).waitFor();
    await choose(page, '契約方法', '随意契約');
    await page.getByLabel(field('契約開始日')).fill(`${fiscalYear}-04-01`);
    await page.getByLabel(field('契約終了日')).fill(`${fiscalYear + 1}-03-31`);
    await page.getByRole('button', { name: '下書きを保存' }).click();
    const created = await toast(page, /^契約の下書き .+ を作成しました。$/);
    documentNumber = /^契約の下書き (.+) を作成しました。$/.exec(created)![1]!;
    await page.getByRole('heading', { name: contractTitle, level: 1 }).waitFor();
    await confirmStep(page, page.getByRole('button', { name: '決裁に回す' }), '決裁に回す');
    await toast(page, `${documentNumber} を決裁に回しました。`);
  });

  step('the 課長 and then the 部長 approve it, each after reading the voucher', async () => {
    for (const [approver, done] of [
      ['approver', `${documentNumber} を承認しました。`],
      ['approver2', `${documentNumber} の決裁が完了しました。`],
    ] as const) {
      const page = await as(approver);
      await page.getByRole('link', { name: '決裁', exact: true }).click();
      await page.getByRole('link', { name: documentNumber }).click();
      await page.getByRole('heading', { name: `決裁 ${documentNumber}`, level: 1 }).waitFor();
      await page.getByTitle('支出負担行為決議書（PDF）のプレビュー').waitFor();
      await confirmStep(
        page,
        page.getByRole('button', { name: '承認する' }),
        '承認する',
        (dialog) => dialog.getByLabel(field('コメント')).fill(`${approver} 確認しました`),
      );
      await toast(page, done);
    }
    const page = await as('approver2');
    await page.getByText('決裁が完了しています。').waitFor();
    // The signatures by name, never the username (demo users: 課長 高橋 誠, 部長 田中 浩二).
    await page
      .getByText(/高橋 誠/)
      .first()
      .waitFor();
    await page
      .getByText(/田中 浩二/)
      .first()
      .waitFor();
  });

  step('the vendor signs in and submits an invoice, seeing the tax as it types', async () => {
    const page = await as(vendorUser, vendorPassword);
    // The password procurement gave works once: the first thing the vendor does is replace it.
    await page.waitForURL((url) => url.pathname === '/account/password');
    await page.getByLabel(field('現在のパスワード')).fill(vendorPassword);
    await page.getByLabel(field('新しいパスワード')).fill(vendorOwnPassword);
    await page.getByLabel(field('新しいパスワード（確認）')).fill(vendorOwnPassword);
    await page.getByRole('button', { name: '変更する' }).click();
    await page.waitForURL((url) => url.pathname === '/vendor');
    await page.getByRole('row').filter({ hasText: documentNumber }).waitFor();
    await page.getByRole('link', { name: '請求書を提出' }).first().click();
    await page.getByRole('heading', { name: '請求書の提出', level: 1 }).waitFor();
    await choose(page, '契約', documentNumber);
    await page.getByLabel(field('請求書番号')).fill(invoiceNumber);
    await page.getByLabel(field('登録番号')).fill('T7000012050002');
    const first = page.getByRole('listitem', { name: '明細 1' });
    await first.getByLabel(field('品名・内容')).fill('保守点検（11月分）');
    await first.getByLabel(field('金額（税抜）')).fill('1000000');
    await page.getByRole('button', { name: '明細を追加' }).click();
    const second = page.getByRole('listitem', { name: '明細 2' });
    await second.getByLabel(field('品名・内容')).fill('交換部品');
    await second.getByLabel(field('金額（税抜）')).fill('50000');
    // One tax per rate, rounded down once: 10% of ¥1,050,000.
    const preview = page.locator('.tax-preview');
    await preview.getByText('¥105,000').waitFor();
    await preview.getByText('¥1,155,000').waitFor();
    await page.getByRole('button', { name: '請求書を提出する' }).click();
    await toast(page, new RegExp(`^請求書 ${invoiceNumber} を受け付けました`));
    await page.getByRole('link', { name: '請求書の一覧' }).first().click();
    await page.getByRole('row').filter({ hasText: invoiceNumber }).getByText('受付済').waitFor();
  });

  step('procurement records the inspection (検収)', async () => {
    const page = await as('procurement');
    await page.getByRole('link', { name: '検収', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: invoiceNumber });
    await confirmStep(page, row.getByRole('button', { name: '検収する' }), '検収する');
    await toast(page, /の検収を記録しました。$/);
  });

  step('the accountant issues the payment order (支出命令)', async () => {
    const page = await as('accountant');
    await page.getByRole('link', { name: '支出命令', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: invoiceNumber });
    await confirmStep(page, row.getByRole('button', { name: '支出命令' }), '支出命令を出す');
    await toast(page, /の支出命令を出しました。/);
  });

  step('the treasurer examines and confirms the payment order (会計管理者の確認)', async () => {
    const page = await as('treasurer');
    await page.getByRole('link', { name: '支出命令の審査', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: invoiceNumber });
    // The payment appears once the payment service has the order's event: moments, not more.
    for (let attempt = 1; ; attempt++) {
      try {
        await row.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await page.reload();
      }
    }
    await row.getByText('山本 由美（財政課主査）').waitFor(); // who ordered it, by name
    await confirmStep(page, row.getByRole('button', { name: '確認する' }), '確認する');
    await toast(page, `請求書番号 ${invoiceNumber} の支出命令を確認しました。`);
  });

  step('the treasurer builds a transfer batch from the confirmed payment', async () => {
    const page = await as('treasurer');
    await page.getByRole('link', { name: '振込', exact: true }).click();
    await page.getByRole('link', { name: '振込を作成' }).first().click();
    await page.getByRole('heading', { name: '振込の作成', level: 1 }).waitFor();
    const checkbox = page.getByRole('checkbox', { name: new RegExp(`^${invoiceNumber}（`) });
    // The payment appears once the payment service has the order's event: moments, not more.
    for (let attempt = 1; ; attempt++) {
      try {
        await checkbox.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await page.reload();
      }
    }
    // By keyboard, as the builder is meant to be used (the box drawn over the input takes clicks).
    await checkbox.focus();
    await page.keyboard.press('Space');
    expect(await checkbox.isChecked()).toBe(true);
    const summary = page.getByRole('complementary', { name: '選択中の支払' });
    await summary.getByText('1件', { exact: true }).waitFor();
    await summary.getByText('¥1,155,000', { exact: true }).first().waitFor();
    // Paid today, the day of the run: the result can be recorded on the transfer date itself.
    await choose(page, '振込日', reiwa(today()));
    // The earlier steps' notices are closed first, so the screenshot shows the builder alone.
    for (const close of await page.getByRole('button', { name: '通知を閉じる' }).all())
      await close.click();
    await expectNoSeriousFindings(page, 'batch-builder');
    await page.getByRole('button', { name: '振込を作成する' }).click();
    await toast(
      page,
      '振込（1件、¥1,155,000）を作成しました。別の会計管理者（会計課）に承認を依頼してください。',
    );
    await page.waitForURL(/\/transfer-batches\/[0-9a-f-]{36}$/);
    batchUrl = page.url();
    // The creator may not approve their own batch.
    await page.getByText(/^あなたが作成した振込のため、承認できません。/).waitFor();
  });

  step('accountants no longer build or approve transfer batches', async () => {
    const page = await as('accountant');
    await page.getByRole('link', { name: '支払', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '振込', exact: true }).count()).toBe(0);
    await page.goto(batchUrl);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('button', { name: '承認する' }).count()).toBe(0);
  });

  step('a second treasurer approves the batch', async () => {
    const page = await as('treasurer2');
    await page.goto(batchUrl); // the link the first accountant sends
    await confirmStep(page, page.getByRole('button', { name: '承認する' }), '承認する');
    await toast(page, '振込を承認しました。全銀ファイルをダウンロードできます。');
  });

  step(
    'the Zengin file downloads as 120-byte Shift_JIS records and the batch is settled',
    async () => {
      const page = await as('treasurer');
      await page.reload();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '全銀ファイルをダウンロード' }).click(),
      ]);
      const bytes = readFileSync(await download.path());
      const records = readZenginFile(bytes);
      expect(records.map((record) => record.type)).toEqual(['1', '2', '8', '9']);
      const data = records[1]!.text;
      expect(data.slice(80, 90)).toBe('0001155000'); // the amount, zero-padded
      expect(data).toContain('ｶ)ﾃﾞﾝﾋﾟﾖｳｼﾖｳｼﾞ'); // the holder as previewed at registration
      expect(records[2]!.text.slice(1, 7)).toBe('000001');
      expect(records[2]!.text.slice(7, 19)).toBe('000001155000');
      await expectNoSeriousFindings(page, 'batch-detail');

      await confirmStep(
        page,
        page.getByRole('button', { name: '振込完了を記録' }),
        '振込完了を記録',
      );
      await toast(page, '振込完了を記録しました。');
      await page.getByText('この振込は完了しています。').waitFor();
    },
  );

  step('the vendor sees the payment as 支払済 with its amount', async () => {
    // The vendor comes back later, in a new browser session (the app keeps what it showed for a
    // few seconds, and this flow runs faster than any person does).
    const page = await as(vendorUser, vendorOwnPassword, { again: true });
    await page.getByRole('link', { name: 'お振込の履歴' }).first().click();
    const row = page.getByRole('row').filter({ hasText: invoiceNumber });
    await row.getByText('支払済').waitFor();
    // 支払額 and 差引振込額 (nothing withheld): the same amount twice.
    await row.getByText('¥1,155,000').first().waitFor();
    await row.getByRole('link', { name: '振込通知書（PDF）を開く' }).waitFor();
    await expectNoSeriousFindings(page, 'vendor-remittances');
    await page.getByRole('link', { name: '請求書の一覧' }).first().click();
    await page.getByRole('row').filter({ hasText: invoiceNumber }).getByText('支払済').waitFor();
  });
});
