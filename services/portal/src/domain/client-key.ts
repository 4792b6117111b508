import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Who a sign-in attempt comes from, as the throttle and the hashing quota count clients. An
 * IPv4 address is one client (an IPv4-mapped IPv6 address is its IPv4 address). An IPv6
 * address counts by its /64: one subscriber or LAN gets a whole /64 and can rotate through it
 * freely, so a single address would give an attacker a fresh client at every guess.
 * Anything else (no address known) is its own key, unchanged.
 */
export function clientKeyOf(address: string): string {
  // node:net first: ipaddr.js also takes the odd IPv4 forms (`0x7f.1`) no socket reports.
  if (isIP(address) === 0) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}
