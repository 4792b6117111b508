import { clientKeyOf } from '../src/domain/client-key';

describe('the client a sign-in counts against', () => {
  it('is the address itself for IPv4, and for IPv4-mapped IPv6 its IPv4 address', () => {
    expect(clientKeyOf('203.0.113.5')).toBe('203.0.113.5');
    expect(clientKeyOf('203.0.113.6')).toBe('203.0.113.6');
    expect(clientKeyOf('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientKeyOf('::ffff:cb00:7105')).toBe('203.0.113.5');
    expect(clientKeyOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('is the /64 for IPv6: rotating within it is one client, another /64 another', () => {
    const rotated = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:1234:5678:9abc:def0',
      '2001:DB8:1:2:a::b',
    ].map(clientKeyOf);
    expect(new Set(rotated)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(clientKeyOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKeyOf('::1')).toBe('::/64');
    expect(clientKeyOf('fe80::1%eth0')).toBe('fe80::/64');
  });

  it('leaves what is no address as it is', () => {
    expect(clientKeyOf('unknown')).toBe('unknown');
    expect(clientKeyOf('0x7f.1')).toBe('0x7f.1');
    expect(clientKeyOf('')).toBe('');
  });
});
