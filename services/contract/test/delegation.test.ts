import fc from 'fast-check';
import { RANKS, type ContractKind } from '@denpyo/schemas';
import {
  DEFAULT_DELEGATION_RULES,
  DelegationRulesSchema,
  routeFor,
} from '../src/domain/delegation';
import { contractSettingsSchema } from '../src/config';

const kinds: ContractKind[] = ['goods', 'services', 'works'];

describe('routeFor (専決規程)', () => {
  it('gives the default table of API.md v2 (the issue vectors)', () => {
    const vectors: [number, string[]][] = [
      [999_999, ['kacho']],
      [1_000_000, ['kacho', 'bucho']],
      [9_999_999, ['kacho', 'bucho']],
      [10_000_000, ['kacho', 'bucho', 'fukushicho']],
      [49_999_999, ['kacho', 'bucho', 'fukushicho']],
      [50_000_000, ['kacho', 'bucho', 'fukushicho', 'shicho']],
      [9_000_000_000, ['kacho', 'bucho', 'fukushicho', 'shicho']],
      [1, ['kacho']],
    ];
    for (const [amount, route] of vectors) {
      for (const kind of kinds) expect(routeFor(amount, kind)).toEqual(route);
    }
  });

  it('never asks less of a larger amount: the route only grows, and ends higher or equal', () => {
    const yen = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(yen, yen, fc.constantFrom(...kinds), (a, b, kind) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lower = routeFor(low, kind);
        const higher = routeFor(high, kind);
        expect(higher.length).toBeGreaterThanOrEqual(lower.length);
        expect(RANKS.indexOf(higher.at(-1)!)).toBeGreaterThanOrEqual(RANKS.indexOf(lower.at(-1)!));
      }),
    );
  });

  it('applies a band of one contract kind only to that kind, over a general band', () => {
    const rules = DelegationRulesSchema.parse([
      { fromAmount: 0, route: ['kacho'] },
      { fromAmount: 5_000_000, route: ['kacho', 'bucho'] },
      { fromAmount: 5_000_000, route: ['kacho', 'bucho', 'fukushicho'], kinds: ['works'] },
      { fromAmount: 100_000, route: ['kakaricho'], kinds: ['goods'] },
    ]);
    expect(routeFor(5_000_000, 'works', rules)).toEqual(['kacho', 'bucho', 'fukushicho']);
    expect(routeFor(5_000_000, 'services', rules)).toEqual(['kacho', 'bucho']);
    expect(routeFor(5_000_000, 'goods', rules)).toEqual(['kacho', 'bucho']);
    expect(routeFor(200_000, 'goods', rules)).toEqual(['kakaricho']);
    expect(routeFor(99_999, 'goods', rules)).toEqual(['kacho']);
  });

  it('refuses a table without a general band from ¥0, or with an empty route', () => {
    expect(
      DelegationRulesSchema.safeParse([{ fromAmount: 0, route: ['kacho'], kinds: ['works'] }])
        .success,
    ).toBe(false);
    expect(DelegationRulesSchema.safeParse([{ fromAmount: 0, route: [] }]).success).toBe(false);
    expect(DelegationRulesSchema.safeParse(DEFAULT_DELEGATION_RULES).success).toBe(true);
  });

  it('reads DELEGATION_RULES from the environment as JSON, or leaves the default', () => {
    expect(contractSettingsSchema.parse({}).DELEGATION_RULES).toBeUndefined();
    const rules = [{ fromAmount: 0, route: ['bucho'] }];
    expect(
      contractSettingsSchema.parse({ DELEGATION_RULES: JSON.stringify(rules) }).DELEGATION_RULES,
    ).toEqual(rules);
    expect(contractSettingsSchema.safeParse({ DELEGATION_RULES: '{oops' }).success).toBe(false);
    expect(
      contractSettingsSchema.safeParse({ DELEGATION_RULES: '[{"fromAmount":0,"route":["boss"]}]' })
        .success,
    ).toBe(false);
  });
});
