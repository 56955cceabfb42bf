import { AvatarLook, NAME_MAX_LENGTH } from "../../shared/protocol/index.js";
import { lookFor } from "../../shared/rules/look.js";
import { z } from "zod";

/**
 * What the browser keeps so that a reload comes back as the same member with the same name and look. `seed` is a
 * random id made once, before the first join, from which a newcomer's first look is chosen; a stored look wins.
 */
export const StoredIdentity = z.object({
  memberId: z.string().optional(),
  secret: z.string().optional(),
  name: z.string().max(NAME_MAX_LENGTH),
  look: AvatarLook.optional(),
  seed: z.string().min(1).max(100).optional(),
});
export type StoredIdentity = z.infer<typeof StoredIdentity>;

export const IDENTITY_STORAGE_KEY = "grove.identity.v1";

export function loadIdentity(): StoredIdentity | null {
  try {
    const raw = localStorage.getItem(IDENTITY_STORAGE_KEY);
    if (raw === null) return null;
    const parsed = StoredIdentity.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the identity; the seed already kept is carried over when `identity` has none (the welcome does not know it). */
export function saveIdentity(identity: StoredIdentity): void {
  const seed = identity.seed ?? loadIdentity()?.seed;
  try {
    localStorage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(seed === undefined ? identity : { ...identity, seed }));
  } catch {
    // Storage blocked: the member simply gets a new identity next time.
  }
}

function randomSeed(): string {
  // randomUUID exists only in secure contexts (https, localhost); a LAN address over http still gets a random seed.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The stored identity, given a seed first if it has none (a first visit, or one from before seeds), and stored. */
export function ensureIdentity(): StoredIdentity {
  const stored = loadIdentity();
  if (stored?.seed !== undefined) return stored;
  const identity: StoredIdentity = { ...(stored ?? { name: "" }), seed: randomSeed() };
  saveIdentity(identity);
  return identity;
}

/** The look the lobby starts from: the one the member chose last, else the one their seed picks. */
export function initialLook(identity: StoredIdentity): AvatarLook {
  return identity.look ?? lookFor(identity.seed ?? "");
}
