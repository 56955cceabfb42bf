/**
 * Why the mutants that survive do: docs/quality.md shows each note above the survivors it fits. A note fits a
 * surviving mutant of `file` when its optional `mutators`, `match` (tested against the mutated line or lines) and
 * `replacement` (tested against the mutant's code) all fit; the first note that fits wins. Survivors no note fits
 * are listed as not explained yet: pin them with a test, or say here why they cannot or need not be.
 *
 * A note says why no test can notice the change (an equivalent mutant), or why a test that did would pin an
 * implementation detail rather than a behaviour (message texts, bookkeeping, defensive guards behind other guards).
 */

const THRESHOLD_TIE = "Equivalent: a tie at a tolerance (a distance of exactly 1e-9 or 1e-6 m) that no real position reaches; either side of it gives the same walk.";
const MESSAGE_TEXT = "Message text for the operator or the log. Tests check that the error is raised or logged, not its wording.";
const DEFAULT_ENCODING = "Equivalent: Node reads and writes UTF-8 when no encoding is named, and these strings are ASCII.";

export const NOTES = [
  // shared/rules
  { file: "shared/rules/eventStatus.ts", match: /event\.startsAt !== null && now < event\.startsAt/, mutators: ["ConditionalExpression"], replacement: /^true$/, why: "Equivalent: without a start, `now < null` compares with 0, and no clock reads before 1970, so the branch is not taken either way." },
  { file: "shared/rules/labelLayout.ts", match: /box\.right < 0 \|\| box\.left > viewport\.width/, mutators: ["EqualityOperator"], why: "Equivalent on screen: a box that only touches the screen's edge shows no pixel of itself, so placing it or not looks the same; no test can see the difference without pinning the comparison itself." },
  { file: "shared/rules/labelLayout.ts", match: /depth <= options\.nearDepth|depth >= options\.farDepth/, mutators: ["EqualityOperator"], why: "Equivalent: at exactly nearDepth or farDepth the linear scale already equals 1 or minScale, so either branch gives the same size." },
  { file: "shared/rules/labelLayout.ts", match: /c\.depth <= fadeFrom/, mutators: ["EqualityOperator"], why: "Equivalent: at exactly the fade's start the fading formula gives opacity 1 too." },
  { file: "shared/rules/labelLayout.ts", match: /if \(opacity <= 0\) continue/, why: "Equivalent: opacity reaches 0 only at hideDepth, and labels at or past it are out of play before this line (inPlay); the guard stays for options where fadeDepth exceeds hideDepth." },
  { file: "shared/rules/labelLayout.ts", match: /isMustShow\(c\.rank\) \|\| c\.depth < options\.hideDepth/, why: "Equivalent: a label at or past hideDepth that is not a must-show gets opacity 0 from the fade and is left out there; inPlay only drops it earlier, before it is projected into boxes." },
  { file: "shared/rules/labelLayout.ts", match: /const boxes: Box\[\] = \[\]/, why: "Equivalent: a stray string in the list of placed boxes has no edges, so it never overlaps a label and changes no placement." },
  { file: "shared/rules/look.ts", match: /i < text\.length|h \/ BODY_COLOURS\.length|h \/ BODY_SHAPES\.length/, why: "Only which seed maps to which look changes (one more hash step over a missing code unit, or digits taken by multiplying instead of dividing: colour, shape and accessory counts 8, 3 and 5 are coprime, so every one of the 120 looks is still reached). Tests pin determinism, validity and the spread over all looks, not the hash's arithmetic, which would copy the code." },
  { file: "shared/rules/cameraFraming.ts", match: />= wanted|fovNeeded <= CAMERA_MAX_FOV/, mutators: ["EqualityOperator"], why: "Equivalent: at the exact tie both branches give the same framing (the base lens shows exactly the wanted width; the needed lens is exactly the widest)." },
  { file: "shared/rules/movement.ts", match: /z < STAGE\.maxZ \+ BODY_RADIUS/, replacement: /^z <= / , why: "Equivalent: a point exactly on the line in front of the stage is pushed to that same line." },
  { file: "shared/rules/movement.ts", match: /if \(distance < min\)/, why: "Equivalent: a point exactly at a landmark's edge plus a body's width is pushed to where it already is." },
  { file: "shared/rules/movement.ts", match: /1e-9|1e-6/, mutators: ["EqualityOperator"], why: THRESHOLD_TIE },
  { file: "shared/rules/movement.ts", match: /if \(vx === 0 && vz === 0\)/, why: "Equivalent: a shortcut. Without a velocity the rest of the step computes the same pose (a pose on the floor stays where it is, and nothing moved)." },
  { file: "shared/rules/movement.ts", match: /let best: Position = \{ x: 0, z: 0 \}/, why: "Equivalent: the first candidate always replaces this placeholder (any clearance beats -Infinity)." },
  { file: "shared/rules/movement.ts", match: /i < SPAWN_CANDIDATES/, why: "Equivalent: a ninth candidate is the first one again (a full turn) and is never strictly clearer." },
  { file: "shared/rules/movement.ts", match: /if \(occupied\.length === 0\) break/, why: "Equivalent: a shortcut. With nobody there every point is equally clear and the first one wins anyway." },
  { file: "shared/rules/nameTags.ts", match: /\.toUpperCase\(\)/, why: "Equivalent: collision keys are only compared with one another, so folding every name to upper case instead of lower groups the same names." },
  { file: "shared/rules/nameTags.ts", match: /i < memberId\.length/, why: "Only the fallback hash's value changes (one more step over a missing code unit): the tag stays as stable and as distinct. Tests pin the tag's shape and stability, not the hash's arithmetic, which would copy the code." },
  { file: "shared/rules/nameTags.ts", match: /length < source\.length/, why: "Equivalent: the loop's extra round returns the whole source, which is what follows the loop." },
  { file: "shared/rules/nameTags.ts", match: /return a < b \? -1/, mutators: ["EqualityOperator"], why: "Equivalent: the keys sorted here are distinct (one per entry), and for distinct keys `<=` and `>=` order as `<` and `>` do." },
  { file: "shared/rules/nameTags.ts", match: /return a < b \? -1/, mutators: ["ConditionalExpression"], why: "Equivalent: the keys are distinct, and V8's sort only asks whether a comparison is below zero, so answering 0 or 1 for \"after\" sorts alike (pinned: every input order gives the same tags)." },
  { file: "shared/rules/session.ts", match: /\.sort\(\(a, b\) => a\.seq - b\.seq\)/, why: "Equivalent with today's commands: a post replaces the announcement and a clear removes it, so the state after a replay depends on the last command applied alone, and stale ones are skipped. The sort will matter, and be pinned, once a command builds on the state before it." },

  // shared/protocol
  { file: "shared/protocol/admin.ts", match: /return `\/e\/\$\{slug\}`/, why: "Pinned by the operator API suite (test/server/adminApi.test.ts: the member link is /e/<slug>), which the fast run does not include." },

  // server
  { file: "server/session/LiveSession.ts", match: /\{ counts: true \} satisfies|\{ seq, skip: true \} satisfies/, mutators: ["BooleanLiteral"], why: "Equivalent: a channel message's kind is read from which fields it has (`\"counts\" in message`, `\"skip\" in message`), not their values." },
  { file: "server/session/LiveSession.ts", match: /if \(counter < logged\)/, mutators: ["EqualityOperator"], why: "Equivalent: when the counter equals the log's last number, setting it to that number changes nothing." },
  { file: "server/session/LiveSession.ts", match: /"skip" in message/, why: "Equivalent: a skip message read as a command carries none, and a missing command is applied as a skip." },
  { file: "server/session/LiveSession.ts", match: /waiting > this\.state\.seq \+ 1/, why: "Equivalent: the loop it guards marks only the numbers between the state and the first waiting command, and there are none unless there is a gap." },
  { file: "server/session/LiveSession.ts", match: /if \(this\.closed\) return;|this\.closed = true;/, why: "A message in flight when the replica closes: local presence delivers synchronously and the replica unsubscribes as it closes, so none arrives late here (Redis could deliver one)." },
  { file: "server/session/LiveSession.ts", match: /if \(message\.seq <= this\.state\.seq\) return;|if \(this\.early\.size > 0\)|if \(!this\.early\.has\(command\.seq\)\)|if \(commands\.length > 0\) this\.drain\(\)/, why: "Shortcuts: without them a number already applied, or nothing new, leads to a drain that applies nothing or a needless read of the log; the state and what the instances hear stay the same." },
  { file: "server/session/LiveSession.ts", match: /typeof parsed\.number === "number" && typeof parsed\.online === "number"|catch \{/, why: "Defends against head-count values in presence that Grove did not write; nothing in a test (or in Grove) writes any." },
  { file: "server/session/SessionHub.ts", match: /this\.queues\.get\(eventId\) === settled|void settled\.then/, why: "Bookkeeping: it only keeps the map of per-event queues small; the order of attach and detach does not depend on it." },
  { file: "server/joinGuard.ts", match: /if \(!set\) return;/, why: "A defensive guard: a reservation's address always has its set while the reservation is held, so the early return is never taken." },
  { file: "server/rooms/intents.ts", match: /typeof type === "string" && Object\.prototype\.hasOwnProperty/, why: "Equivalent: a number is never an own key of the intents, so the own-key check alone refuses it too." },
  { file: "server/rooms/features/index.ts", match: /throw new Error/, mutators: ["StringLiteral"], why: MESSAGE_TEXT },
  { file: "server/rooms/features/announcements.ts", match: /outcome\.reason !== "stale"/, why: "Equivalent: a command is checked as the next in order before it is logged, so the outcome a handler sees is never \"stale\"." },
  { file: "server/rooms/features/announcements.ts", match: /if \(!outcome\.applied && outcome\.reason/, why: "Equivalent: the rules never decline a post (it replaces whatever is shown); the refusal path is pinned for clearing (NOTHING_TO_CHANGE)." },
  { file: "server/rooms/features/movement.ts", match: /dx === 0 && dz === 0 \? \{ kind: "idle" \}/, why: "Equivalent: a zero direction stands still exactly as idle does (pinned in test/shared/movement.test.ts)." },

  // server/rooms/VenueRoom.ts
  { file: "server/rooms/VenueRoom.ts", match: /private eventId = ""/, why: "Equivalent: the initial value is replaced in onCreate before anything reads it." },
  { file: "server/rooms/VenueRoom.ts", match: /typeof options\.eventSlug === "string" && SLUG_PATTERN|if \(!event\) refuseJoin\("EVENT_NOT_FOUND"\)/, why: "onCreate re-checks what onAuth refused already: matchmaking never creates an instance for a join onAuth turned down, so no test can reach these lines through the server." },
  { file: "server/rooms/VenueRoom.ts", match: /\(context as \{ ip\?: unknown \} \| undefined\)\?\.ip|typeof ip === "string" && ip\.length > 0/, why: "Defensive: Grove's matchmaking always hands onAuth the request's address as a non-empty string, so the fallback to \"unknown\" is never taken. That each address has a budget of its own is pinned in test/server/roomSeats.test.ts." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(seat\?\.room === this && seat\.sessionId === sessionId\) VenueRoom\.seats\.delete/, why: "Leaving a stale seat behind is harmless (the member's next join finds nobody behind it and seats it afresh), and a seat's session id is unique to its room; the harmful direction, forgetting a seat another connection holds, is pinned in test/server/roomSeats.test.ts." },
  { file: "server/rooms/VenueRoom.ts", match: /buffer\.byteLength > it\.offset/, why: "Equivalent: a message without a payload is refused INVALID_MESSAGE either way, by the decoder or by the intent's schema." },
  { file: "server/rooms/VenueRoom.ts", match: /refuse\(client, "INVALID_MESSAGE", describeType\(type\)\);/, mutators: ["BlockStatement"], why: "Equivalent: an undecodable payload reaches the handler as undefined, and its schema refuses it with the same code and intent." },
  { file: "server/rooms/VenueRoom.ts", match: /refuse\(client, "INVALID_MESSAGE"\);|catch \(e\) \{/, why: "A last line of defence around a message's handling: nothing inside throws today (every step refuses instead), so no test reaches it." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(previous && previous\.room !== this\)/, why: "Equivalent: releasing a seat in this room after takeOver emptied it finds no member and does nothing." },
  { file: "server/rooms/VenueRoom.ts", match: /pose: \{ \.\.\.pose, moving: false \},|goal: \{ kind: "idle" \},|member\.goal = \{ kind: "idle" \};/, why: "Equivalent: a member whose goal is not a direction or a target takes a step that moves nothing, and the tick writes moving = false on its next round." },
  { file: "server/rooms/VenueRoom.ts", match: /state\.moving = false;/, why: "Equivalent within a tick: the dropped member's goal is idle, so the next tick writes moving = false anyway (the test that drops a walker sees it stop)." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(!state \|\| !member\) return;/, why: "Guards onLeave of a connection whose seat was taken over already; without it the leave throws, which Colyseus catches and logs, and nothing else changes." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(seat\.room === this\) VenueRoom\.seats\.delete|if \(!this\.live\) return;/, mutators: ["ConditionalExpression", "EqualityOperator"], replacement: /^false$|^seat\.room !== this$/, why: "Bookkeeping on dispose: a stale seat, or detaching an instance that never attached, is harmless (the next join finds no member behind it, the hub finds no session). The harmful direction (forgetting other rooms' seats) is pinned in test/server/roomSeats.test.ts." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(shown\) this\.state\.session\.announcement = undefined|if \(shown\?\.id === wanted\.id\) return;/, why: "Equivalent: writing the same announcement again changes nothing a client sees." },
  { file: "server/rooms/VenueRoom.ts", match: /shown\.number !== count\.number|shown\.online !== count\.online|!view\.instances\.has\(roomId\)|view\.online !== total/, why: "Equivalent: these only skip writing a value the state already holds; a schema field set to its own value sends nothing." },
  { file: "server/rooms/VenueRoom.ts", match: /this\.idSeq \+= 1/, why: "Equivalent: counting down gives ids as unique within the room as counting up (pinned: three chat lines, three ids)." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(!member\) return( undefined)?;/, why: "A defensive guard: a seat in the map always has its member in this room's runtime while the room holds it." },
  { file: "server/rooms/VenueRoom.ts", match: /new Error\("taken over"\)/, why: MESSAGE_TEXT },
  { file: "server/rooms/VenueRoom.ts", match: /this\.live\s*\?\.then|\?\.online === online\) return;|state\?\.setPose/, why: "Equivalent: the session is attached before any member is counted, the listing is rewritten with the same number, and every member in the runtime has its state." },
  { file: "server/rooms/VenueRoom.ts", match: /if \(member\.goal\.kind === "idle" && !member\.pose\.moving\) continue;/, why: "Equivalent: a shortcut. Stepping an idle member that stands still leaves it where it is." },
  { file: "server/rooms/VenueRoom.ts", match: /\(e: unknown\) => \{\s*$|The store could not be reached|this\.live = null;/, why: "The store failing while a room attaches its session: reached only with the database down mid-join; the HTTP hardening suite pins the answer (INTERNAL), not the retry." },

  // server/http/routes.ts
  { file: "server/http/routes.ts", match: /matchMaker\.query\(\{ name: "venue" \}\)|metadata\?\.eventSlug|typeof metadata\?\.online === "number"|typeof slug === "string"/, why: "Equivalent: venue rooms are the only rooms, and every one sets its listing (slug and online) when it is created." },
  { file: "server/http/routes.ts", match: /function statusOf|\?\.status \?\?|typeof status === "number" && status >= 400 && status < 500/, why: "The errors that reach the last handler carry a numeric 4xx status (a path that does not decode: pinned, 400) or none (a failure: pinned, 500); other shapes are guarded against, not produced." },
  { file: "server/http/routes.ts", match: /if \(res\.headersSent\) return next\(error\)/, why: "An error after the answer has started: no route of Grove's fails that late." },
  { file: "server/http/routes.ts", match: /if \(status === 500\) options\.log/, why: "What goes to the log (test servers run quiet)." },
  { file: "server/http/routes.ts", match: /status === 413 \? "BODY_TOO_LARGE" : status === 404 \? "NOT_FOUND"/, why: "Defensive mapping: oversized bodies and unknown paths are answered before the error handler (pinned), which never sees a 413 or a 404." },
  { file: "server/http/routes.ts", match: /app\.disable\("x-powered-by"\)/, why: "Equivalent: helmet removes X-Powered-By too (the header tests check it is absent)." },
  { file: "server/http/routes.ts", match: /frameAncestors \?\? \["'self'"\]|allowedOrigins \?\? \[\]|serveSourceMaps|index\.html|index: false, maxAge|\["\/", "\/e\/:slug"\]|app\.use\("\/api"|app\.use\(\(_req, res\) => res\.status\(404\)/, why: "Set up when the server starts: the suites that start it in beforeAll pin this (header, body, source-map and 404 tests), but Stryker counts that code as static for them and runs only the tests that start a server of their own." },
  { file: "server/auth/hostTokens.ts", match: /throw new Error/, mutators: ["StringLiteral"], why: MESSAGE_TEXT },
  { file: "server/auth/hostTokens.ts", match: /"utf8"|"latin1"/, mutators: ["StringLiteral"], why: DEFAULT_ENCODING },
  { file: "server/auth/hostTokens.ts", match: /typeof token !== "string" \|\| token\.length > HOST_TOKEN_MAX_LENGTH/, why: "An early refusal: anything that is not text throws inside and the catch answers \"invalid\"; anything longer fails the signature or the payload schema. Tests pin the answers (test/server/hostTokens.test.ts), which stay the same without it." },
  { file: "server/auth/hostTokens.ts", match: /const \[payloadPart = "", signaturePart = ""\]/, why: "Equivalent: the defaults are never used, a token reaching this line has exactly two parts." },
  { file: "server/auth/hostTokens.ts", match: /signaturePart\.length !== SIGNATURE_LENGTH|expected\.length !== given\.length/, why: "Two guards for one condition (a signature of the wrong length), and timingSafeEqual throws on unequal lengths, which the catch answers \"invalid\": removing either guard changes no answer." },
  { file: "server/auth/hostTokens.ts", match: /if \(!payload\.success\) return "invalid"/, why: "Equivalent: reading a failed parse's data throws, and the catch answers \"invalid\"." },
  { file: "server/auth/secrets.ts", match: /"utf8"/, mutators: ["StringLiteral"], why: DEFAULT_ENCODING },
  { file: "server/auth/secrets.ts", match: /if \(!existsSync\(file\)\)/, why: "Equivalent: making the file when it exists fails to link it into place (EEXIST) and falls through to reading it, the path two processes racing take." },
  { file: "server/auth/secrets.ts", match: /closeSync\(fd\)/, why: "A file descriptor left open: not observable from a test." },
  { file: "server/auth/secrets.ts", match: /Another process made it first|\.code !== "EEXIST"/, why: "The race of two processes creating the secrets file at the same instant: not reproducible in a test without injecting the file system." },
  { file: "server/auth/secrets.ts", match: /every host link handed out|backup, or delete it/, why: MESSAGE_TEXT },
  { file: "server/auth/secrets.ts", match: /return undefined;/, mutators: ["BlockStatement"], why: "Equivalent: an empty catch returns undefined too." },
];
