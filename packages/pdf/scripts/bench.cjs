// Render throughput of the built package (npm run build -w @denpyo/pdf first): distinct 支出命令書
// (so the cache answers none) rendered through the pool, as vouchers per second and CPU time per
// voucher (the whole process: the worker, its collector and the main thread's share).
//   node packages/pdf/scripts/bench.cjs [count] [workers]
// or from another script: require('packages/pdf/scripts/bench.cjs').measureVoucherRendering().
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');

/** A 支出命令書 like the ones the system prints: `lines` lines, every approval, an account. */
function paymentOrder(lines, serial) {
  const amounts = Array.from({ length: lines }, (_, i) => 10_000 + i);
  const subtotal = amounts.reduce((sum, amount) => sum + amount, 0);
  const tax = Math.floor(subtotal / 10);
  return {
    city: 'デンピョウ市',
    documentNumber: `支-2027-${String(serial).padStart(6, '0')}`,
    date: '2027-01-15',
    fiscalYear: 2026,
    budget: {
      code: '08-02-01-14',
      name: '08款 土木費 02項 道路橋りょう費 02目 道路維持費 14節 工事請負費',
    },
    vendor: { name: '株式会社みなと建設', address: '神奈川県横浜市中区本町六丁目50番地の10' },
    contract: { documentNumber: '契-2026-001234', title: '市道本町線舗装補修工事' },
    invoiceNumber: `INV-2027-${serial}`,
    qualified: true,
    amountsInclude: 'tax-excluded',
    receivedOn: '2027-01-08',
    dueDate: '2027-02-05',
    lines: amounts.map((amount, i) => ({
      description: `道路維持補修 資材・作業 第${i + 1}工区`,
      amount,
      taxRate: 10,
    })),
    subtotal,
    taxes: [{ rate: 10, base: subtotal, tax }],
    total: subtotal + tax,
    withholdingTax: 0,
    netAmount: subtotal + tax,
    approvals: [
      { step: '受付', name: '田中 美咲', role: '道路課 主事', at: '2027-01-08T02:05:00Z' },
      { step: '検収', name: '中村 大輔', role: '道路課 技師', at: '2027-01-12T08:30:00Z' },
      { step: '支出命令', name: '鈴木 一郎', role: '道路課長', at: '2027-01-14T01:00:00Z' },
    ],
    confirmation: {
      step: '確認',
      name: '渡辺 直樹',
      role: '会計管理者',
      at: '2027-01-15T00:10:00Z',
    },
    payment: {
      method: '振込',
      account: {
        bankName: '横浜銀行',
        branchName: '関内支店',
        type: '普通',
        number: '1234567',
        holderKana: 'ｶ)ﾐﾅﾄｹﾝｾﾂ',
      },
    },
  };
}

const verificationUrl = (serial) =>
  `https://denpyo.city.example.lg.jp/verify/payment-order/${String(serial).padStart(12, '0')}?h=${'ab'.repeat(32)}`;

/**
 * Renders `count` distinct 支出命令書 of `lines` lines on a pool of `workers` (after one warm-up
 * render per worker), two in hand per worker so none waits for the main thread.
 */
async function measureVoucherRendering({ count = 200, workers = 1, lines = 3 } = {}) {
  // A copy of the package of its own: its pool and cache are this measurement's.
  for (const key of Object.keys(require.cache)) if (key.startsWith(dist)) delete require.cache[key];
  const pdf = require(dist);
  const release = pdf.usePdfRendering({ workers, cacheBytes: 0 });
  try {
    let serial = 0;
    const render = () => {
      serial += 1;
      return pdf.renderPaymentOrderVoucher(paymentOrder(lines, serial), verificationUrl(serial));
    };
    await Promise.all(Array.from({ length: workers }, render)); // workers started, fonts parsed
    let bytes = 0;
    let left = count;
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 2 * workers }, async () => {
        while (left > 0) {
          left -= 1;
          bytes += (await render()).length;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      lines,
      workers,
      count,
      perSecond: count / seconds,
      cpuMsPerVoucher: (cpu.user + cpu.system) / 1000 / count,
      meanBytes: bytes / count,
    };
  } finally {
    await release();
  }
}

module.exports = { measureVoucherRendering };

if (require.main === module) {
  const count = Number(process.argv[2] ?? 200);
  const workers = Number(process.argv[3] ?? 1);
  (async () => {
    for (const lines of [3, 100]) {
      const result = await measureVoucherRendering({ count, workers, lines });
      console.log(
        `${lines}-line 支出命令書: ${result.perSecond.toFixed(1)} per second with ${workers} ` +
          `worker(s), ${result.cpuMsPerVoucher.toFixed(1)} ms CPU each (whole process), ` +
          `${(result.meanBytes / 1024).toFixed(0)} KB each`,
      );
    }
  })();
}
