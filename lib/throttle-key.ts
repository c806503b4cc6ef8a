import { isIP } from "node:net";

// Per-address limits (login, registration, password reset) count by this key, not by the raw
// address. An IPv6 subscriber is normally handed a whole /64 (RFC 6177) and can pick any of its
// 2^64 addresses for each request, so counting per IPv6 address limits nothing: the /64 is the
// unit an attacker controls, as an IPv4 address is. IPv4-mapped IPv6 (::ffff:a.b.c.d, as a
// dual-stack socket reports IPv4 peers) is IPv4. The audit trail keeps the full address.

/** The eight 16-bit groups of a valid IPv6 address (zone removed, "::" expanded, a dotted IPv4 tail folded in). */
function groupsOf(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const before = head ? head.split(":") : [];
  const after = tail ? tail.split(":") : [];
  const missing = tail === undefined ? [] : Array<string>(8 - before.length - after.length).fill("0");
  return [...before, ...missing, ...after].map((group) => parseInt(group, 16));
}

/** The key a per-address throttle counts under: an IPv4 address, an IPv6 /64 ("2001:db8:1:2::/64"), or the text as given. */
export function throttleKeyOf(address: string): string {
  const plain = address.replace(/%.*$/, "");
  if (isIP(plain) !== 6) return address;
  const groups = groupsOf(plain);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
