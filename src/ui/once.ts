/**
 * `compute` run on the first call only; later calls give its result (null and undefined
 * included). For work a render may or may not need, such as a chart's series drawn in a slice
 * of its own (ui/components/Slice).
 */
export function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
