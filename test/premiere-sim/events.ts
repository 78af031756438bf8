// Premiere's event binding (app.bind / app.unbind) and CEP's events from ExtendScript
// (PlugPlugExternalObject's CSXSEvent), as the documents describe them:
// - app.bind(eventName: String, function): one function per event name (a second bind replaces
//   the first, whoever made it: SuperBind's README and PProPanel's one-registration pattern);
// - onItemsAddedToProjectSuccess fires after items are added to the project; what the handler is
//   given is not documented (readings.ts: none, the items, or the project and the items);
// - CSXSEvent exists only after `new ExternalObject("lib:PlugPlugExternalObject")`; `type` is a
//   non-empty String, `data` a String; dispatch() hands the event to every panel listening for
//   that type, later (never inside the dispatching script), with `data` as text or, as some CEP
//   versions do with JSON text, already parsed (readings.ts).

import type { ApiReadings } from './readings';

/** What a CEP listener (CSInterface.addEventListener) receives. */
export interface CsxsEventDelivered {
  type: string;
  scope: string;
  appId: string;
  extensionId: string;
  data: unknown;
}

export type CsxsListener = (event: CsxsEventDelivered) => void;

function illegal(what: string): Error {
  return new Error('Illegal parameter type: ' + what);
}

/** The events side of the simulator: bound handlers and CSXS listeners. */
export class SimEvents {
  private readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
  private readonly listeners = new Set<CsxsListener>();
  /** Events dispatched and not yet delivered (delivery is asynchronous). */
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  /** Every event dispatched, in order (tests read what the script sent). */
  readonly dispatched: Array<{ type: string; data: string }> = [];

  constructor(private readonly readings: ApiReadings) {}

  /** Application.bind(eventName, function). */
  bind(eventName: unknown, fn: unknown): void {
    if (typeof eventName !== 'string' || !eventName || typeof fn !== 'function') throw illegal('bind(eventName: String, function: Function)');
    this.handlers.set(eventName, fn as (...args: unknown[]) => unknown);
  }

  /** Application.unbind(eventName): in the d.ts, not on the guide's Application page (readings.ts). */
  unbind(eventName: unknown): void {
    if (typeof eventName !== 'string' || !eventName) throw illegal('unbind(eventName: String)');
    this.handlers.delete(eventName);
  }

  isBound(eventName: string): boolean {
    return this.handlers.has(eventName);
  }

  /** Premiere firing an event: runs the bound function (in the script's context) with `args`. */
  fire(eventName: string, args: unknown[]): boolean {
    const fn = this.handlers.get(eventName);
    if (!fn) return false;
    fn(...args);
    return true;
  }

  /** The arguments onItemsAddedToProjectSuccess is called with under the current reading. */
  itemsAddedArgs(project: unknown, items: unknown[]): unknown[] {
    const reading = this.readings.itemsAddedArguments ?? 'none';
    if (reading === 'items') return [items];
    if (reading === 'project-and-items') return [project, items];
    return [];
  }

  listen(listener: CsxsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every dispatched event has been delivered. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The CSXSEvent constructor the script gets once PlugPlug is loaded. */
  csxsEventClass(): new (type?: string, scope?: string, data?: string) => object {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const events = this;
    class CSXSEvent {
      type: unknown;
      scope: unknown;
      data: unknown;
      readonly appId = 'PPRO';
      readonly extensionId = '';
      constructor(type?: unknown, scope?: unknown, data?: unknown) {
        this.type = type ?? '';
        this.scope = scope ?? 'APPLICATION';
        this.data = data ?? '';
      }
      dispatch(): void {
        if (typeof this.type !== 'string' || !this.type) throw illegal('CSXSEvent.type must be a non-empty String');
        if (typeof this.data !== 'string') throw illegal('CSXSEvent.data must be a String');
        if (this.scope !== 'APPLICATION' && this.scope !== 'GLOBAL') throw illegal('CSXSEvent.scope must be "APPLICATION" or "GLOBAL"');
        events.deliver(this.type, this.scope, this.data);
      }
    }
    return CSXSEvent;
  }

  private deliver(type: string, scope: string, data: string): void {
    this.dispatched.push({ type, data });
    this.inFlight++;
    setTimeout(() => {
      let payload: unknown = data;
      if (this.readings.csxsEventData === 'parsed') {
        try {
          payload = JSON.parse(data);
        } catch {
          payload = data;
        }
      }
      for (const l of Array.from(this.listeners)) {
        try {
          l({ type, scope, appId: 'PPRO', extensionId: '', data: payload });
        } catch {
          // a panel listener's bug is the panel's
        }
      }
      this.inFlight--;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }, 0);
  }
}
