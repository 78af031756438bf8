// Reading Premiere's collections (ProjectItemCollection and the arrays some calls return). The
// guide's Collection page says the first entry is at index 1, its examples and Adobe's PProPanel
// use 0. Reading slots 0 … numItems and skipping the one that is empty is right under both, and
// costs one extra read per collection at most. Slots are read one at a time, so a walk can stop
// in the middle of a huge bin and go on from there in the next host call.

export interface IndexedList<T> {
  [index: number]: T;
}

export interface Slots<T> {
  list: IndexedList<T>;
  count: number;
  next: number;
  found: number;
}

export function slotsOf<T>(list: IndexedList<T> | null | undefined): Slots<T> {
  if (!list) return { list: [], count: 0, next: 0, found: 0 };
  var n = (list as { numItems?: unknown }).numItems;
  if (typeof n !== 'number') n = (list as { length?: unknown }).length;
  return { list: list, count: typeof n === 'number' && n > 0 ? n : 0, next: 0, found: 0 };
}

/** The next entry, or null when the collection is exhausted. */
export function nextSlot<T>(s: Slots<T>): T | null {
  while (s.found < s.count && s.next <= s.count) {
    var v = s.list[s.next++];
    if (v !== undefined && v !== null) {
      s.found++;
      return v;
    }
  }
  return null;
}

export function toArray<T>(list: IndexedList<T> | null | undefined): T[] {
  var out: T[] = [];
  var s = slotsOf(list);
  for (var v = nextSlot(s); v !== null; v = nextSlot(s)) out.push(v);
  return out;
}
