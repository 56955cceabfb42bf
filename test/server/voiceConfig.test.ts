import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MEDIA_PORTS, findOnPath, parseIceServers, parsePortRange, spawnedJanusConfig, voiceConfigFromEnv } from "../../server/voice/config.js";
import { janusConfigFiles, JanusProcess } from "../../server/voice/janusProcess.js";
import { turnExpiry, VoiceService } from "../../server/voice/VoiceService.js";

// How Grove finds and configures Janus (docs/voice.md): from the environment, with its own configuration files.

const bin = mkdtempSync(join(tmpdir(), "grove-bin-"));
const fakeJanus = join(bin, "janus");
writeFileSync(fakeJanus, "#!/bin/sh\nexit 3\n");
chmodSync(fakeJanus, 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe("voiceConfigFromEnv", () => {
  it("starts its own Janus when one is on PATH, with fresh secrets each time", () => {
    const one = voiceConfigFromEnv({ PATH: bin });
    const two = voiceConfigFromEnv({ PATH: bin });
    expect(one).toMatchObject({ mode: "spawn", binary: fakeJanus, mediaPorts: DEFAULT_MEDIA_PORTS, iceServers: [], bitrate: 32_000 });
    expect(one.apiSecret).toMatch(/^[\w-]{32}$/u);
    expect(one.adminKey).toMatch(/^[\w-]{32}$/u);
    expect(one.apiSecret).not.toBe(two.apiSecret);
    expect(one.apiSecret).not.toBe(one.adminKey);
  });

  it("runs without voice when there is no Janus, or when switched off", () => {
    expect(voiceConfigFromEnv({ PATH: "/nonexistent" }).mode).toBe("missing");
    expect(voiceConfigFromEnv({ PATH: bin, GROVE_VOICE: "off" }).mode).toBe("off");
    expect(voiceConfigFromEnv({ PATH: "/nonexistent", GROVE_JANUS_BIN: fakeJanus })).toMatchObject({ mode: "spawn", binary: fakeJanus });
  });

  it("uses an external Janus from JANUS_URL with its secrets, and refuses an address that is not ws(s)", () => {
    expect(voiceConfigFromEnv({ PATH: bin, JANUS_URL: "ws://10.0.0.5:8188", JANUS_API_SECRET: "s", JANUS_ADMIN_KEY: "k" })).toMatchObject({
      mode: "external",
      url: "ws://10.0.0.5:8188",
      apiSecret: "s",
      adminKey: "k",
    });
    expect(() => voiceConfigFromEnv({ JANUS_URL: "http://10.0.0.5:8088" })).toThrow("JANUS_URL must be a ws:// or wss:// address");
    expect(() => voiceConfigFromEnv({ JANUS_URL: "ws://a b" })).toThrow("JANUS_URL");
  });

  it("reads media ports, the public address, the bitrate within bounds, and ICE servers", () => {
    const config = voiceConfigFromEnv({ PATH: bin, GROVE_MEDIA_PORTS: "40000-40100", GROVE_PUBLIC_IP: "203.0.113.7", GROVE_VOICE_BITRATE: "24000", GROVE_TURN_URL: "turn:turn.example.org:3478", GROVE_TURN_USERNAME: "u", GROVE_TURN_CREDENTIAL: "p" });
    expect(config).toMatchObject({ mediaPorts: [40000, 40100], publicIp: "203.0.113.7", bitrate: 24_000, iceServers: [{ urls: "turn:turn.example.org:3478", username: "u", credential: "p" }] });
    expect(voiceConfigFromEnv({ PATH: bin, GROVE_VOICE_BITRATE: "5" }).bitrate).toBe(32_000);
    expect(voiceConfigFromEnv({ PATH: bin, GROVE_VOICE_BITRATE: "999999" }).bitrate).toBe(32_000);
    expect(voiceConfigFromEnv({ PATH: bin, GROVE_VOICE_BITRATE: "256000" }).bitrate).toBe(256_000);
  });
});

describe("parsePortRange", () => {
  it("takes low-high within 1024..65535, and names the variable otherwise", () => {
    expect(parsePortRange("20000-20999")).toEqual([20000, 20999]);
    expect(parsePortRange(" 1024-65535 ")).toEqual([1024, 65535]);
    expect(parsePortRange("30000-30000")).toEqual([30000, 30000]);
    for (const bad of ["20999-20000", "80-90", "1023-2000", "20000-65536", "20000", "a-b", "20000-20999,1", ""]) {
      expect(() => parsePortRange(bad), bad).toThrow("GROVE_MEDIA_PORTS must look like 20000-20999");
    }
  });
});

describe("parseIceServers", () => {
  it("takes a JSON list, refuses junk, and builds STUN and TURN from their parts", () => {
    expect(parseIceServers({ GROVE_ICE_SERVERS: '[{"urls":["stun:a:3478","stun:b"]}]' })).toEqual([{ urls: ["stun:a:3478", "stun:b"] }]);
    expect(() => parseIceServers({ GROVE_ICE_SERVERS: "{" })).toThrow("GROVE_ICE_SERVERS must be a JSON list");
    expect(() => parseIceServers({ GROVE_ICE_SERVERS: '[{"url":"x"}]' })).toThrow("GROVE_ICE_SERVERS must be a JSON list of {urls");
    expect(parseIceServers({ GROVE_STUN_URL: "stun:s" })).toEqual([{ urls: "stun:s" }]);
    expect(parseIceServers({ GROVE_TURN_URL: "turn:t" })).toEqual([{ urls: "turn:t" }]);
    expect(parseIceServers({})).toEqual([]);
  });
});

describe("findOnPath", () => {
  it("finds an executable, skipping empty entries and folders without it", () => {
    expect(findOnPath("janus", `:/nonexistent:${bin}`)).toBe(fakeJanus);
    expect(findOnPath("janus", "/nonexistent")).toBeNull();
    expect(findOnPath("janus", "")).toBeNull();
  });
});

describe("janusConfigFiles", () => {
  const config = spawnedJanusConfig({ binary: fakeJanus, publicIp: "203.0.113.7", janusStun: "stun.example.org:19302" })!;
  const files = janusConfigFiles(config, "/tmp/grove-janus-x", 18188);

  it("binds the WebSocket API to loopback on the given port, with no admin API", () => {
    const ws = files["janus.transport.websockets.jcfg"]!;
    expect(ws).toContain('ws_ip = "127.0.0.1"');
    expect(ws).toContain("ws_port = 18188");
    expect(ws).toContain("wss = false");
    expect(ws).toContain("admin_ws = false");
  });

  it("requires the API secret and the admin key, and loads only VideoRoom and the WebSocket transport", () => {
    const main = files["janus.jcfg"]!;
    expect(main).toContain(`api_secret = "${config.apiSecret}"`);
    expect(files["janus.plugin.videoroom.jcfg"]).toContain(`admin_key = "${config.adminKey}"`);
    expect(main).toContain('configs_folder = "/tmp/grove-janus-x"');
    expect(main).toContain('rtp_port_range = "20000-20999"');
    expect(main).toMatch(/disable = "[^"]*libjanus_audiobridge\.so/u);
    expect(main).not.toMatch(/disable = "[^"]*libjanus_videoroom\.so/u);
    expect(main).toMatch(/disable = "libjanus_http\.so,libjanus_mqtt\.so,libjanus_nanomsg\.so,libjanus_pfunix\.so,libjanus_rabbitmq\.so"/u);
    expect(main).toContain('nat_1_1_mapping = "203.0.113.7"');
    expect(main).toContain('stun_server = "stun.example.org"');
    expect(main).toContain("stun_port = 19302");
    const both = janusConfigFiles(config, "/tmp/x", 1, ["videoroom", "audiobridge"]);
    expect(both["janus.jcfg"]).not.toMatch(/disable = "[^"]*libjanus_audiobridge\.so/u);
  });

  it("escapes quotes in values and refuses a line break", () => {
    const quoted = janusConfigFiles({ ...config, publicIp: 'a"b\\c' }, "/tmp/x", 1);
    expect(quoted["janus.jcfg"]).toContain('nat_1_1_mapping = "a\\"b\\\\c"');
    expect(() => janusConfigFiles({ ...config, publicIp: "a\nb" }, "/tmp/x", 1)).toThrow("line break");
  });
});

describe("JanusProcess", () => {
  it("rejects a start whose program exits at once, and removes its folder on stop", async () => {
    const logs: string[] = [];
    const process = new JanusProcess({ config: spawnedJanusConfig({ binary: fakeJanus })!, log: (m) => logs.push(m), startTimeoutMs: 3000 });
    await expect(process.start()).rejects.toThrow("Janus exited while starting");
    await process.stop();
    const { existsSync } = await import("node:fs");
    expect(existsSync(process.dir)).toBe(false);
  });
});

describe("TURN with coturn's shared secret", () => {
  it("hands browsers a credential that expires, made from the secret, never the secret itself", async () => {
    const config = voiceConfigFromEnv({ PATH: "/nonexistent", GROVE_TURN_URL: "turn:turn.example.org:3478", GROVE_TURN_SECRET: "s3cr3t", GROVE_STUN_URL: "stun:stun.example.org" });
    expect(config.turnRest).toEqual({ urls: "turn:turn.example.org:3478", secret: "s3cr3t", ttlSeconds: 21_600 });
    const now = Date.UTC(2026, 11, 1, 10, 20);
    const voice = new VoiceService({ config, log: () => undefined, now: () => now });
    const ice = voice.view("any").ice;
    // 11:00 is the next whole hour; six hours after it.
    const expiry = Date.UTC(2026, 11, 1, 11, 0) / 1000 + 21_600;
    expect(turnExpiry(now, 21_600)).toBe(expiry);
    expect(ice).toEqual([
      { urls: "stun:stun.example.org" },
      { urls: "turn:turn.example.org:3478", username: `${expiry}:grove`, credential: createHmac("sha1", "s3cr3t").update(`${expiry}:grove`).digest("base64") },
    ]);
    expect(JSON.stringify(ice)).not.toContain("s3cr3t");
    // The same all hour long, so the room state does not change on every view.
    expect(turnExpiry(now + 39 * 60_000, 21_600)).toBe(expiry);
    expect(turnExpiry(now + 41 * 60_000, 21_600)).toBe(expiry + 3600);
    await voice.stop();
  });

  it("passes a TURN server's fixed credentials as they are when there is no secret", () => {
    const config = voiceConfigFromEnv({ PATH: "/nonexistent", GROVE_TURN_URL: "turn:t", GROVE_TURN_USERNAME: "u", GROVE_TURN_CREDENTIAL: "p" });
    expect(config.turnRest).toBeUndefined();
    expect(new VoiceService({ config, log: () => undefined }).view("x").ice).toEqual([{ urls: "turn:t", username: "u", credential: "p" }]);
  });
});
