/**
 * Positions travel as int16 centimetres and headings as one byte, so an avatar patch costs 2+2+1 bytes
 * instead of three float32s. Round-tripping loses at most half a centimetre and 0.7 degrees.
 */
export const POSITION_UNITS_PER_METRE = 100;
const HEADING_STEPS = 256;

export function quantisePosition(metres: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(metres * POSITION_UNITS_PER_METRE)));
}

export function dequantisePosition(units: number): number {
  return units / POSITION_UNITS_PER_METRE;
}

/** Heading in radians → 0..255. */
export function quantiseHeading(radians: number): number {
  const turn = radians / (Math.PI * 2);
  const wrapped = turn - Math.floor(turn);
  return Math.round(wrapped * HEADING_STEPS) % HEADING_STEPS;
}

export function dequantiseHeading(step: number): number {
  return (step / HEADING_STEPS) * Math.PI * 2;
}
