// The line between the host script and the simulated Premiere: everything the script can reach
// (app and what it returns, XMPMeta) is handed over as a counting proxy. Each property read or
// write the script makes on a DOM object is counted under "Type.member", so a test can say how much
// of Premiere a host call touches per clip — on Premiere's UI thread that is what costs time.
// Counting sits here, not in the DOM classes, so the simulator's own bookkeeping is never counted.
// Objects passed back into the DOM (a marker to deleteMarker, items to setProjectViewSelection)
// are unwrapped first, so identity checks inside the simulator see the real objects.

const NUMERIC = /^\d+$/;

function typeName(target: object): string {
  if (Array.isArray(target)) return 'Array';
  const ctor = (target as { constructor?: { name?: string } }).constructor;
  const name = ctor && typeof ctor.name === 'string' ? ctor.name : 'Object';
  return name.replace(/^Sim/, '');
}

function memberName(target: object, prop: string): string {
  return typeName(target) + (NUMERIC.test(prop) ? '[]' : '.' + prop);
}

export class Boundary {
  private readonly counts = new Map<string, number>();
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The proxy the script gets for `value` (the same proxy every time, so identity holds). */
  expose<T>(value: T): T {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const obj = value as unknown as object;
    if (this.targets.has(obj)) return value;
    const known = this.proxies.get(obj);
    if (known) return known as T;
    const proxy = typeof obj === 'function' ? this.functionProxy(obj as (...a: unknown[]) => unknown) : this.objectProxy(obj);
    this.proxies.set(obj, proxy);
    this.targets.set(proxy, obj);
    return proxy as T;
  }

  /** The simulator's own object behind a proxy; arrays the script built are unwrapped element-wise. */
  unwrap(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const target = this.targets.get(value as object);
    if (target) return target;
    // An array made inside the script's context (another realm: Array.isArray still sees it).
    if (Array.isArray(value)) return this.unwrapAll(value);
    return value;
  }

  /** Arrays from the script's realm lack ES5 methods (es3-context.ts), so no .map on them. */
  private unwrapAll(list: ArrayLike<unknown>): unknown[] {
    return Array.from(list, (v) => this.unwrap(v));
  }

  private objectProxy(obj: object): object {
    return new Proxy(obj, {
      get: (target, prop) => {
        const v = Reflect.get(target, prop, target);
        if (typeof prop === 'symbol') return v;
        this.count(memberName(target, prop));
        return this.expose(v);
      },
      set: (target, prop, value) => {
        if (typeof prop !== 'symbol') this.count(memberName(target, prop) + '=');
        return Reflect.set(target, prop, this.unwrap(value), target);
      },
    });
  }

  /** Reading a method counted already; calling it runs on the real object with real arguments. */
  private functionProxy(fn: (...a: unknown[]) => unknown): object {
    return new Proxy(fn, {
      apply: (target, thisArg, args: unknown[]) => this.expose(Reflect.apply(target, this.unwrap(thisArg), this.unwrapAll(args))),
      construct: (target, args: unknown[]) => {
        this.count(target.name + '.new');
        return this.expose(Reflect.construct(target, this.unwrapAll(args))) as object;
      },
    });
  }

  /** Counts since the last reset, by member ("ProjectItem.getMediaPath", "Marker.end=", "Array[]"). */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Sum of the counts whose member matches (all when omitted). */
  total(match?: RegExp): number {
    let n = 0;
    for (const [k, v] of this.counts) if (!match || match.test(k)) n += v;
    return n;
  }

  reset(): void {
    this.counts.clear();
  }
}
