// The bench's figures beside their goals (issue 10): one table for the terminal and the README.
import { readFileSync, writeFileSync } from 'node:fs';

const f0 = (n) => Math.round(n).toLocaleString('en-US');
const f1 = (n) => n.toFixed(1);
const pct = (share) => `${(100 * share).toFixed(1)} %`;
const met = (ok) => (ok ? '✔' : '✘');

/** Rows of [measure, goal, figure, met?] for one event bus's results. */
function busRows(r) {
  const bus = r.mode === 'kafka' ? 'Kafka' : 'embedded';
  const rows = [
    [
      `pgbench, the invoice's three inserts, ${r.intakeSpread.concurrency} clients (${bus})`,
      'the yardstick',
      `${f0(r.pgbench.tps)} tx/s`,
      '',
    ],
    [
      `invoice intake over ${f0(r.intakeSpread.contracts)} contracts, concurrency ${r.intakeSpread.concurrency} (${bus})`,
      '≥ 40 % of pgbench, p99 ≤ 50 ms',
      `${f0(r.intakeSpread.perSecond)} req/s = ${pct(r.intakeSpread.shareOfPgbench)}; p50 ${f1(r.intakeSpread.p50Ms)} ms, p99 ${f1(r.intakeSpread.p99Ms)} ms`,
      met(r.intakeSpread.shareOfPgbench >= 0.4 && r.intakeSpread.p99Ms <= 50),
    ],
    [
      `invoice intake on one hot contract (${bus})`,
      '≥ 20 % of pgbench, never over the amount',
      `${f0(r.intakeHot.perSecond)} req/s = ${pct(r.intakeHot.shareOfPgbench)}; ${f0(r.intakeHot.accepted)} accepted, ${f0(r.intakeHot.refused['422'] ?? 0)} refused (422), invoiced ¥${f0(r.intakeHot.invoicedTotal)} of ¥${f0(r.intakeHot.contractAmount)}`,
      met(r.intakeHot.shareOfPgbench >= 0.2 && r.intakeHot.neverOver),
    ],
    [
      `payment order → payment visible (${bus})`,
      `p99 ≤ ${r.mode === 'kafka' ? 200 : 100} ms`,
      `p50 ${f1(r.orderToPaymentVisible.p50Ms)} ms, p99 ${f1(r.orderToPaymentVisible.p99Ms)} ms`,
      met(r.orderToPaymentVisible.p99Ms <= (r.mode === 'kafka' ? 200 : 100)),
    ],
    [
      `PDF vouchers (支出命令書) through the portal, each printed once (${bus})`,
      '≥ 100 /s per core, ≤ 100 KB each',
      `${f0(r.pdfVouchers.firstPrint.perSecondPerCore)} /s per core (${f0(r.pdfVouchers.firstPrint.perSecond)} /s on ${r.pdfVouchers.cores} cores, ${f0(r.pdfVouchers.firstPrint.count)} vouchers), largest ${f1(r.pdfVouchers.firstPrint.largestKiB)} KB`,
      met(
        r.pdfVouchers.firstPrint.perSecondPerCore >= 100 &&
          r.pdfVouchers.firstPrint.largestKiB <= 100,
      ),
    ],
    [
      `vouchers printed again, ${f0(r.pdfVouchers.again.count)} of them (${bus})`,
      '≥ 100 /s per core',
      `${f0(r.pdfVouchers.again.perSecondPerCore)} /s per core (${f0(r.pdfVouchers.again.perSecond)} /s)`,
      met(r.pdfVouchers.again.perSecondPerCore >= 100),
    ],
  ];
  if (r.monthEnd) {
    rows.push(
      [
        `month-end: ${f0(r.monthEnd.count)} 支出命令 → payments confirmed (${bus})`,
        '≤ 30 s',
        `${f1(r.monthEnd.ordersToConfirmedMs / 1000)} s`,
        met(r.monthEnd.ordersToConfirmedMs <= 30_000),
      ],
      [
        `month-end: one batch of ${f0(r.monthEnd.count)}, approved, its Zengin file (${bus})`,
        '≤ 10 s',
        `${f1(r.monthEnd.batchAndFileMs / 1000)} s (${f0(r.monthEnd.zenginBytes / 1024)} KiB)`,
        met(r.monthEnd.batchAndFileMs <= 10_000),
      ],
    );
  }
  const idle = Object.entries(r.memory.idle.services);
  const peak = r.memory.peakUnderLoadMiB;
  rows.push(
    [
      `resident memory per service (${bus})`,
      '≤ 120 MB idle, ≤ 160 MB under load',
      idle.map(([name, mib]) => `${name} ${f0(mib)}/${f0(peak[name] ?? 0)}`).join(', ') +
        ' MiB (idle/peak)',
      met(idle.every(([, mib]) => mib <= 120) && Object.values(peak).every((mib) => mib <= 160)),
    ],
    [
      `whole system, services and embedded PostgreSQL, PSS (${bus})`,
      '≤ 1 GB',
      `${f0(r.memory.idle.systemPssMiB)} MiB idle, ${f0(r.memory.afterLoad.systemPssMiB)} MiB after the load`,
      met(Math.max(r.memory.idle.systemPssMiB, r.memory.afterLoad.systemPssMiB) <= 1024),
    ],
    [
      `cold start to ready, fresh data directory (${bus})`,
      '—',
      `${f1(r.coldStartMs / 1000)} s`,
      '',
    ],
  );
  return rows;
}

function instanceRows(r) {
  return [
    [
      `invoice intake, ${r.instances} instances of each service (embedded)`,
      'more than one instance',
      `${f0(r.intakeSpread.perSecond)} req/s = ${pct(r.intakeSpread.shareOfPgbench)} of pgbench's ${f0(r.pgbench.tps)} tx/s; p99 ${f1(r.intakeSpread.p99Ms)} ms`,
      '',
    ],
  ];
}

/** The table as Markdown. */
export function table(report) {
  const rows = [
    ...report.buses.flatMap(busRows),
    ...(report.instances ?? []).flatMap(instanceRows),
  ];
  return [
    '| measure | goal | figure | met |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Rewrites the README's table (between the bench markers) from the report, as prettier lays it out. */
export async function refreshReadme(readmePath, report) {
  const readme = readFileSync(readmePath, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${readmePath} has no ${START} … ${END} section`);
  const body = `${START}\n${report.machine}, ${report.date}:\n\n${table(report)}\n${END}`;
  const prettier = await import('prettier');
  const text = readme.slice(0, from) + body + readme.slice(to + END.length);
  const options = { ...(await prettier.resolveConfig(readmePath)), filepath: readmePath };
  writeFileSync(readmePath, await prettier.format(text, options));
}
