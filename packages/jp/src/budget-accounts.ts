// 歳出予算の款・項・目・節 (budget accounts of expenditure). The 節 are national: 地方自治法施行規則
// 第15条 別記「歳出予算に係る節の区分」(27 節 since 令和2年度, when 賃金 was dropped). The 款 of a
// 市町村 follow the same 別記's 歳出 款 list; 項 and 目 are the city's own.

/** 節 by number: 地方自治法施行規則 別記 (令和2年4月1日施行). */
export const SETSU_NAMES: Readonly<Record<number, string>> = {
  1: '報酬',
  2: '給料',
  3: '職員手当等',
  4: '共済費',
  5: '災害補償費',
  6: '恩給及び退職年金',
  7: '報償費',
  8: '旅費',
  9: '交際費',
  10: '需用費',
  11: '役務費',
  12: '委託料',
  13: '使用料及び賃借料',
  14: '工事請負費',
  15: '原材料費',
  16: '公有財産購入費',
  17: '備品購入費',
  18: '負担金、補助及び交付金',
  19: '扶助費',
  20: '貸付金',
  21: '補償、補塡及び賠償金',
  22: '償還金、利子及び割引料',
  23: '投資及び出資金',
  24: '積立金',
  25: '寄附金',
  26: '公課費',
  27: '繰出金',
};

/** 款 of a 市町村's 歳出 by number: 地方自治法施行規則 別記 (歳出, 市町村). */
export const MUNICIPAL_KAN_NAMES: Readonly<Record<number, string>> = {
  1: '議会費',
  2: '総務費',
  3: '民生費',
  4: '衛生費',
  5: '労働費',
  6: '農林水産業費',
  7: '商工費',
  8: '土木費',
  9: '消防費',
  10: '教育費',
  11: '災害復旧費',
  12: '公債費',
  13: '諸支出金',
  14: '予備費',
};

/** The names a city gives its 款・項・目 (each optional: 款 falls back to the national name). */
export interface BudgetAccountNames {
  kan?: string;
  kou?: string;
  moku?: string;
}

const LEVELS = ['款', '項', '目', '節'] as const;

/**
 * A budget code '03.01.01.12' (款.項.目.節) printed as a city's voucher prints it:
 * 「03款 民生費 01項 社会福祉費 01目 社会福祉総務費 12節 委託料」. A level without a name prints its
 * number alone; the 款 and 節 fall back to the national names.
 */
export function budgetAccountLabel(code: string, names: BudgetAccountNames = {}): string {
  const digits = code.split('.');
  if (digits.length !== LEVELS.length || !digits.every((d) => /^\d{2}$/.test(d))) {
    throw new RangeError(`not a budget code 款.項.目.節: ${code}`);
  }
  const kan = Number(digits[0]);
  const setsu = Number(digits[3]);
  const levelNames = [
    names.kan ?? MUNICIPAL_KAN_NAMES[kan],
    names.kou,
    names.moku,
    SETSU_NAMES[setsu],
  ];
  return digits
    .map((d, index) => {
      const name = levelNames[index];
      return name ? `${d}${LEVELS[index]} ${name}` : `${d}${LEVELS[index]}`;
    })
    .join(' ');
}
