// Helpers for what ES3 lacks. ExtendScript has no Array#indexOf, Object.keys, String#trim…;
// the simulator removes them too, so a call that slips in fails the tests, not Premiere.

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function contains<T>(list: T[], value: T): boolean {
  for (var i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

export function isArray(value: unknown): value is unknown[] {
  return Object.prototype.toString.call(value as object) === '[object Array]';
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value);
}
