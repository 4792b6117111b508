import { contractPeople, invoicePeople, personName } from './people';

const sato = { username: 'procurement', displayName: '佐藤 健一', title: '契約課主事' };

describe('people by name', () => {
  it('shows a person the record names by name and title, anyone else by username', () => {
    expect(personName('procurement', [sato])).toBe('佐藤 健一（契約課主事）');
    expect(personName('procurement', [{ username: 'procurement', displayName: '佐藤 健一' }])).toBe(
      '佐藤 健一',
    );
    // A v1 approval (no displayName) does not hide a later signature of the same person.
    expect(personName('procurement', [{ username: 'procurement' }, sato])).toBe(
      '佐藤 健一（契約課主事）',
    );
    expect(personName('system', [sato, undefined])).toBe('system');
  });

  it('finds the people of a contract and of an invoice', () => {
    const approval = {
      approver: 'approver',
      username: 'approver',
      displayName: '高橋 誠',
      title: '契約課長',
      rank: 'kacho' as const,
      at: '2027-06-01T00:00:00.000Z',
      step: 1,
    };
    const people = contractPeople({
      createdBySignature: sato,
      approvals: [approval],
      amendments: [],
    });
    expect(personName('approver', people)).toBe('高橋 誠（契約課長）');
    expect(personName('procurement', people)).toBe('佐藤 健一（契約課主事）');
    expect(
      personName(
        'procurement2',
        invoicePeople({
          inspectedBySignature: {
            username: 'procurement2',
            displayName: '鈴木 美咲',
            title: '契約課主任',
          },
        }),
      ),
    ).toBe('鈴木 美咲（契約課主任）');
  });
});
