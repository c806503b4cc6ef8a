import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a same-site path with its query and fragment", () => {
    assert.equal(safeNextPath("/account?x=1"), "/account?x=1");
    assert.equal(safeNextPath("/"), "/");
    assert.equal(safeNextPath("/docs#login"), "/docs#login");
    assert.equal(safeNextPath("/search?q=a%2Fb"), "/search?q=a%2Fb");
  });

  it("refuses a protocol-relative URL to another host", () => {
    assert.equal(safeNextPath("//evil.example"), "/");
    assert.equal(safeNextPath("//evil.example/account"), "/");
  });

  it("refuses an absolute URL", () => {
    assert.equal(safeNextPath("https://evil.example"), "/");
    assert.equal(safeNextPath("http:/evil.example"), "/");
  });

  it("refuses a script URL", () => {
    assert.equal(safeNextPath("javascript:alert(1)"), "/");
  });

  it("refuses backslashes, which browsers read as slashes", () => {
    assert.equal(safeNextPath("/\\evil.example"), "/");
    assert.equal(safeNextPath("/account\\x"), "/");
  });

  it("refuses encoded backslashes and a leading encoded slash", () => {
    assert.equal(safeNextPath("/%5Cevil.example"), "/");
    assert.equal(safeNextPath("/%5cevil.example"), "/");
    assert.equal(safeNextPath("/%2F/evil.example"), "/");
  });

  it("refuses control characters that browsers strip from URLs", () => {
    assert.equal(safeNextPath("/\t/evil.example"), "/");
    assert.equal(safeNextPath("/\n/evil.example"), "/");
    assert.equal(safeNextPath("/account\u0000"), "/");
  });

  it("refuses relative paths without a leading slash and anything that is not a string", () => {
    assert.equal(safeNextPath("account"), "/");
    assert.equal(safeNextPath(""), "/");
    assert.equal(safeNextPath(undefined), "/");
    assert.equal(safeNextPath(["/account"]), "/");
    assert.equal(safeNextPath("/" + "a".repeat(5000)), "/");
  });
});
