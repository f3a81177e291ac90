// The Theming page's reference: every `::part` name and every `--gluu-login-*` custom property of the
// widget, each with its description, read at request time from what the widget itself documents, so the
// tables never drift from the code:
//   1. its custom-elements manifest (the one package.json's `customElements` names, else
//      `custom-elements.json` or `dist/custom-elements.json` in the package root; `npx cem analyze
//      --litelement --globs widget/gluu-login.ts` writes it from the @csspart and @cssprop JSDoc tags),
//      unless the widget's source is newer than it (a build not run since): then
//   2. those @csspart and @cssprop tags themselves, in widget/gluu-login.ts, else
//   3. the older "Parts" and "Custom properties" lists of widget/styles.ts' doc comment.
// Either way, part names the widget's source renders (`part="…"`) that the listing lacks are added and
// marked undocumented, rather than silently left out.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../../server/index.js';

export interface ReferenceEntry {
  name: string;
  description: string;
  /** Custom properties: the default value, when documented. */
  default?: string;
}

export interface ThemingReference {
  parts: ReferenceEntry[];
  properties: ReferenceEntry[];
  /** Where the lists came from, for the page to say: a path relative to the package root (or ''), ... */
  source: string;
  /** ... and what in it ("its @csspart and @cssprop tags"). */
  via: string;
}

const MANIFESTS = ['custom-elements.json', path.join('dist', 'custom-elements.json')];
const STYLES = path.join('widget', 'styles.ts');
const ELEMENT = path.join('widget', 'gluu-login.ts');

/** The manifest package.json points at (its `customElements` field), then the usual places. */
async function manifestFiles(): Promise<string[]> {
  let named: string | undefined;
  try {
    const field = (JSON.parse((await readText('package.json')) ?? '{}') as { customElements?: unknown }).customElements;
    // Only a file inside the package: the field is for the package's consumers.
    if (typeof field === 'string' && field && !path.isAbsolute(field)) {
      const relative = path.relative(packageRoot, path.resolve(packageRoot, field));
      if (relative && !relative.startsWith('..')) named = relative;
    }
  } catch {
    // no readable package.json: the usual places
  }
  return [...new Set([...(named ? [named] : []), ...MANIFESTS])];
}

/** Descriptions as one line: JSDoc wrapping and markdown line breaks collapsed. */
const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(packageRoot, file), 'utf8');
  } catch {
    return undefined;
  }
}

type Lists = Pick<ThemingReference, 'parts' | 'properties'>;

interface ManifestDeclaration {
  tagName?: string;
  customElement?: boolean;
  cssParts?: { name: string; description?: string; summary?: string }[];
  cssProperties?: { name: string; description?: string; summary?: string; default?: string }[];
}

async function modified(file: string): Promise<number> {
  try {
    return (await stat(path.join(packageRoot, file))).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The parts and custom properties a custom-elements manifest gives `<gluu-login>` (undefined: none, or not a manifest).
 */
export function manifestLists(text: string): Lists | undefined {
  let manifest: { modules?: { declarations?: ManifestDeclaration[] }[] };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch {
    return undefined;
  }
  const element = (manifest.modules ?? []).flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'gluu-login');
  if (!element || (!element.cssParts?.length && !element.cssProperties?.length)) return undefined;
  return {
    parts: (element.cssParts ?? []).map((p) => ({ name: p.name, description: oneLine(p.description ?? p.summary) })),
    properties: (element.cssProperties ?? []).map((p) => ({
      name: p.name,
      description: oneLine(p.description ?? p.summary),
      ...(p.default ? { default: oneLine(p.default) } : {}),
    })),
  };
}

/** The first manifest found that documents `<gluu-login>`'s parts or properties. */
async function fromManifest(): Promise<(ThemingReference & { mtime: number }) | undefined> {
  for (const file of await manifestFiles()) {
    const text = await readText(file);
    const lists = text ? manifestLists(text) : undefined;
    if (lists) return { ...lists, source: file, via: 'the custom-elements manifest', mtime: await modified(file) };
  }
  return undefined;
}

/**
 * The `@csspart name - description` and `@cssprop [--name=default] - description` (or `@cssproperty`,
 * without a default: `--name - description`) tags of a source file's doc comments, as the manifest
 * analyzer reads them. A tag's description goes on over the following lines up to a blank line or the
 * next tag.
 */
export function parseCssTags(source: string): Lists {
  const parts: ReferenceEntry[] = [];
  const properties: ReferenceEntry[] = [];
  for (const comment of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const tags: string[] = [];
    for (const raw of comment[1]!.split('\n')) {
      const line = raw.replace(/^\s*\* ?/, '');
      if (/^\s*@/.test(line)) tags.push(line.trim());
      else if (tags.length && line.trim()) tags[tags.length - 1] += ` ${line.trim()}`;
      else if (!line.trim()) tags.push('');
    }
    for (const tag of tags) {
      const part = /^@csspart\s+([\w-]+)\s*(?:-\s*)?(.*)$/.exec(tag);
      if (part) {
        parts.push({ name: part[1]!, description: oneLine(part[2]) });
        continue;
      }
      const prop = /^@cssprop(?:erty)?\s+(?:\[(--[\w-]+)(?:=([^\]]*))?\]|(--[\w-]+))\s*(?:-\s*)?(.*)$/.exec(tag);
      if (prop) {
        const def = prop[2]?.trim();
        properties.push({
          name: (prop[1] ?? prop[3])!,
          description: oneLine(prop[4]),
          ...(def ? { default: def } : {}),
        });
      }
    }
  }
  return { parts, properties };
}

/**
 * The lists of the doc comment that documents the styles: a "Parts …" paragraph and a "Custom properties …"
 * paragraph, each followed by "- `name` description" items (indented lines continue an item). A property's
 * default is the first "[…]" of its description.
 */
export function parseStylesDoc(source: string): Lists {
  const parts: ReferenceEntry[] = [];
  const properties: ReferenceEntry[] = [];
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  const lines = comment.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  let section: 'parts' | 'properties' | undefined;
  let current: ReferenceEntry | undefined;
  const flush = () => {
    if (!current || !section) return;
    let description = oneLine(current.description);
    if (section === 'properties') {
      const found = /\s*\[([^\]]*)\]/.exec(description);
      if (found) {
        current.default = found[1]!.trim();
        description = oneLine(
          description.slice(0, found.index) + description.slice(found.index + found[0].length),
        ).replace(/\s+([;,.])/g, '$1');
      }
    }
    current.description = description;
    (section === 'parts' ? parts : properties).push(current);
    current = undefined;
  };
  for (const line of lines) {
    const item = /^-\s+`([^`]+)`\s*(.*)$/.exec(line);
    if (item && section) {
      flush();
      current = { name: item[1]!.trim(), description: item[2]! };
    } else if (current && /^\s+\S/.test(line)) {
      current.description += ` ${line.trim()}`;
    } else {
      flush();
      if (/^Parts\b/i.test(line)) section = 'parts';
      else if (/^Custom properties\b/i.test(line)) section = 'properties';
      else if (line.trim()) section = undefined;
    }
  }
  flush();
  return { parts, properties };
}

/** Every part name the widget's templates render: `part="a b"` and the strings of `part=${…}`. */
export function partsInSource(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\bpart=(?:"([^"]*)"|\$\{([^}]*)\})/g)) {
    const literal = match[1] ?? [...match[2]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]).join(' ');
    for (const name of literal.split(/\s+/)) if (/^[a-z][a-z0-9-]*$/.test(name)) names.add(name);
  }
  return [...names];
}

/**
 * A part the listing does not have its own entry for: described from where another entry mentions it
 * ("also `primary-button` (the submit button, …)"), else marked undocumented.
 */
function describeMissing(name: string, parts: ReferenceEntry[]): string {
  const tick = `\`${name}\``;
  for (const entry of parts) {
    const at = entry.description.indexOf(tick);
    if (at < 0) continue;
    const after = entry.description.slice(at + tick.length);
    const paren = /^\s*\(((?:[^()]|\([^()]*\))*)\)/.exec(after)?.[1];
    const text = `Also a \`${entry.name}\`${paren ? `: ${paren}` : ` (see \`${entry.name}\`)`}`;
    return /[.!?…]$/.test(text) ? text : `${text}.`;
  }
  return 'Rendered by the widget but not documented.';
}

const documents = (r: Lists) => r.parts.length > 0 || r.properties.length > 0;

export async function themingReference(): Promise<ThemingReference> {
  const manifest = await fromManifest();
  const element = await readText(ELEMENT);
  const tags = element ? parseCssTags(element) : undefined;
  let reference: ThemingReference | undefined;
  if (manifest && (!tags || !documents(tags) || manifest.mtime >= (await modified(ELEMENT)))) {
    const { mtime: _mtime, ...rest } = manifest;
    reference = rest;
  } else if (tags && documents(tags)) {
    reference = { ...tags, source: ELEMENT, via: 'its @csspart and @cssprop tags' };
  } else {
    const doc = await readText(STYLES);
    const listed = doc ? parseStylesDoc(doc) : undefined;
    reference =
      listed && documents(listed)
        ? { ...listed, source: STYLES, via: 'its doc comment' }
        : {
            parts: [],
            properties: [],
            source: '',
            via: 'nowhere: no custom-elements.json, and no documentation in the widget source',
          };
  }
  const listed = new Set(reference.parts.map((p) => p.name));
  for (const name of partsInSource(element ?? '')) {
    if (!listed.has(name)) reference.parts.push({ name, description: describeMissing(name, reference.parts) });
  }
  return reference;
}
