// Render throughput of the built package (npm run build -w @denpyo/pdf first): the time of one
// voucher on the calling thread, then PDFs per second through the pool with 1 worker and with
// N (default: the available cores). `node packages/pdf/scripts/bench.cjs [count] [N]`.
const { availableParallelism } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const { renderHere } = require(join(dist, 'jobs'));

const count = Number(process.argv[2] ?? 24);
const poolSize = Number(process.argv[3] ?? availableParallelism());

const order = {
  city: 'デンピョウ市',
  documentNumber: '支-2027-000987',
  date: '2027-01-15',
  fiscalYear: 2026,
  budget: { code: '08-02-01-14', name: '土木費 道路橋りょう費 道路維持費 工事請負費' },
  vendor: { name: '株式会社みなと建設', registrationNumber: 'T8010001008843' },
  contract: { documentNumber: '契-2026-001234', title: '市道本町線舗装補修工事' },
  invoiceNumber: 'INV-2027-0042',
  qualified: true,
  amountsInclude: 'tax-excluded',
  receivedOn: '2027-01-08',
  dueDate: '2027-02-05',
  lines: Array.from({ length: 100 }, (_, i) => ({
    description: `道路維持補修 資材・作業 第${i + 1}工区`,
    amount: 10_000 + i,
    taxRate: 10,
  })),
  subtotal: 1_004_950,
  taxes: [{ rate: 10, base: 1_004_950, tax: 100_495 }],
  total: 1_105_445,
  withholdingTax: 0,
  netAmount: 1_105_445,
  approvals: [],
};
const oneLine = { ...order, lines: order.lines.slice(0, 1), subtotal: 10_000 };
const jobs = {
  '1-line 支出命令書': { voucher: 'payment-order', data: oneLine },
  '100-line 支出命令書': { voucher: 'payment-order', data: order },
};

/** Median wall and CPU milliseconds of one render on this thread (CPU time is what load does not stretch). */
async function timeHere(job, runs = 5) {
  await renderHere(job); // fonts parsed, code warm
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await renderHere(job);
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(runs / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

async function throughput(workers, job) {
  // A fresh copy of the package per pool size: the pool is per module instance.
  for (const key of Object.keys(require.cache)) if (key.startsWith(dist)) delete require.cache[key];
  const pdf = require(dist);
  const release = pdf.usePdfRendering({ workers });
  const render = () => pdf.renderPaymentOrderVoucher(job.data);
  await Promise.all(Array.from({ length: workers }, render)); // workers started
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, render));
  const seconds = (performance.now() - start) / 1000;
  await release();
  return count / seconds;
}

(async () => {
  for (const [name, job] of Object.entries(jobs)) {
    const { wall, cpu } = await timeHere(job);
    const one = await throughput(1, job);
    const many = await throughput(poolSize, job);
    console.log(
      `${name}: ${wall.toFixed(0)} ms (${cpu.toFixed(0)} ms CPU) on one thread (median); ` +
        `${one.toFixed(1)} PDFs/s with 1 worker, ${many.toFixed(1)} PDFs/s with ${poolSize}`,
    );
  }
})();
