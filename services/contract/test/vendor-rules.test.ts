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
  it('stores the holder name in Zengin half-width kana', () => {
    const check = checkVendor(
      request({
        bankAccount: { ...request().bankAccount, holderKana: 'かぶしきがいしゃ　テスト' },
      }),
    );
    expect(check).toEqual({
      ok: true,
      value: expect.objectContaining({ holderKana: 'ｶﾌﾞｼｷｶﾞｲｼﾔ ﾃｽﾄ' }),
    });
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

  it('refuses a holder name longer than the Zengin field once written in half-width kana', () => {
    const thirtyOneWithMarks = 'ガ'.repeat(16); // 32 half-width characters
    expect(
      checkVendor(
        request({ bankAccount: { ...request().bankAccount, holderKana: thirtyOneWithMarks } }),
      ),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: 'The vendor cannot be registered',
        errors: [expect.objectContaining({ path: 'bankAccount.holderKana' })],
      },
    });
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
