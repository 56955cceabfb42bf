import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import QRCode from "qrcode";
import { decodeFrame, scanTokenOf, voucherCodeOf, type Frame } from "../../client/ui/hunt/qrDecode.js";

/**
 * pngjs comes with qrcode (which draws the PNG); it has no types of its own, so the little of it used is typed here.
 */
const { PNG } = createRequire(import.meta.url)("pngjs") as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

/** A QR code as a camera frame would carry it: drawn by `qrcode` as a PNG, decoded back into RGBA pixels. */
async function frameOf(text: string, options: { scale?: number; margin?: number } = {}): Promise<Frame> {
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", scale: options.scale ?? 6, margin: options.margin ?? 4 }));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

/** Puts `frame` on a larger grey, noisy "photo" at (left, top), as a code sits in part of the camera's view. */
function inScene(frame: Frame, width: number, height: number, left: number, top: number): Frame {
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  for (let i = 0; i < width * height; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const grey = 150 + (seed % 40);
    data.set([grey, grey, grey, 255], i * 4);
  }
  for (let y = 0; y < frame.height; y += 1) {
    const row = frame.data.subarray(y * frame.width * 4, (y + 1) * frame.width * 4);
    data.set(row, ((top + y) * width + left) * 4);
  }
  return { data, width, height };
}

const ORIGIN = "https://grove.example";
const TOKEN = "c1.h7Kp2.clue-1.3.lq8x2k0.Zm9vYmFyYmF6cXV4cXV1eA";

describe("decodeFrame", () => {
  it("reads a printed clue's scan address from the code's pixels", async () => {
    const url = `${ORIGIN}/scan/${TOKEN}`;
    expect(decodeFrame(await frameOf(url))).toBe(url);
  });

  it("reads a voucher code in Chinese and ASCII text alike (byte mode keeps UTF-8)", async () => {
    expect(decodeFrame(await frameOf("v1.ABCDEFGHJKMN.AAECAwQFBgcICQoLDA0ODw"))).toBe("v1.ABCDEFGHJKMN.AAECAwQFBgcICQoLDA0ODw");
    expect(decodeFrame(await frameOf("寻宝：城南书店"))).toBe("寻宝：城南书店");
  });

  it("finds a small code anywhere in a larger, noisy frame", async () => {
    const code = await frameOf(`${ORIGIN}/scan/${TOKEN}`, { scale: 4 });
    const frame = inScene(code, code.width + 220, code.height + 160, 150, 40);
    expect(decodeFrame(frame)).toBe(`${ORIGIN}/scan/${TOKEN}`);
  });

  it("reads nothing in a frame without a code, an empty frame or one shorter than it claims", async () => {
    const blank = { data: new Uint8ClampedArray(200 * 150 * 4).fill(255), width: 200, height: 150 };
    expect(decodeFrame(blank)).toBeNull();
    expect(decodeFrame({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBeNull();
    const code = await frameOf("hello");
    expect(decodeFrame({ ...code, data: code.data.subarray(0, code.data.length - 4) })).toBeNull();
  });

  it("reads no code whose finder patterns are wiped out", async () => {
    const code = await frameOf("hello");
    const wiped = new Uint8ClampedArray(code.data);
    // White over the top-left quarter: one of the three finder patterns is gone, so there is no code to locate.
    for (let y = 0; y < code.height / 2; y += 1) wiped.fill(255, y * code.width * 4, (y * code.width + Math.floor(code.width / 2)) * 4);
    expect(decodeFrame({ ...code, data: wiped })).toBeNull();
  });
});

describe("scanTokenOf", () => {
  it("takes the token from this site's scan address, absolute or relative, with a trailing slash or escapes", () => {
    expect(scanTokenOf(`${ORIGIN}/scan/${TOKEN}`, ORIGIN)).toBe(TOKEN);
    expect(scanTokenOf(`  ${ORIGIN}/scan/${TOKEN}/\n`, ORIGIN)).toBe(TOKEN);
    expect(scanTokenOf(`/scan/${TOKEN}`, ORIGIN)).toBe(TOKEN);
    expect(scanTokenOf(`${ORIGIN}/scan/${TOKEN.replace("-", "%2D")}`, ORIGIN)).toBe(TOKEN);
    expect(scanTokenOf(`${ORIGIN}/scan/${TOKEN}?utm=poster#x`, ORIGIN)).toBe(TOKEN);
  });

  it("takes a bare token as typed", () => {
    expect(scanTokenOf(TOKEN, ORIGIN)).toBe(TOKEN);
    expect(scanTokenOf(` ${TOKEN} `, ORIGIN)).toBe(TOKEN);
  });

  it("follows no other site's address, scheme or port, however alike", () => {
    for (const text of [
      `https://evil.example/scan/${TOKEN}`,
      `http://grove.example/scan/${TOKEN}`,
      `https://grove.example:8443/scan/${TOKEN}`,
      `https://grove.example.evil.example/scan/${TOKEN}`,
      `//evil.example/scan/${TOKEN}`,
      `https://grove.example@evil.example/scan/${TOKEN}`,
    ]) {
      expect(scanTokenOf(text, ORIGIN), text).toBeNull();
    }
  });

  it("finds no token in other paths, other codes or odd text", () => {
    for (const text of [
      "",
      "   ",
      `${ORIGIN}/e/demo`,
      `${ORIGIN}/scan/`,
      `${ORIGIN}/scan/${TOKEN}/more`,
      `${ORIGIN}/admin/scan/${TOKEN}`,
      `${ORIGIN}/scan/not-a-clue-code`,
      `${ORIGIN}/scan/c1.a%20b`,
      `${ORIGIN}/scan/%E0%A4%A`,
      `${ORIGIN}/scan/c1.${"a".repeat(300)}`,
      "c1.has space",
      "c1.<script>",
      "v1.ABCDEFGHJKMN.AAECAwQFBgcICQoLDA0ODw",
      "javascript:alert(1)",
      "WIFI:S:shop;T:WPA;P:secret;;",
    ]) {
      expect(scanTokenOf(text, ORIGIN), text).toBeNull();
    }
  });

  it("never returns anything but a token the /scan route accepts", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const token = scanTokenOf(text, ORIGIN);
        return token === null || (/^c1\.[A-Za-z0-9_.-]{0,297}$/.test(token) && token.length <= 300);
      }),
    );
  });
});

describe("voucherCodeOf", () => {
  const CODE = "v1.ABCDEFGHJKMN.AAECAwQFBgcICQoLDA0ODw";

  it("recognises a voucher code, also with spaces or a line break from a copy", () => {
    expect(voucherCodeOf(CODE)).toBe(CODE);
    expect(voucherCodeOf(`  ${CODE}\n`)).toBe(CODE);
    expect(voucherCodeOf("v1.ABCDEF GHJKMN.AAECAwQF\nBgcICQoLDA0ODw")).toBe(CODE);
  });

  it("keeps the letters as written: the MAC is case-sensitive", () => {
    expect(voucherCodeOf("v1.abcdefghjkmn.aaECAwQFBgcICQoLDA0ODw")).toBe("v1.abcdefghjkmn.aaECAwQFBgcICQoLDA0ODw");
  });

  it("recognises nothing else: a scan address, another version, a short id, a missing MAC, markup", () => {
    for (const text of [
      "",
      `${ORIGIN}/scan/${TOKEN}`,
      TOKEN,
      "v2.ABCDEFGHJKMN.AAECAwQFBgcICQoLDA0ODw",
      "v1.ABCDEFGHJKM.AAECAwQFBgcICQoLDA0ODw",
      "v1.ABCDEFGHJKMNP.AAECAwQFBgcICQoLDA0ODw",
      "v1.ABCDEFGHJKMN.",
      "v1.ABCDEFGHJKMN",
      "v1.ABCDEFGHJKMN.<script>",
      "v1.ABCDEFGHJKMN.AAEC/wQF",
    ]) {
      expect(voucherCodeOf(text), text).toBeNull();
    }
  });
});
