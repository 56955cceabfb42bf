import type { BlindBox, BlindTask, Clue, Hunt } from "../../../shared/rules/hunt/types.js";

/** A scene clue at (x, z) with nothing to answer. */
export function sceneClue(id: string, x = 0, z = 0, extra: Partial<Clue> = {}): Clue {
  return { id, name: `Clue ${id}`, hint: `Hint ${id}`, riddle: null, points: 10, where: { kind: "scene", x, z }, blindBox: null, tokenVersion: 1, ...extra };
}

export function task(id: string, extra: Partial<BlindTask> = {}): BlindTask {
  return { id, kind: "checkIn", text: `Do ${id}`, riddle: null, ...extra };
}

export function box(tasks: BlindTask[], reward: Partial<BlindBox["reward"]> = {}): BlindBox {
  return { tasks, reward: { points: 0, badge: false, voucher: null, ...reward } };
}

/** A real clue (a shop), optionally a blind box. */
export function realClue(id: string, extra: Partial<Clue> = {}): Clue {
  return {
    id,
    name: `Shop ${id}`,
    hint: `Look by the till ${id}`,
    riddle: null,
    points: 20,
    where: { kind: "real", place: `Place ${id}`, district: "Xuhui", address: "1 Road" },
    blindBox: null,
    tokenVersion: 3,
    ...extra,
  };
}

export function hunt(extra: Partial<Hunt> = {}): Hunt {
  return {
    id: "h1",
    eventId: "e1",
    title: "Spring hunt",
    order: "ordered",
    startsAt: null,
    endsAt: null,
    teams: [],
    clues: ["a", "b", "c", "d", "e"].map((id, i) => sceneClue(id, i * 3, 0)),
    partners: [],
    seed: "5eed",
    ...extra,
  };
}
