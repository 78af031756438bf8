// ClipTriage's columns in Premiere's private project metadata
// (http://ns.adobe.com/premierePrivateProjectMetaData/1.0/). Read and written through XMPMeta, the
// documented way (ExternalObject.AdobeXMPScript); setProjectMetadata only stores the fields named
// in its second argument, and only fields registered with addPropertyToProjectMetadataSchema, so
// every write is read back and compared: a write Premiere ignored is reported, never assumed.

import { hasOwn } from './es3';

export var PRIVATE_NS = 'http://ns.adobe.com/premierePrivateProjectMetaData/1.0/';

/** Metadata schema property types (addPropertyToProjectMetadataSchema). */
var TYPE_INTEGER = 0;
var TYPE_STRING = 2;

export interface ColumnDef {
  key: ColumnKey;
  /** XMP property name (a valid XML name, prefixed to keep clear of other tools' columns). */
  property: string;
  /** Column header in the Project panel. */
  label: string;
  type: number;
}

export type ColumnKey = 'usability' | 'quality' | 'issues' | 'rated' | 'undo' | 'footage' | 'camera' | 'select' | 'takeGroup' | 'takeRecord';

/**
 * The visible rating columns, then our undo record (a column too, so it is saved with the
 * project), then the Footage column: the editor's to fill in ("S-Log3", "HLG", "Rec.709"…) for
 * clips whose footage mode differs from the panel's setting. ClipTriage only ever reads it.
 * Camera (Locked off / Smooth move / Hand-held / Shaky) is a rating column but never written over
 * a value the editor typed; ClipTriage select marks the subclips Make selects made (selects.ts).
 */
export var COLUMNS: ColumnDef[] = [
  { key: 'usability', property: 'ClipTriageUsability', label: 'Usability', type: TYPE_STRING },
  { key: 'quality', property: 'ClipTriageQuality', label: 'Quality', type: TYPE_INTEGER },
  { key: 'issues', property: 'ClipTriageIssues', label: 'Issues', type: TYPE_STRING },
  { key: 'rated', property: 'ClipTriageRated', label: 'Rated', type: TYPE_STRING },
  { key: 'undo', property: 'ClipTriageUndo', label: 'ClipTriage undo', type: TYPE_STRING },
  { key: 'footage', property: 'ClipTriageFootage', label: 'Footage', type: TYPE_STRING },
  { key: 'camera', property: 'ClipTriageCamera', label: 'Camera', type: TYPE_STRING },
  { key: 'select', property: 'ClipTriageSelect', label: 'ClipTriage select', type: TYPE_STRING },
  // Take groups (takes.ts): the visible column, and what we last wrote in it (our proof, as for the undo record).
  { key: 'takeGroup', property: 'ClipTriageTakeGroup', label: 'Take group', type: TYPE_STRING },
  { key: 'takeRecord', property: 'ClipTriageTakeRecord', label: 'ClipTriage takes', type: TYPE_STRING },
];

/** Column values; null means "not set on this clip" (the property is absent). */
export type ColumnValues = { [key: string]: string | null };

export function column(key: ColumnKey): ColumnDef {
  for (var i = 0; i < COLUMNS.length; i++) if (COLUMNS[i].key === key) return COLUMNS[i];
  throw new Error('unknown column ' + key);
}

var xmpLoaded = false;

/** Loads XMPScript once; false when this Premiere has no XMP library (then nothing can be written). */
export function ensureXmp(): boolean {
  if (xmpLoaded) return true;
  try {
    if (ExternalObject.AdobeXMPScript === undefined) {
      ExternalObject.AdobeXMPScript = new ExternalObject('lib:AdobeXMPScript');
    }
  } catch (e) {
    return false;
  }
  xmpLoaded = typeof XMPMeta !== 'undefined';
  return xmpLoaded;
}

function requireXmp(): XMPMetaConstructor {
  if (!ensureXmp()) throw new Error("Premiere's XMP scripting library (AdobeXMPScript) could not be loaded");
  return XMPMeta as XMPMetaConstructor;
}

var registeredProjects: { [documentId: string]: boolean } = {};

/**
 * Registers our columns once per project per session (each call touches the project's schema, so
 * not once per clip). The answer is not relied on: it is documented as "true if successful,
 * undefined if unsuccessful", with nothing said about a name the schema already has, so a reopened
 * project may well answer undefined. Whether a column works is proven by reading back every write
 * (writeColumns), which reports the clip it failed on.
 */
export function ensureColumns(project: Project): void {
  var id = String(project.documentID);
  if (hasOwn(registeredProjects, id)) return;
  for (var i = 0; i < COLUMNS.length; i++) {
    var c = COLUMNS[i];
    try {
      project.addPropertyToProjectMetadataSchema(c.property, c.label, c.type);
    } catch (e) {
      // As with an undefined answer: the read-back says whether the column took.
    }
  }
  registeredProjects[id] = true;
}

export function readColumns(item: ProjectItem): ColumnValues {
  var Xmp = requireXmp();
  var xmp = new Xmp(item.getProjectMetadata());
  var values: ColumnValues = {};
  for (var i = 0; i < COLUMNS.length; i++) {
    var c = COLUMNS[i];
    var prop = xmp.doesPropertyExist(PRIVATE_NS, c.property) ? xmp.getProperty(PRIVATE_NS, c.property) : undefined;
    values[c.key] = prop === undefined || prop === null ? null : String(prop.value);
  }
  return values;
}

/**
 * Writes the given columns (null deletes the property) and verifies by reading back. Throws with a
 * plain-words message when Premiere did not store them.
 */
export function writeColumns(item: ProjectItem, changes: ColumnValues): void {
  var Xmp = requireXmp();
  var xmp = new Xmp(item.getProjectMetadata());
  var fields: string[] = [];
  for (var i = 0; i < COLUMNS.length; i++) {
    var c = COLUMNS[i];
    if (!hasOwn(changes, c.key)) continue;
    var value = changes[c.key];
    if (value === null) {
      if (xmp.doesPropertyExist(PRIVATE_NS, c.property)) xmp.deleteProperty(PRIVATE_NS, c.property);
    } else {
      xmp.setProperty(PRIVATE_NS, c.property, value);
    }
    fields.push(c.property);
  }
  if (!fields.length) return;
  item.setProjectMetadata(xmp.serialize(), fields);
  var after = readColumns(item);
  for (var key in changes) {
    if (!hasOwn(changes, key)) continue;
    if (after[key] !== changes[key]) {
      throw new Error('Premiere did not store the "' + column(key as ColumnKey).label + '" column (the clip may be locked or read-only, or the column could not be added to the project)');
    }
  }
}
