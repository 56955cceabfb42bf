/**
 * The keyword filter's shipped defaults, read once from `assets/moderation/` (and leo-profanity's dictionary from
 * its package): the server builds each event's filter from these and the host's changes
 * (`effectiveWords` in shared/rules/moderation/filter.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The folder the word lists live in: `assets/moderation/` of the checkout, found from `server/` under tsx and from `dist/server/server/` once built. */
function listsFolder(): URL {
  for (let dir = new URL("./", import.meta.url); ; ) {
    const folder = new URL("assets/moderation/", dir);
    if (existsSync(new URL("package.json", dir)) && existsSync(folder)) return folder;
    const parent = new URL("../", dir);
    if (parent.href === dir.href) throw new Error(`no assets/moderation/ beside a package.json above ${import.meta.url}`);
    dir = parent;
  }
}

/** The entries of a word file: one a line, trimmed; blank lines and lines starting with `#` left out. */
export function parseWordFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/**
 * The English list: leo-profanity's dictionary (plain JSON in the package, read at run time so an update of the
 * package is an update of the list), plus the lines of `en.txt`, less its `-word` lines.
 */
function englishWords(folder: URL): string[] {
  const dictionary: unknown = createRequire(import.meta.url)("leo-profanity/dictionary/default.json");
  if (!Array.isArray(dictionary) || !dictionary.every((word) => typeof word === "string")) {
    throw new Error("leo-profanity/dictionary/default.json is not a list of words");
  }
  const lines = parseWordFile(readFileSync(new URL("en.txt", folder), "utf8"));
  const removed = new Set(lines.filter((line) => line.startsWith("-")).map((line) => line.slice(1).trim().toLowerCase()));
  const words = [...(dictionary as string[]), ...lines.filter((line) => !line.startsWith("-"))];
  return [...new Set(words)].filter((word) => !removed.has(word.toLowerCase()));
}

interface Defaults {
  words: readonly string[];
  exceptions: readonly string[];
}

let defaults: Defaults | undefined;

function load(): Defaults {
  if (!defaults) {
    const folder = listsFolder();
    const read = (name: string) => parseWordFile(readFileSync(new URL(name, folder), "utf8"));
    defaults = {
      words: Object.freeze([...englishWords(folder), ...read("zh-CN.txt")]),
      exceptions: Object.freeze([...read("en.exceptions.txt"), ...read("zh-CN.exceptions.txt")]),
    };
  }
  return defaults;
}

/** The shipped word list, English then Chinese: what an event filters before its host changes anything. */
export function defaultWords(): readonly string[] {
  return load().words;
}

/** The shipped exceptions (ordinary words that hold a listed one, such as 操作 for 操), English then Chinese. */
export function defaultExceptions(): readonly string[] {
  return load().exceptions;
}
