import { relative } from "node:path";
import type { TestSequencer, TestSpecification } from "vitest/node";

/** Whether a repository-relative file matches an include entry: a path, or a folder glob such as `test/shared/**`. */
function matches(file: string, pattern: string): boolean {
  const star = pattern.indexOf("*");
  return star === -1 ? file === pattern : file.startsWith(pattern.slice(0, star));
}

/**
 * A vitest sequencer for mutation runs: test files run in the order of the config's `include` list (cheapest
 * first) rather than vitest's default of the slowest first. Stryker stops a mutant's run at its first failing
 * test, so a mutant that a quick test kills never waits for a slow suite.
 */
export function listedOrder(include: readonly string[]): new () => TestSequencer {
  const rank = (spec: TestSpecification) => {
    const file = relative(process.cwd(), spec.moduleId).split("\\").join("/");
    const index = include.findIndex((pattern) => matches(file, pattern));
    return index === -1 ? include.length : index;
  };
  return class ListedOrder implements TestSequencer {
    shard(files: TestSpecification[]): TestSpecification[] {
      return files;
    }
    sort(files: TestSpecification[]): TestSpecification[] {
      return [...files].sort((a, b) => rank(a) - rank(b));
    }
  };
}
