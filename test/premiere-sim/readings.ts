// Where Premiere's scripting documents contradict each other or leave behaviour open, the
// simulator can play each reading. The host script must be right under every one of them, so
// tests run over all values of each (`eachReading`). Sources: the premiere-scripting-guide
// (ppro-scripting.docsforadobe.dev), Adobe's PProPanel sample and its PremierePro.23.0.d.ts.

export interface ApiReadings {
  /**
   * Index of a collection's first entry (children[…]): the guide's Collection page says 1, its
   * examples and PProPanel use 0. Default 0.
   */
  collectionBase?: 0 | 1;
  /** app.project.rootItem.type: the ProjectItem page lists ROOT (3), the Project page says BIN (2). Default ROOT. */
  rootItemType?: 'ROOT' | 'BIN';
  /**
   * addPropertyToProjectMetadataSchema for a name already in the schema: documented only as "true
   * if successful, undefined if unsuccessful", silent about existing names. Default 'true'.
   */
  reRegisterReturns?: 'true' | 'undefined';
  /** MarkerCollection.deleteMarker: the guide says it returns Boolean, the d.ts says void. Default 'boolean'. */
  deleteMarkerReturns?: 'boolean' | 'void';
  /** app.setProjectViewSelection: on PProPanel and the d.ts, not on the guide's Application page. Default true. */
  setProjectViewSelection?: boolean;
  /**
   * ProjectItem.createSubClip's start and end: the guide says strings of ticks, the d.ts and the
   * newer PProPanel pass Time objects. The simulator accepts only the one it plays. Default 'ticks'.
   */
  subClipTimes?: 'ticks' | 'time';
  /** ProjectItem.createBin: the guide's ProjectItem page returns the new bin, its older page 0 on success. Default 'item'. */
  createBinReturns?: 'item' | 'zero';
  /** A new subclip's project metadata: the documents do not say whether the source's is copied. Default 'empty'. */
  subClipMetadata?: 'empty' | 'copied';
  /**
   * What onItemsAddedToProjectSuccess's handler is called with: undocumented (PProPanel binds a
   * handler it never defines; SuperBind's takes none). 'none', the added items, or the project and
   * the items. Default 'none'.
   */
  itemsAddedArguments?: 'none' | 'items' | 'project-and-items';
  /** app.unbind: in the d.ts, not on the guide's Application page. Default true. */
  appUnbind?: boolean;
  /** A CSXSEvent's JSON `data` as the panel's listener gets it: the text, or (some CEP versions) already parsed. Default 'string'. */
  csxsEventData?: 'string' | 'parsed';
}

export const READING_VALUES: { [K in keyof Required<ApiReadings>]: ReadonlyArray<Required<ApiReadings>[K]> } = {
  collectionBase: [0, 1],
  rootItemType: ['ROOT', 'BIN'],
  reRegisterReturns: ['true', 'undefined'],
  deleteMarkerReturns: ['boolean', 'void'],
  setProjectViewSelection: [true, false],
  subClipTimes: ['ticks', 'time'],
  createBinReturns: ['item', 'zero'],
  subClipMetadata: ['empty', 'copied'],
  itemsAddedArguments: ['none', 'items', 'project-and-items'],
  appUnbind: [true, false],
  csxsEventData: ['string', 'parsed'],
};

/** [label, readings] for each value of one reading, for describe.each / test.each. */
export function eachReading<K extends keyof ApiReadings>(key: K): Array<[string, ApiReadings]> {
  return READING_VALUES[key].map((v) => [`${key}=${String(v)}`, { [key]: v } as ApiReadings]);
}

/** Every documented reading at its non-default value at once: the least convenient Premiere. */
export const ALTERNATIVE_READINGS: Required<ApiReadings> = {
  collectionBase: 1,
  rootItemType: 'BIN',
  reRegisterReturns: 'undefined',
  deleteMarkerReturns: 'void',
  setProjectViewSelection: false,
  subClipTimes: 'time',
  createBinReturns: 'zero',
  subClipMetadata: 'copied',
  itemsAddedArguments: 'project-and-items',
  appUnbind: false,
  csxsEventData: 'parsed',
};
