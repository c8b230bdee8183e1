/**
 * Moving the big text columns of an import result from the worker to the
 * main thread without a long main-thread task: a 1M-row column is ~10-20 M
 * UTF-16 code units, and receiving it as one string costs the main thread
 * tens of milliseconds in one go (measured ~70 ms for two columns in
 * Chromium here). Instead the worker transfers the code units as chunks of
 * Uint16Array (zero-copy) and the main thread decodes one chunk per task.
 */

/** Code units per chunk: ~1 MB, a couple of milliseconds to decode. */
export const TEXT_CHUNK_UNITS = 1 << 19;

/** Splits a string into chunks of UTF-16 code units (copies; run this in the worker). */
export function textToUnitChunks(text: string, chunkUnits = TEXT_CHUNK_UNITS): Uint16Array[] {
  const out: Uint16Array[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkUnits);
    // Never end a chunk between the two halves of a surrogate pair: each
    // chunk is decoded on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    const u = new Uint16Array(end - start);
    for (let k = start; k < end; k++) u[k - start] = text.charCodeAt(k);
    out.push(u);
    start = end;
  }
  return out;
}

/** Decodes one chunk of code units (chunks never split a surrogate pair). */
export function unitsToString(units: Uint16Array): string {
  if (units.length < 2048) return String.fromCharCode(...units);
  return new TextDecoder('utf-16le').decode(new Uint8Array(units.buffer, units.byteOffset, units.byteLength));
}

/**
 * Rebuilds the string from chunks, awaiting `yieldToEventLoop` between chunks
 * so that no single task decodes more than one chunk.
 */
export async function unitChunksToText(chunks: readonly Uint16Array[], yieldToEventLoop: () => Promise<void>): Promise<string> {
  let text = '';
  for (let i = 0; i < chunks.length; i++) {
    if (i > 0) await yieldToEventLoop();
    text += unitsToString(chunks[i]!);
  }
  return text;
}
