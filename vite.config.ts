// Builds the browser half: dist/widget/gluu-login.js, one minified ES module with lit bundled in, and the
// translations beside it (dist/widget/i18n/*.js).
// Only dist/widget is emptied; dist/server and dist/demo belong to tsc. Vitest reads this file too: the
// template minifier below applies to `vite build` only.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The translations in widget/i18n/, each built to dist/widget/i18n/<lang>.js. */
const LANGUAGES = ['pt-BR', 'es', 'fr', 'de', 'ar', 'ja', 'zh-CN', 'it', 'nl', 'pl', 'tr', 'id', 'ru', 'hi', 'ko'];

/**
 * The translations of <gluu-account> in widget/account/i18n/, each built to dist/widget/account/i18n/<lang>.js:
 * the languages of <gluu-login>, so a language added there needs the account's texts too (the size test checks).
 */
const ACCOUNT_LANGUAGES = LANGUAGES;

/**
 * <gluu-account>'s own modules and contract: its bundle (gluu-account.js), which imports Lit and <gluu-login>
 * from theirs.
 */
const ACCOUNT = /[\\/](widget[\\/](gluu-account\.ts$|account[\\/])|wire[\\/]account-api\.ts$)/;

/** The step modules in files of their own (loaded by widget/steps/index.ts when first shown). */
const SEPARATE_STEP = new RegExp(
  '[\\\\/]widget[\\\\/]steps[\\\\/]' +
    '(otp-enroll|phone-enroll|email-enroll|phonecheck|recovery-codes?|reset-code|new-password|trust-browser|' +
    'clipboard)\\.ts$',
);

/** A node of the ESTree AST that `this.parse` gives (named so as not to hide the DOM's `Node`). */
interface AstNode {
  type?: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Squeezes the whitespace out of a css`` literal (comments too). Our own stylesheet only. */
function minifyCss(s: string): string {
  return s
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .replace(/([ :(,])0\./g, '$1.')
    .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
    .trim();
}

/** Collapses the indentation of an html`` literal: whitespace runs that hold a line break. */
function minifyHtml(s: string): string {
  return s
    .replace(/>\s*\n\s*/g, '>')
    .replace(/\s*\n\s*</g, '<')
    .replace(/\s*\n\s*/g, ' ');
}

/**
 * Minifies the static text of the css`` and html`` tagged templates in widget/ (Lit's own code is
 * already minified). Only whitespace changes; expressions are never touched.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'gluu-login:minify-templates',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(here('widget/')) || !/\b(html|css)`/.test(code)) return null;
      const edits: [number, number, string][] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) {
          node.forEach(visit);
          return;
        }
        const n = node as AstNode;
        if (n.type === 'TaggedTemplateExpression') {
          const tag = (n.tag as { name?: string }).name;
          const quasi = n.quasi as { quasis: (AstNode & { value: { raw: string } })[] };
          const squeeze = tag === 'css' ? minifyCss : tag === 'html' ? minifyHtml : undefined;
          if (squeeze) {
            for (const q of quasi.quasis) {
              if (code.slice(q.start, q.end) !== q.value.raw) {
                this.warn(`cannot locate a template part in ${id}; left as is`);
                continue;
              }
              edits.push([q.start, q.end, squeeze(q.value.raw)]);
            }
          }
        }
        for (const key in n) if (key !== 'type') visit(n[key]);
      };
      visit(this.parse(code));
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * Lit's css tag without its text for developers: the errors it throws on misuse (a value that is not a css``
 * result; `new CSSResult`) lose their explanations; ours is one literal stylesheet.
 */
function leanLit(): Plugin {
  const cssTag = /[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/;
  // Error('a message') or Error("a message: "+value+" and more"), each becoming Error()
  const text = `(?:'[^'\\n]*'|"[^"\\n]*")`;
  const explained = new RegExp(`\\bError\\(${text}(?:\\+\\w+\\+${text})*\\)`, 'g');
  return {
    name: 'gluu-login:lean-lit',
    enforce: 'pre',
    transform(code, id) {
      return cssTag.test(id) ? { code: code.replace(explained, 'Error()'), map: null } : null;
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [leanLit(), minifyTemplates()],
  build: {
    outDir: here('dist/widget'),
    emptyOutDir: true,
    target: 'es2022',
    // Vite keeps whitespace in ES library builds (meant for re-bundling); this file goes to browsers as is,
    // so minify it fully and drop the /*#__PURE__*/ annotations too, and console calls.
    minify: 'oxc',
    sourcemap: false,
    rolldownOptions: {
      output: {
        minify: { compress: { dropConsole: true }, mangle: true, codegen: true },
        comments: false,
        // The steps loaded when first shown (widget/steps/index.ts), under stable names the server serves;
        // everything else is gluu-login.js.
        chunkFileNames: (chunk) => (chunk.name === 'gluu-login' ? 'gluu-login.js' : 'steps/[name].js'),
        // Everything else stays in the widget's one file: what a step file shares with it, it imports from it.
        codeSplitting: {
          groups: [
            {
              name: 'gluu-login',
              test: (id: string) => !SEPARATE_STEP.test(id) && !/[\\/]i18n[\\/]/.test(id) && !ACCOUNT.test(id),
            },
          ],
        },
      },
    },
    // The widget, and each translation as a file of its own next to it (i18n/pt-BR.js, ...): they import
    // nothing (only types), and register themselves with the element once it is defined.
    lib: {
      entry: {
        index: here('widget/index.ts'),
        ...Object.fromEntries(LANGUAGES.map((lang) => [`i18n/${lang}`, here(`widget/i18n/${lang}.ts`)])),
        'gluu-account': here('widget/gluu-account.ts'),
        ...Object.fromEntries(
          ACCOUNT_LANGUAGES.map((lang) => [`account/i18n/${lang}`, here(`widget/account/i18n/${lang}.ts`)]),
        ),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
