import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAME_TAG_MIN_LENGTH, disambiguators, nameCollisionKey, type NamedMember } from "../../shared/rules/nameTags.js";

const member = (key: string, memberId: string, name: string): NamedMember => ({ key, memberId, name });

describe("disambiguators", () => {
  it("tags both members who share a name with the start of their ids, and nobody else", () => {
    const tags = disambiguators([
      member("s1", "3F2A9c1e-0000-4000-8000-000000000001", "Ada"),
      member("s2", "b71d40aa-0000-4000-8000-000000000002", "Ada"),
      member("s3", "c0ffee00-0000-4000-8000-000000000003", "Grace"),
    ]);
    expect(tags).toEqual(
      new Map([
        ["s1", "3f2a"],
        ["s2", "b71d"],
      ]),
    );
  });

  it("treats full-width, case, spacing and invisible joiners as the same name", () => {
    const names = ["Ada Lovelace", "ＡＤＡ　LOVELACE", " ada   lovelace ", "Ada\u200d Lovelace"];
    const tags = disambiguators(names.map((name, i) => member(`s${i}`, `${i}aaa-id`, name)));
    expect(tags.size).toBe(names.length);
    expect(nameCollisionKey("ＡＤＡ")).toBe(nameCollisionKey("ada"));
    expect(nameCollisionKey("Straße")).toBe(nameCollisionKey("STRASSE"));
    expect(nameCollisionKey("Ada")).not.toBe(nameCollisionKey("Adä"));
  });

  it("keeps the space between words: 'Ada Li' is not 'AdaLi'", () => {
    expect(nameCollisionKey("Ada  Li")).toBe(nameCollisionKey("ada li"));
    expect(nameCollisionKey("Ada Li")).not.toBe(nameCollisionKey("AdaLi"));
  });

  it("tags colliding Chinese names and leaves different ones alone", () => {
    const tags = disambiguators([member("a", "1111aaaa", "小明"), member("b", "2222bbbb", "小明"), member("c", "3333cccc", "小红")]);
    expect([...tags.keys()].sort()).toEqual(["a", "b"]);
  });

  it("lengthens tags only as far as two ids share a prefix", () => {
    const tags = disambiguators([
      member("s1", "3f2a1111", "Ada"),
      member("s2", "3f2a2222", "Ada"),
      member("s3", "3f2b0000", "Ada"),
      member("s4", "9d00ffff", "Ada"),
    ]);
    expect(Object.fromEntries(tags)).toEqual({ s1: "3f2a1", s2: "3f2a2", s3: "3f2b", s4: "9d00" });
  });

  it("tells one member joined twice apart by key order, whatever the input order", () => {
    const a = member("sess-a", "abcdef12", "Ada");
    const b = member("sess-b", "abcdef12", "Ada");
    const c = member("sess-c", "ABCD-EF12", "ada");
    const expected = { "sess-a": "abcd", "sess-b": "abcd-2", "sess-c": "abcd-3" };
    expect(Object.fromEntries(disambiguators([c, b, a]))).toEqual(expected);
    expect(Object.fromEntries(disambiguators([a, c, b]))).toEqual(expected);
  });

  it("numbers one member's entries by key order for every order they come in", () => {
    const entries = [member("k2", "abcdef12", "Ada"), member("k10", "abcdef12", "Ada"), member("k1", "abcdef12", "Ada"), member("other", "99990000", "Ada")];
    const expected = { k1: "abcd", k10: "abcd-2", k2: "abcd-3", other: "9999" };
    const orders = (items: NamedMember[]): NamedMember[][] =>
      items.length <= 1 ? [items] : items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
    for (const order of orders(entries)) expect(Object.fromEntries(disambiguators(order))).toEqual(expected);
  });

  it("gives a tag to an id without letters or digits", () => {
    const tags = disambiguators([member("s1", "—", "Ada"), member("s2", "", "Ada")]);
    expect(tags.get("s1")).toMatch(/^[a-z0-9]{4,}$/);
    expect(tags.get("s2")).toMatch(/^[a-z0-9]{4,}$/);
    expect(tags.get("s1")).not.toBe(tags.get("s2"));
  });

  // Few names and ids with shared prefixes, so that collisions and long common prefixes are common.
  const membersArb = fc
    .uniqueArray(
      fc.record({
        key: fc.string({ minLength: 1, maxLength: 6 }),
        memberId: fc.oneof(fc.stringMatching(/^[0-9a-f]{1,4}$/).map((s) => `3f2a${s}`), fc.uuid(), fc.constantFrom("x", "-", "3F2A")),
        name: fc.constantFrom("Ada", "ada", "ＡＤＡ", "Grace", "小明", " Grace ", "Linus"),
      }),
      { selector: (m) => m.key, maxLength: 12 },
    );

  it("gives every member of a colliding group a tag, different from the others in the group", () => {
    fc.assert(
      fc.property(membersArb, (members) => {
        const tags = disambiguators(members);
        const groups = new Map<string, NamedMember[]>();
        for (const m of members) groups.set(nameCollisionKey(m.name), [...(groups.get(nameCollisionKey(m.name)) ?? []), m]);
        for (const group of groups.values()) {
          if (group.length === 1) {
            expect(tags.has(group[0]!.key)).toBe(false);
            continue;
          }
          const groupTags = group.map((m) => tags.get(m.key));
          expect(groupTags.every((tag) => typeof tag === "string" && tag.length > 0)).toBe(true);
          expect(new Set(groupTags).size).toBe(group.length);
        }
        expect(tags.size).toBe([...groups.values()].filter((g) => g.length > 1).reduce((n, g) => n + g.length, 0));
      }),
    );
  });

  it("takes tags from the start of the member id", () => {
    fc.assert(
      fc.property(membersArb, (members) => {
        const tags = disambiguators(members);
        for (const m of members) {
          const tag = tags.get(m.key);
          const alnum = m.memberId.toLowerCase().replace(/[^a-z0-9]/g, "");
          if (tag === undefined || alnum === "") continue;
          const base = tag.replace(/-\d+$/, "");
          expect(alnum.startsWith(base)).toBe(true);
          expect(base.length).toBeGreaterThanOrEqual(Math.min(NAME_TAG_MIN_LENGTH, alnum.length));
        }
      }),
    );
  });

  it("does not depend on the order of the members", () => {
    fc.assert(
      fc.property(membersArb, fc.infiniteStream(fc.nat()), (members, randoms) => {
        const shuffled = [...members];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = randoms.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(disambiguators(shuffled)).toEqual(disambiguators(members));
      }),
    );
  });
});
