import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";

export type Quality = "high" | "low";
const QUALITY_STORAGE_KEY = "grove.quality.v1";

function isQuality(value: unknown): value is Quality {
  return value === "high" || value === "low";
}

/** Phones (coarse pointer or narrow screen) and machines with few cores start on low. */
function deviceDefault(): Quality {
  const coarse = window.matchMedia("(pointer: coarse)").matches;
  const narrow = window.matchMedia("(max-width: 720px)").matches;
  const fewCores = (navigator.hardwareConcurrency || 0) > 0 && navigator.hardwareConcurrency <= 4;
  return coarse || narrow || fewCores ? "low" : "high";
}

/** `?quality=low|high` wins, then the member's saved choice, then the device default. */
function initialQuality(): Quality {
  const fromUrl = new URLSearchParams(window.location.search).get("quality");
  if (isQuality(fromUrl)) return fromUrl;
  try {
    const stored = localStorage.getItem(QUALITY_STORAGE_KEY);
    if (isQuality(stored)) return stored;
  } catch {
    // Storage blocked: fall through to the device default.
  }
  return deviceDefault();
}

export const qualityStore = createStore<{ quality: Quality }>()(() => ({ quality: initialQuality() }));

export function setQuality(quality: Quality): void {
  try {
    localStorage.setItem(QUALITY_STORAGE_KEY, quality);
  } catch {
    // Not persisted; applies to this page only.
  }
  qualityStore.setState({ quality });
}

export function useQuality(): Quality {
  return useStore(qualityStore, (s) => s.quality);
}
