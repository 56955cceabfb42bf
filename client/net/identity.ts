import { AvatarLook, DEFAULT_LOOK, NAME_MAX_LENGTH } from "../../shared/protocol/index.js";
import { z } from "zod";

/** What the browser keeps so that a reload comes back as the same member with the same name and look. */
export const StoredIdentity = z.object({
  memberId: z.string().optional(),
  secret: z.string().optional(),
  name: z.string().max(NAME_MAX_LENGTH),
  look: AvatarLook,
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

export function saveIdentity(identity: StoredIdentity): void {
  try {
    localStorage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Storage blocked: the member simply gets a new identity next time.
  }
}

export function defaultIdentity(): StoredIdentity {
  return { name: "", look: { ...DEFAULT_LOOK } };
}
