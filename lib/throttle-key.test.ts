import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { throttleKeyOf } from "./throttle-key";

describe("throttleKeyOf", () => {
  it("keys IPv4 addresses one by one", () => {
    for (const [address, key] of [
      ["203.0.113.7", "203.0.113.7"],
      ["203.0.113.8", "203.0.113.8"],
      ["127.0.0.1", "127.0.0.1"],
    ])
      assert.equal(throttleKeyOf(address), key, address);
  });

  it("keys every IPv6 address of one /64 alike, however it is written", () => {
    for (const address of [
      "2001:db8:1:2::1",
      "2001:db8:1:2::dead:beef",
      "2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
      "2001:DB8:1:2:a:b:c:d",
      "2001:db8:1:2:0:0:0:0",
      "2001:db8:1:2::",
      "2001:db8:1:2:1:2:198.51.100.1",
      "2001:db8:1:2::1%eth0",
    ])
      assert.equal(throttleKeyOf(address), "2001:db8:1:2::/64", address);
  });

  it("keys neighbouring /64s apart", () => {
    assert.equal(throttleKeyOf("2001:db8:1:3::1"), "2001:db8:1:3::/64");
    assert.equal(throttleKeyOf("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(throttleKeyOf("::1"), "0:0:0:0::/64");
    assert.equal(throttleKeyOf("::"), "0:0:0:0::/64");
    assert.equal(throttleKeyOf("1::"), "1:0:0:0::/64");
    assert.equal(throttleKeyOf("fe80::1%eth0"), "fe80:0:0:0::/64");
  });

  it("keys IPv4-mapped IPv6 as the IPv4 address, in either spelling", () => {
    assert.equal(throttleKeyOf("::ffff:203.0.113.7"), "203.0.113.7");
    assert.equal(throttleKeyOf("::FFFF:cb00:7107"), "203.0.113.7");
    assert.equal(throttleKeyOf("0:0:0:0:0:ffff:203.0.113.7"), "203.0.113.7");
  });

  it("does not take an IPv4-compatible or NAT64 address for IPv4", () => {
    assert.equal(throttleKeyOf("::203.0.113.7"), "0:0:0:0::/64");
    assert.equal(throttleKeyOf("64:ff9b::203.0.113.7"), "64:ff9b:0:0::/64");
  });

  it("leaves anything that is not an address as it is", () => {
    for (const text of ["unknown", "", "2001:db8::g", "203.0.113.256"]) assert.equal(throttleKeyOf(text), text);
  });
});
