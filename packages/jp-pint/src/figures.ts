// The arithmetic rules a receiver checks on the figures of a JP PINT invoice, as pure functions
// over figures already read (each with the path of the element that states it). Rule ids are
// those of the JP PINT (billing-1@jp-1 1.1.x) and PINT shared schematrons; jp-br-co-01 is the
// name the Japanese specification gives the per-rate tax rule (aligned-ibrp-051-jp in the
// JP PINT 1.1.x schematron).
import { acceptedTaxes, formatYen, type TaxRate } from '@denpyo/jp';
import type { RuleViolation } from './types';

export interface Stated<T> {
  value: T;
  path: string;
}

/** A tax category and rate as a line, an allowance/charge or a breakdown states it. */
export interface TaxKey {
  category: string;
  rate: number;
}

export interface LineFigures extends TaxKey {
  amount: Stated<number>;
}

export interface AllowanceChargeFigures extends TaxKey {
  isCharge: boolean;
  amount: Stated<number>;
}

export interface SubtotalFigures extends TaxKey {
  path: string;
  base: Stated<number>;
  tax: Stated<number>;
}

export interface TotalsFigures {
  /** cac:LegalMonetaryTotal */
  path: string;
  lineExtension: Stated<number>;
  taxExclusive: Stated<number>;
  taxInclusive: Stated<number>;
  payable: Stated<number>;
  allowance?: Stated<number>;
  charge?: Stated<number>;
  prepaid?: Stated<number>;
  rounding?: Stated<number>;
}

export interface InvoiceFigures {
  lines: LineFigures[];
  allowanceCharges: AllowanceChargeFigures[];
  subtotals: SubtotalFigures[];
  /** cac:TaxTotal/cbc:TaxAmount, when stated. */
  taxTotal?: Stated<number>;
  totals: TotalsFigures;
}

/** Japanese consumption tax: standard 10%, reduced 8%, and 0% for exempt/export/out of scope. */
const JAPANESE_RATES: readonly number[] = [10, 8, 0];

const keyOf = ({ category, rate }: TaxKey): string => `${category} ${rate}`;
const rateLabel = ({ category, rate }: TaxKey): string => `税区分 ${category}・税率 ${rate}%`;

function violation(rule: string, element: string, message: string): RuleViolation {
  return { rule, element, message };
}

function mismatch(
  rule: string,
  stated: Stated<number>,
  what: string,
  expected: number,
  how: string,
): RuleViolation[] {
  if (stated.value === expected) return [];
  return [
    violation(
      rule,
      stated.path,
      `${what}が ${formatYen(stated.value)} と記載されていますが、${how}は ${formatYen(expected)} です`,
    ),
  ];
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The tax a breakdown states must be its base × rate / 100 rounded down, half-up or up. */
export function checkStatedTax(subtotal: SubtotalFigures): RuleViolation[] {
  const { rate, base, tax } = subtotal;
  if (!JAPANESE_RATES.includes(rate)) {
    return [
      violation(
        'jp-tax-rate',
        `${subtotal.path}/cac:TaxCategory/cbc:Percent`,
        `税率 ${rate}% は日本の消費税率（10%・8%・0%）ではありません`,
      ),
    ];
  }
  const accepted = acceptedTaxes(Math.abs(base.value), rate as TaxRate);
  const sign = base.value < 0 ? -1 : 1;
  const ways: [string, number][] = [
    ['切捨て', sign * accepted.down],
    ['四捨五入', sign * accepted.halfUp],
    ['切上げ', sign * accepted.up],
  ];
  if (ways.some(([, allowed]) => allowed === tax.value)) return [];
  const byAmount = new Map<number, string[]>();
  for (const [way, amount] of ways) byAmount.set(amount, [...(byAmount.get(amount) ?? []), way]);
  const expected = [...byAmount]
    .map(([amount, names]) => `${formatYen(amount)}（${names.join('・')}）`)
    .join(' または ');
  return [
    violation(
      'jp-br-co-01',
      tax.path,
      `${rateLabel(subtotal)}の消費税額が ${formatYen(tax.value)} と記載されていますが、課税標準 ${formatYen(base.value)} × ${rate}% から計算した額は ${expected} です`,
    ),
  ];
}

/** Every rate and category used by a line or allowance/charge has exactly one breakdown whose base is their sum. */
export function checkBreakdown(figures: InvoiceFigures): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const expectedBase = new Map<string, { key: TaxKey; base: number; firstPath: string }>();
  const add = (key: TaxKey, amount: number, path: string): void => {
    const entry = expectedBase.get(keyOf(key));
    if (entry) entry.base += amount;
    else expectedBase.set(keyOf(key), { key, base: amount, firstPath: path });
  };
  for (const line of figures.lines) add(line, line.amount.value, line.amount.path);
  for (const ac of figures.allowanceCharges) {
    add(ac, ac.isCharge ? ac.amount.value : -ac.amount.value, ac.amount.path);
  }

  const seen = new Set<string>();
  for (const subtotal of figures.subtotals) {
    const key = keyOf(subtotal);
    if (seen.has(key)) {
      violations.push(
        violation(
          'jp-tax-breakdown-unique',
          subtotal.path,
          `${rateLabel(subtotal)}の内訳（TaxSubtotal）が重複しています。税区分と税率ごとに1つだけ記載してください`,
        ),
      );
      continue;
    }
    seen.add(key);
    violations.push(...checkStatedTax(subtotal));
    const expected = expectedBase.get(key);
    violations.push(
      ...mismatch(
        'ibr-tax-08',
        subtotal.base,
        `${rateLabel(subtotal)}の課税標準額`,
        expected?.base ?? 0,
        '明細と値引・追加料金から計算した額',
      ),
    );
  }
  for (const [key, { key: taxKey, firstPath }] of expectedBase) {
    if (!seen.has(key)) {
      violations.push(
        violation(
          'ibr-tax-01',
          firstPath,
          `${rateLabel(taxKey)}の明細がありますが、その税区分・税率の内訳（TaxSubtotal）がありません`,
        ),
      );
    }
  }
  return violations;
}

/** The document totals agree with the lines, allowances, charges and tax (ibr-co-10 … ibr-co-16). */
export function checkTotals(figures: InvoiceFigures): RuleViolation[] {
  const { totals } = figures;
  const allowances = figures.allowanceCharges.filter((ac) => !ac.isCharge);
  const charges = figures.allowanceCharges.filter((ac) => ac.isCharge);
  const allowance = totals.allowance?.value ?? 0;
  const charge = totals.charge?.value ?? 0;
  const taxSum = sum(figures.subtotals.map((s) => s.tax.value));
  const violations = [
    ...mismatch(
      'ibr-co-10',
      totals.lineExtension,
      '明細金額の合計',
      sum(figures.lines.map((l) => l.amount.value)),
      '各明細の金額（LineExtensionAmount）の合計',
    ),
    ...(totals.allowance || allowances.length > 0
      ? mismatch(
          'ibr-co-11',
          totals.allowance ?? { value: 0, path: `${totals.path}/cbc:AllowanceTotalAmount` },
          '値引額の合計',
          sum(allowances.map((a) => a.amount.value)),
          '文書レベルの値引額の合計',
        )
      : []),
    ...(totals.charge || charges.length > 0
      ? mismatch(
          'ibr-co-12',
          totals.charge ?? { value: 0, path: `${totals.path}/cbc:ChargeTotalAmount` },
          '追加料金の合計',
          sum(charges.map((c) => c.amount.value)),
          '文書レベルの追加料金の合計',
        )
      : []),
    ...mismatch(
      'ibr-co-13',
      totals.taxExclusive,
      '税抜合計額',
      totals.lineExtension.value - allowance + charge,
      '明細金額の合計 − 値引額 + 追加料金',
    ),
    ...(figures.taxTotal
      ? mismatch(
          'ibr-co-14',
          figures.taxTotal,
          '消費税額の合計',
          taxSum,
          '税率ごとの消費税額の合計',
        )
      : []),
    ...mismatch(
      'ibr-co-15',
      totals.taxInclusive,
      '税込合計額',
      totals.taxExclusive.value + (figures.taxTotal?.value ?? taxSum),
      '税抜合計額 + 消費税額',
    ),
    ...mismatch(
      'ibr-co-16',
      totals.payable,
      '請求金額',
      totals.taxInclusive.value - (totals.prepaid?.value ?? 0) + (totals.rounding?.value ?? 0),
      '税込合計額 − 前払額 + 端数調整額',
    ),
  ];
  return violations;
}
