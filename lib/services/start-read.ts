/**
 * Starts a read whose outcome is awaited later, so that it runs side by side with the reads before
 * that point: a failure meanwhile is not an unhandled rejection, it surfaces where it is awaited.
 */
export function startRead<T>(reading: Promise<T>): Promise<T> {
  reading.catch(() => undefined);
  return reading;
}
