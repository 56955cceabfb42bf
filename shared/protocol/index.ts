export * from "./version.js";
export * from "./errors.js";
export * from "./look.js";
export * from "./join.js";
export * from "./intents.js";
export * from "./events.js";
export * from "./limits.js";
