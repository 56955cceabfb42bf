/** Timeouts a slice schedules (a bubble fading, a toast going), all cleared at once when the venue is disposed. */
export class Timers {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      fn();
    }, ms);
    this.pending.add(timer);
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}

let nextLocalId = 1;
/** An id for something the page made itself (a floating reaction, a toast), unique within the page. */
export function localId(prefix: string): string {
  return `${prefix}-${nextLocalId++}`;
}
