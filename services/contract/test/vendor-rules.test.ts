import { corporateNumberCheckDigit } from '@denpyo/jp';
import type { VendorCreateRequest } from '@denpyo/schemas';
import { checkVendor } from '../src/domain/vendor';

const corporateNumber = (twelve: string) => `${corporateNumberCheckDigit(twelve)}${twelve}`;

const request = (overrides: Partial<VendorCreateRequest> = {}): VendorCreateRequest => ({
  name: '株式会社テスト',
  nameKana: 'カブシキガイシャテスト',
  bankAccount: {
    bankCode: '0001',
    branchCode: '001',
    type: 'ordinary',
    number: '1234567',
    holderKana: 'ｶ)ﾃｽﾄ',
  },
  ...overrides,
});

describe('checkVendor', () => {
  it('stores the holder name in Zengin half-width kana, the corporate kind as its 略語', () => {
    const stored = (holderKana: string) =>
      checkVendor(request({ bankAccount: { ...request().bankAccount, holderKana } }));
    expect(stored('かぶしきがいしゃ　テスト')).toEqual({
      ok: true,
      value: expect.objectContaining({ holderKana: 'ｶ)ﾃｽﾄ' }),
    });
    expect(stored('テスト株式会社')).toEqual({
      ok: true,
      value: expect.objectContaining({ holderKana: 'ﾃｽﾄ(ｶ' }),
    });
    expect(stored('テスト医療法人サッポロシテン')).toEqual({
      ok: true,
      value: expect.objectContaining({ holderKana: 'ﾃｽﾄ(ｲ)ｻﾂﾎﾟﾛｼﾃﾝ' }),
    });
  });

  it.each([
    ['Ⅱ', 'デンピョウⅡ'],
    ['①', 'デンピョウ①'],
    ['㈱', '㈱デンピョウ'],
    ['・', 'ヤマダ・タロウ'],
  ])('refuses a holder name with %s, naming the character', (character, holderKana) => {
    expect(checkVendor(request({ bankAccount: { ...request().bankAccount, holderKana } }))).toEqual(
      {
        ok: false,
        refusal: {
          code: 'unprocessable',
          message: 'The vendor cannot be registered',
          errors: [
            {
              path: 'bankAccount.holderKana',
              message: expect.stringContaining(`character "${character}"`),
            },
          ],
        },
      },
    );
  });

  it('names the bank code, branch code and holder kana it cannot accept', () => {
    expect(
      checkVendor(request({ bankAccount: { ...request().bankAccount, bankCode: '9998' } })),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: 'The vendor cannot be registered',
        errors: [expect.objectContaining({ path: 'bankAccount.bankCode' })],
      },
    });
    expect(
      checkVendor(request({ bankAccount: { ...request().bankAccount, branchCode: '999' } })),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: 'The vendor cannot be registered',
        errors: [expect.objectContaining({ path: 'bankAccount.branchCode' })],
      },
    });
    expect(
      checkVendor(request({ bankAccount: { ...request().bankAccount, holderKana: '山田' } })),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: 'The vendor cannot be registered',
        errors: [expect.objectContaining({ path: 'bankAccount.holderKana' })],
      },
    });
  });

  it('cuts a holder name longer than the Zengin field to its 30 bytes, voiced marks whole', () => {
    const thirtyTwoBytes = 'ガ'.repeat(16); // ｶﾞ is two bytes
    expect(
      checkVendor(
        request({ bankAccount: { ...request().bankAccount, holderKana: thirtyTwoBytes } }),
      ),
    ).toEqual({ ok: true, value: expect.objectContaining({ holderKana: 'ｶﾞ'.repeat(15) }) });
  });

  it("requires the registration number to be 'T' + the corporate number when both are given", () => {
    const own = corporateNumber('234567890123');
    const other = corporateNumber('345678901234');
    expect(
      checkVendor(request({ corporateNumber: own, invoiceRegistrationNumber: `T${own}` })).ok,
    ).toBe(true);
    expect(
      checkVendor(request({ corporateNumber: own, invoiceRegistrationNumber: `T${other}` })),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: 'The vendor cannot be registered',
        errors: [expect.objectContaining({ path: 'invoiceRegistrationNumber' })],
      },
    });
  });
});
