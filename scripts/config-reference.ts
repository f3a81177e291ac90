// Writes docs/configuration-reference.md from the configuration's zod schema, so the reference cannot drift
// from what the server accepts: every key path with its type, bounds, default and description.
// Descriptions come, in this order, from the schema itself (.describe() / .meta()), from the comment written
// above the key in the schema's source (server/config*.ts, server/methods/*/settings.ts), and last from
// scripts/config-reference-notes.ts for keys whose source has no comment.
// Run: npm run docs:config. test/unit/config-reference.test.ts fails when the committed file differs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { z } from 'zod';
import { configSchema } from '../server/config.js';
import { METHODS } from '../server/methods/index.js';
import { NOTES } from './config-reference-notes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE_FILE = path.join(ROOT, 'docs', 'configuration-reference.md');

/** The part of a JSON Schema node this script reads (zod's z.toJSONSchema output). */
interface Node {
  type?: string | string[];
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: Node | boolean;
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
}

interface Row {
  key: string;
  type: string;
  default: string;
  description: string;
}

// ---- descriptions written in the source ----------------------------------------------------------------

interface SourceComment {
  /** Property names from the outermost known one down to the key. */
  chain: string[];
  /** The chain starts at the configuration's top level (config.ts's configSchema). */
  rooted: boolean;
  /** Which top-level keys (or method names) the file's settings belong to; undefined: any. */
  scope: Set<string> | undefined;
  text: string;
}

function commentText(source: string, node: ts.Node): string {
  const ranges = ts.getLeadingCommentRanges(source, node.getFullStart()) ?? [];
  return ranges
    .map((r) => source.slice(r.pos, r.end))
    .map((c) =>
      c
        .replace(/^\/\*\*?|\*\/$/g, '')
        .split('\n')
        .map((line) => line.replace(/^\s*(\*|\/\/)\s?/, '').trim())
        .join(' '),
    )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The identifier a property's value is built from (`x`, `x.optional()`, `x.default(1)`), if any. */
function baseIdentifier(expr: ts.Expression): string | undefined {
  let e: ts.Expression = expr;
  for (;;) {
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
    else if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else return undefined;
  }
}

function propertyName(node: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): string | undefined {
  return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : undefined;
}

/**
 * Comments above object-literal properties in one file, with the chain of property names leading to them.
 * A property whose value is a constant of the same file (`notifications: notificationSettings`) gives that
 * constant's properties its chain as a prefix, and the constant's own comment describes the property.
 */
function commentsOf(file: string, scope: Set<string> | undefined, rootVar: string | undefined): SourceComment[] {
  const source = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.VariableDeclaration>();
  sf.forEachChild(function visit(n) {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) declarations.set(n.name.text, n);
    n.forEachChild(visit);
  });
  const out: SourceComment[] = [];
  const seen = new Set<string>();
  const walk = (node: ts.Node, chain: string[], rooted: boolean) => {
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const name = propertyName(node);
      if (name !== undefined) {
        const here = [...chain, name];
        let text = commentText(source, node);
        const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
        const ref = baseIdentifier(value);
        const decl = ref !== undefined ? declarations.get(ref) : undefined;
        if (decl?.initializer) {
          if (!text) text = commentText(source, decl.parent.parent);
          const key = `${ref}@${here.join('.')}`;
          if (!seen.has(key)) {
            seen.add(key);
            walk(decl.initializer, here, rooted);
          }
        }
        if (text) out.push({ chain: here, rooted, scope, text });
        if (ts.isPropertyAssignment(node)) node.initializer.forEachChild((c) => walk(c, here, rooted));
        return;
      }
    }
    if (ts.isSpreadAssignment(node)) {
      const ref = baseIdentifier(node.expression);
      const decl = ref !== undefined ? declarations.get(ref) : undefined;
      if (decl?.initializer) walk(decl.initializer, chain, rooted);
    }
    node.forEachChild((c) => walk(c, chain, rooted));
  };
  // The root constant's properties are top-level keys; every other constant's are matched by their tail.
  const root = rootVar !== undefined ? declarations.get(rootVar) : undefined;
  if (root?.initializer) walk(root.initializer, [], true);
  const reached = new Set([...seen].map((s) => s.split('@')[0]));
  for (const [name, decl] of declarations)
    if (name !== rootVar && !reached.has(name) && decl.initializer) walk(decl.initializer, [], false);
  return out;
}

/** Each settings file of server/methods/ belongs to the methods (and shared sections) whose schemas it exports. */
async function sourceComments(): Promise<SourceComment[]> {
  const all = [
    ...commentsOf(path.join(ROOT, 'server/config.ts'), undefined, 'configSchema'),
    ...commentsOf(path.join(ROOT, 'server/config-parts.ts'), undefined, undefined),
  ];
  const methodsDir = path.join(ROOT, 'server/methods');
  for (const dir of readdirSync(methodsDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const file = path.join(methodsDir, dir.name, 'settings.ts');
    let exported: Record<string, unknown>;
    try {
      exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch {
      continue; // a method without settings
    }
    const values = new Set(Object.values(exported));
    const scope = new Set<string>();
    for (const d of METHODS) {
      if (d.settings && values.has(d.settings)) scope.add(d.name);
      if (d.shared && values.has(d.shared.schema)) scope.add(d.shared.key);
    }
    all.push(...commentsOf(file, scope, undefined));
  }
  return all;
}

/** The segments a source chain can match: array items and record keys have no property name there. */
function namedSegments(key: string): string[] {
  return key
    .split('.')
    .filter((s) => s !== '<key>' && s !== '[]')
    .map((s) => s.replace(/\[\]$/, ''));
}

/** A comment written for this very key (rooted in the schema, or in the settings file of its method). */
function hasOwnComment(key: string, comments: SourceComment[]): boolean {
  const segments = namedSegments(key);
  return comments.some(
    (c) =>
      (c.rooted || c.scope !== undefined) &&
      segments.slice(segments.length - c.chain.length).join('.') === c.chain.join('.') &&
      (!c.rooted || c.chain.length === segments.length) &&
      (!c.scope || c.scope.has(segments[0] === 'methods' ? (segments[1] ?? '') : (segments[0] ?? ''))),
  );
}

function describeFromSource(key: string, comments: SourceComment[]): string {
  const segments = namedSegments(key);
  const first = segments[0] === 'methods' ? segments[1] : segments[0];
  let best: SourceComment | undefined;
  for (const c of comments) {
    if (c.chain.length > segments.length) continue;
    const tail = segments.slice(segments.length - c.chain.length);
    if (tail.join('.') !== c.chain.join('.')) continue;
    if (c.rooted && c.chain.length !== segments.length) continue;
    if (c.scope && (first === undefined || !c.scope.has(first))) continue;
    const rank = (s: SourceComment) => (s.rooted ? 1000 : 0) + s.chain.length + (s.scope ? 100 : 0);
    if (!best || rank(c) > rank(best)) best = c;
  }
  return best?.text ?? '';
}

// ---- the schema's shape --------------------------------------------------------------------------------

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function bounds(n: Node): string {
  const lo = n.minimum ?? n.minLength ?? n.minItems;
  const max = n.maximum ?? n.maxLength ?? n.maxItems;
  const hi = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  const unit = n.minLength !== undefined || n.maxLength !== undefined ? ' characters' : '';
  const items = n.minItems !== undefined || n.maxItems !== undefined ? ' items' : '';
  if (lo !== undefined && hi !== undefined) return ` ${lo}–${hi}${unit}${items}`;
  if (lo !== undefined && (lo > 1 || n.type === 'integer' || n.type === 'number')) return ` ≥ ${lo}${unit}${items}`;
  if (hi !== undefined) return ` ≤ ${hi}${unit}${items}`;
  return '';
}

function typeOf(n: Node): string {
  if (n.const !== undefined) return code(n.const);
  if (n.enum) return n.enum.map(code).join(' \\| ');
  const alternatives = n.anyOf ?? n.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' \\| ');
  if (n.type === 'array') return `list of ${n.items ? typeOf(n.items) : 'values'}${bounds(n)}`;
  if (n.type === 'object') return n.additionalProperties ? 'map' : 'object';
  if (n.type === 'string') {
    const kind = n.format === 'uri' ? 'URL' : n.format === 'email' ? 'e-mail address' : 'string';
    return kind + bounds(n);
  }
  return `${Array.isArray(n.type) ? n.type.join(' \\| ') : (n.type ?? 'any')}${bounds(n)}`;
}

function defaultOf(n: Node, required: boolean): string {
  if (n.default === undefined) return required ? 'required' : '';
  if (typeof n.default === 'object' && n.default !== null && Object.keys(n.default).length === 0) {
    return Array.isArray(n.default) ? '`[]`' : '';
  }
  return code(n.default);
}

function isObject(n: Node): boolean {
  return n.properties !== undefined;
}

function rowsOf(n: Node, key: string, required: boolean, out: Map<string, Row>): void {
  const add = (row: Row) => {
    const had = out.get(row.key);
    if (!had) out.set(row.key, row);
    else if (!had.type.split(' \\| ').includes(row.type)) had.type += ` \\| ${row.type}`;
  };
  const alternatives = n.anyOf ?? n.oneOf;
  if (alternatives?.some(isObject)) {
    // A union of objects (storage's drivers) or of false and an object (trust_proxy).
    const plain = alternatives.filter((a) => !isObject(a));
    if (key && (plain.length || n.default !== undefined || n.description))
      add({
        key,
        type: [...plain.map(typeOf), ...(plain.length ? ['object'] : [])].join(' \\| ') || 'object',
        default: defaultOf(n, required),
        description: n.description ?? '',
      });
    for (const a of alternatives.filter(isObject)) rowsOf({ ...a, description: undefined }, key, false, out);
    return;
  }
  if (n.properties) {
    if (key && n.description) add({ key, type: 'object', default: defaultOf(n, required), description: n.description });
    for (const [name, child] of Object.entries(n.properties))
      rowsOf(child, key ? `${key}.${name}` : name, n.required?.includes(name) ?? false, out);
    return;
  }
  if (n.type === 'array' && n.items && isObject(n.items)) {
    add({ key, type: 'list', default: defaultOf(n, required), description: n.description ?? '' });
    rowsOf(n.items, `${key}[]`, false, out);
    return;
  }
  if (typeof n.additionalProperties === 'object' && isObject(n.additionalProperties)) {
    add({ key, type: 'map of language → object', default: defaultOf(n, required), description: n.description ?? '' });
    rowsOf(n.additionalProperties, `${key}.<key>`, false, out);
    return;
  }
  if (typeof n.additionalProperties === 'object') {
    add({
      key,
      type: `map of ${typeOf(n.additionalProperties)}`,
      default: defaultOf(n, required),
      description: n.description ?? '',
    });
    return;
  }
  add({ key, type: typeOf(n), default: defaultOf(n, required), description: n.description ?? '' });
}

/** A note for the key: by its exact path, else by a pattern whose `*` stands for one segment. */
function noteFor(key: string): string {
  if (NOTES[key]) return NOTES[key];
  const segments = key.split('.');
  for (const [pattern, note] of Object.entries(NOTES)) {
    const parts = pattern.split('.');
    if (parts.length === segments.length && parts.every((p, i) => p === '*' || p === segments[i])) return note;
  }
  return '';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

/** The whole reference page, as committed in docs/configuration-reference.md. */
export async function renderConfigReference(): Promise<string> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Node;
  const rows = new Map<string, Row>();
  rowsOf(schema, '', false, rows);
  const comments = await sourceComments();
  const sections = new Map<string, Row[]>();
  const withChildren = new Set([...rows.keys()].filter((k) => /[.[]/.test(k)).map((k) => k.split(/[.[]/)[0]));
  for (const row of rows.values()) {
    row.description ||=
      (NOTES[row.key] && !hasOwnComment(row.key, comments) ? NOTES[row.key] : '') ||
      describeFromSource(row.key, comments) ||
      noteFor(row.key);
    const top = row.key.split(/[.[]/)[0]!;
    const nested = withChildren.has(top);
    const section = top === 'methods' ? `methods.${row.key.split('.')[1]}` : nested ? top : 'top level';
    sections.set(section, [...(sections.get(section) ?? []), row]);
  }
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated by scripts/config-reference.ts from the configuration schema: do not edit by hand.',
    '     After a change to the schema, run `npm run docs:config`. -->',
    '',
    'Every key the configuration file accepts (`--config file` or `GLUU_CONFIG`, JSON or YAML), generated from',
    "the schema the server validates with (`server/config.ts` and the methods' `settings.ts`), so it is always",
    'the one the code accepts. A key path `a.b.c` is written in YAML as nested maps, and from the environment',
    'as `GLUU__A__B__C=<json>`; `clients[]` is each entry of the `clients` list; `<key>` is a language tag.',
    'How the pieces fit together, with examples: [Configuration](configuration.md); the rules that tie',
    'sections together (an acr that must be enabled, a relay that `email_otp` needs, ...) are checked at start',
    'and named in the error.',
    '',
    'Sections: ' +
      [...sections.keys()].map((s) => `[\`${s}\`](#${s.replace(/ /g, '-').replace(/[^a-z0-9_-]/g, '')})`).join(', '),
    '',
  ];
  for (const [section, list] of sections) {
    lines.push(`## ${section}`, '', '| key | type | default | description |', '|---|---|---|---|');
    for (const r of list)
      lines.push(`| \`${r.key}\` | ${r.type} | ${r.default ? cell(r.default) : ''} | ${cell(r.description)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(REFERENCE_FILE, await renderConfigReference());
  console.log(`wrote ${path.relative(process.cwd(), REFERENCE_FILE)}`);
}
