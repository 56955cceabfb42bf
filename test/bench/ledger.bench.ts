/**
 * `npm run bench:growth`: how long the growth rules take over a large interactions log (issue 12, Measured). One
 * member's totals across sessions from a log of 1,000,000 rows (every session folded, both caps applied) and one
 * session's leaderboard from 100,000 rows (the fold, then the ranking). Rows are generated, seeded, in the mix a
 * lively salon writes. Writes its section of docs/benchmarks.md between the `bench:growth` markers (BENCH_WRITE=0
 * to print only).
 */
import { performance } from "node:perf_hooks";
import { createLedger, foldRows, leaderboard, memberTotals, tallies } from "../../shared/rules/growth/ledger.js";
import type { LogRow } from "../../shared/rules/growth/types.js";
import { envNumber, fmt, machineLine, machineLoad, seeded, spread, writeDocsSection } from "./benchKit.js";

const SETTINGS = {
  totalRows: envNumber("BENCH_ROWS", 1_000_000),
  sessionRows: envNumber("BENCH_SESSION_ROWS", 4_000),
  boardRows: envNumber("BENCH_BOARD_ROWS", 100_000),
  /** Members in each session, drawn from a pool; member `m0` takes part in every session. */
  members: envNumber("BENCH_MEMBERS", 80),
  pool: envNumber("BENCH_POOL", 2_000),
  repeats: envNumber("BENCH_REPEATS", 3),
  writeDocs: process.env.BENCH_WRITE !== "0",
  note: process.env.BENCH_NOTE ?? "",
};

const START_MARKER = "<!-- bench:growth:start -->";
const END_MARKER = "<!-- bench:growth:end -->";
const MINUTE = 60_000;

/** CPU time (user + system) this process spent since `from`, in ms: on a loaded machine it says more than the wall clock. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

function progress(message: string): void {
  process.stderr.write(`[bench:growth] ${message}\n`);
}

const rng = seeded(12);
const below = (n: number): number => Math.floor(rng() * n);

/**
 * One session's rows: joins first, then chat (45 %), reactions (20 %), questions and upvotes, polls and votes,
 * energy, stances, check-ins, helpful marks, deleted lines and hidden questions, over about three hours; leaves last.
 */
function sessionRows(sessionId: string, count: number, start: number, firstId: number, memberCount = SETTINGS.members): LogRow[] {
  const rows: LogRow[] = [];
  let id = firstId;
  let seq = 0;
  const members = ["m0", ...Array.from({ length: memberCount - 1 }, () => `m${1 + below(SETTINGS.pool - 1)}`)];
  const someone = (): string => members[below(members.length)]!;
  const step = (3 * 60 * MINUTE) / count;
  const questions: Array<{ id: string; author: string }> = [];
  const lines: Array<{ id: string; author: string }> = [];
  let poll: string | null = null;
  let debate: string | null = null;
  let checkIn: string | null = null;
  const add = (memberId: string, kind: string, detail: unknown, command: boolean): LogRow => {
    const row: LogRow = { id: ++id, sessionId, memberId, at: Math.round(start + rows.length * step), seq: command ? ++seq : null, kind, detail };
    rows.push(row);
    return row;
  };
  for (const m of members) add(m, "join", {}, false);
  while (rows.length < count - members.length) {
    const roll = rng();
    const m = someone();
    if (roll < 0.45) {
      const lineId = `${sessionId}-${rows.length}`;
      lines.push({ id: lineId, author: m });
      add(m, "chat", { text: "the tree grows when we talk", id: lineId, name: `Member ${m}`, instance: 1 }, false);
    } else if (roll < 0.65) add(m, "reaction", { emoji: "👏" }, false);
    else if (roll < 0.68) questions.push({ id: `q${add(m, "questionAsked", { text: "How do trees talk?", name: `Member ${m}`, anonymous: false }, true).seq}`, author: m });
    else if (roll < 0.76 && questions.length > 0) add(m, "questionUpvoted", { questionId: questions[below(questions.length)]!.id }, true);
    else if (roll < 0.77) {
      const quiz = rng() < 0.5;
      const detail = { kind: quiz ? "quiz" : "single", question: "Which tree?", options: ["Oak", "Pine", "Ginkgo"], correct: quiz ? [1] : [], durationMs: null, resultsShown: true };
      poll = `p${add("host", "pollOpened", detail, true).seq}`;
    } else if (roll < 0.86 && poll !== null) add(m, "pollVoted", { pollId: poll, options: [`o${below(3)}`], name: `Member ${m}` }, true);
    else if (roll < 0.89 && (questions.length > 0 || lines.length > 0)) {
      const onQuestion = questions.length > 0 && (lines.length === 0 || rng() < 0.4);
      const to = onQuestion ? questions[below(questions.length)]! : lines[below(lines.length)]!;
      add(m, "energyGiven", { target: onQuestion ? "question" : "chat", refId: to.id, toId: to.author, toName: `Member ${to.author}`, name: `Member ${m}` }, true);
    } else if (roll < 0.895) debate = `d${add("host", "debateOpened", { motion: "Trees first", sides: ["yes", "no"] }, true).seq}`;
    else if (roll < 0.92 && debate !== null) add(m, "stanceTaken", { debateId: debate, side: below(2), name: `Member ${m}` }, true);
    else if (roll < 0.925) checkIn = `c${add("host", "checkInOpened", { prompt: "How are you?" }, true).seq}`;
    else if (roll < 0.95 && checkIn !== null) add(m, "checkedIn", { checkInId: checkIn, text: "fine", name: `Member ${m}`, streak: 1 + below(5) }, true);
    else if (roll < 0.955 && lines.length > 0) {
      const line = lines[below(lines.length)]!;
      add("host", "lineMarkedHelpful", { lineId: line.id, authorId: line.author, authorName: `Member ${line.author}`, name: "Host" }, true);
    } else if (roll < 0.958 && lines.length > 0) {
      const line = lines[below(lines.length)]!;
      add("host", "lineDeleted", { lineId: line.id, authorId: line.author, authorName: `Member ${line.author}`, text: "gone", name: "Host" }, true);
    } else if (roll < 0.96 && questions.length > 0) add("host", "questionModerated", { questionId: questions[below(questions.length)]!.id, action: rng() < 0.7 ? "hide" : "unhide" }, true);
    else if (roll < 0.965) add("host", "speakerInvited", { memberId: m }, true);
    else add(m, "reaction", { emoji: "🌱" }, false);
  }
  for (const m of members) add(m, "leave", {}, false);
  return rows;
}

interface Results {
  date: string;
  machine: string;
  loadBefore: { text: string; quiet: boolean };
  loadAfter: { text: string; quiet: boolean };
  sessions: number;
  rows: number;
  memberRows: number;
  totalsMs: number[];
  totalsCpuMs: number[];
  totals: { points: number; sessions: number };
  boardRows: number;
  boardMembers: number;
  foldMs: number[];
  foldCpuMs: number[];
  rankMs: number[];
  heapMiB: number;
}

function main(): void {
  const loadBefore = machineLoad("bench:growth");
  progress(`generating ${SETTINGS.totalRows.toLocaleString("en")} rows`);
  const rows: LogRow[] = [];
  const DAY = 24 * 60 * MINUTE;
  const start = Date.UTC(2026, 0, 1, 18);
  let sessions = 0;
  while (rows.length < SETTINGS.totalRows) {
    // Sessions on consecutive evenings (some cross midnight), so the per-day cap has days to work on.
    for (const row of sessionRows(`s${sessions}`, Math.min(SETTINGS.sessionRows, SETTINGS.totalRows - rows.length), start + sessions * DAY + below(6 * 60) * MINUTE, rows.length)) rows.push(row);
    sessions += 1;
  }
  const memberRows = rows.reduce((n, row) => n + (row.memberId === "m0" ? 1 : 0), 0);
  const now = start + (sessions + 1) * DAY;

  const totalsMs: number[] = [];
  const totalsCpuMs: number[] = [];
  let totals = { points: 0, sessions: 0 };
  for (let i = 0; i < SETTINGS.repeats; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const result = memberTotals(rows, "m0", now);
    totalsMs.push(performance.now() - t);
    totalsCpuMs.push(cpuMs(cpu));
    totals = { points: result.points, sessions: result.sessions };
    progress(`memberTotals over ${rows.length} rows: ${fmt(totalsMs.at(-1)!)} ms (${result.points} points, ${result.sessions} sessions)`);
  }
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  rows.length = 0;

  progress(`one session of ${SETTINGS.boardRows.toLocaleString("en")} rows`);
  const board = sessionRows("big", SETTINGS.boardRows, start, 0, 400);
  const foldMs: number[] = [];
  const foldCpuMs: number[] = [];
  const rankMs: number[] = [];
  let boardMembers = 0;
  for (let i = 0; i < SETTINGS.repeats; i++) {
    let t = performance.now();
    const cpu = process.cpuUsage();
    const ledger = foldRows(createLedger("big"), board);
    foldMs.push(performance.now() - t);
    foldCpuMs.push(cpuMs(cpu));
    t = performance.now();
    const top = leaderboard(ledger, start + 4 * 60 * MINUTE, [], () => "explorer");
    rankMs.push(performance.now() - t);
    boardMembers = tallies(ledger, start).length;
    progress(`fold ${fmt(foldMs.at(-1)!)} ms, leaderboard ${fmt(rankMs.at(-1)!)} ms (top: ${top[0]?.memberId} ${top[0]?.points})`);
  }

  const results: Results = {
    date: new Date().toISOString().slice(0, 16).replace("T", " "),
    machine: machineLine(),
    loadBefore,
    loadAfter: machineLoad("bench:growth"),
    sessions,
    rows: SETTINGS.totalRows,
    memberRows,
    totalsMs,
    totalsCpuMs,
    totals,
    boardRows: board.length,
    boardMembers,
    foldMs,
    foldCpuMs,
    rankMs,
    heapMiB,
  };
  const section = report(results);
  process.stdout.write(`${section}\n`);
  if (SETTINGS.writeDocs) writeDocsSection(section, START_MARKER, END_MARKER);
}

function report(r: Results): string {
  const n = (value: number) => value.toLocaleString("en");
  const quiet = r.loadBefore.quiet && r.loadAfter.quiet;
  return [
    "## Growth ledger (`npm run bench:growth`)",
    "",
    `Run ${r.date} UTC on ${r.machine}. Machine before the run: ${r.loadBefore.text}; after: ${r.loadAfter.text}.`,
    "",
    quiet ? "" : "**The machine was not quiet** (a 1-minute load average of 1.5 or more, or test runners going): absolute figures are slower and noisier than on an idle machine.\n",
    SETTINGS.note ? `${SETTINGS.note}\n` : "",
    `**Method.** One process, one thread. Generated rows (seeded), as a lively salon writes them: chat 45 %, reactions 20 %, questions and upvotes, polls and votes (half of them quizzes), energy, stances, check-ins, helpful marks, deleted lines and hidden questions, joins and leaves; every row carries its detail and is validated by its zod schema (shared/log.ts) as the ledger folds it. One member's totals: \`memberTotals\` over ${n(r.rows)} rows in ${n(r.sessions)} sessions of ${n(SETTINGS.sessionRows)} rows (${SETTINGS.members} members each out of ${n(SETTINGS.pool)}; the member, \`m0\`, in all of them, ${n(r.memberRows)} rows their own), one session an evening, so the per-UTC-day cap applies: every session folded, then the member's awards priced (diminishing returns, perSession) and clipped per UTC day (perDay). The leaderboard: one session of ${n(r.boardRows)} rows and ${n(r.boardMembers)} members folded by \`foldRows\`, then \`leaderboard\` (every member's tally, sorted, top 10). ${r.totalsMs.length} repeats each; the median, range in brackets.`,
    "",
    "| What | Rows | Time (wall) | CPU time |",
    "|---|---:|---:|---:|",
    `| One member's totals across sessions (\`memberTotals\`) | ${n(r.rows)} | ${spread(r.totalsMs, " ms", 0)} | ${spread(r.totalsCpuMs, " ms", 0)} |`,
    `| One session folded (\`foldRows\`) | ${n(r.boardRows)} | ${spread(r.foldMs, " ms", 0)} | ${spread(r.foldCpuMs, " ms", 0)} |`,
    `| Its leaderboard from the folded ledger (\`leaderboard\`) | ${n(r.boardRows)} | ${spread(r.rankMs, " ms", 1)} | — |`,
    "",
    `The member's totals: ${n(r.totals.points)} points over ${n(r.totals.sessions)} sessions. Heap after the totals: ${fmt(r.heapMiB, 0)} MiB (the rows themselves included).`,
    "",
    "**How to read it.** The fold is linear in the rows; a CPU profile of a smaller run (200,000 rows) split its time between the garbage collector (the parsed details and the awards it keeps), the fold's own bookkeeping and the zod check of each row's detail, in that order. Pricing a member is linear in their awards. The tracker folds a live session row by row as it comes and ranks on each growth tick (at most once per GROWTH_TICK_MS), so the leaderboard row is what a tick costs; a profile recomputes a member's totals from their sessions' rows, so the first row is a member with a very long history. Nothing here asserts on time.",
  ]
    .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
    .join("\n");
}

main();
