/**
 * Puts `text` on the clipboard; where the browser will not (no permission, an insecure origin, no clipboard API),
 * selects it in `field` so the operator can copy it with the keyboard.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<"copied" | "selected"> {
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    field?.focus();
    field?.select();
    return "selected";
  }
}
