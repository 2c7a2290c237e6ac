// Every module has one shape (docs/ARCHITECTURE.md): JSON handlers in `*.routes.ts`, thin HTML handlers in
// `*.pages.ts`, every `html` template in `*.views.ts`. The checks read the source itself, so they cannot drift from
// the code: no `*.presenter.ts` or `*.api.ts` file is left, no handler, service or repository holds a template, and a
// pages file that answers with HTML has its views file beside it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

const modulesDir = path.resolve(import.meta.dirname, '../src/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Roles whose files must not hold markup: handlers, use cases and SQL. */
const noTemplates = /\.(pages|routes|service|repository)\.ts$/;
/** The old names of the views and JSON roles. */
const retiredRoles = /\.(presenter|api)\.ts$/;
/** An `html` tagged template, where the code uses one (not where a comment speaks of one). */
const htmlTemplate = /\bhtml\s*`/;
/** What a pages file does when it answers with HTML. */
const answersWithHtml = /\b(sendPage|renderPage)\(|text\/html/;

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

/** What in one module folder breaks the shape, each as "<file>[:line]: <problem>", paths relative to `root`. */
function shapeProblems(root: string, moduleName: string): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(root, moduleName))) {
    const name = path.relative(root, file);
    if (retiredRoles.test(file))
      problems.push(`${name}: a ${file.endsWith('.api.ts') ? 'JSON handler belongs in *.routes.ts' : 'presenter belongs in *.views.ts'}`);
    const text = readFileSync(file, 'utf8');
    if (noTemplates.test(file)) {
      text.split('\n').forEach((line, index) => {
        if (!isComment(line) && htmlTemplate.test(line)) problems.push(`${name}:${index + 1}: an html template belongs in a *.views.ts file`);
      });
    }
    if (file.endsWith('.pages.ts') && answersWithHtml.test(text)) {
      const views = file.replace(/\.pages\.ts$/, '.views.ts');
      if (!existsSync(views)) problems.push(`${name}: renders HTML but ${path.relative(root, views)} does not exist`);
    }
  }
  return problems;
}

const moduleNames = (root: string) =>
  readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe('every module has the one module shape', () => {
  for (const moduleName of moduleNames(modulesDir)) {
    test(moduleName, () => {
      const problems = shapeProblems(modulesDir, moduleName);
      assert.deepEqual(problems, [], `the shape of src/modules/${moduleName} drifts:\n${problems.join('\n')}`);
    });
  }
});

describe('the shape check', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'module-shape-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  test('finds each kind of drift, naming file and line', () => {
    write('shop/shop.presenter.ts', 'export const x = 1;\n');
    write('shop/shop.api.ts', 'export const y = 1;\n');
    write('shop/shop.pages.ts', "import { sendPage } from 'x';\n// the html`` tag escapes\nconst page = html`<p>${name}</p>`;\nsendPage(reply, page);\n");
    write('shop/shop.service.ts', 'export const a = 1;\nexport const b = html `<b></b>`;\n');
    write('shop/basket/basket.routes.ts', 'const c = html`<i></i>`;\n');
    assert.deepEqual(shapeProblems(root, 'shop').sort(), [
      'shop/basket/basket.routes.ts:1: an html template belongs in a *.views.ts file',
      'shop/shop.api.ts: a JSON handler belongs in *.routes.ts',
      'shop/shop.pages.ts: renders HTML but shop/shop.views.ts does not exist',
      'shop/shop.pages.ts:3: an html template belongs in a *.views.ts file',
      'shop/shop.presenter.ts: a presenter belongs in *.views.ts',
      'shop/shop.service.ts:2: an html template belongs in a *.views.ts file',
    ]);
  });

  test('accepts the shape: templates in views, thin pages beside them, pages without HTML need no views', () => {
    write('tidy/tidy.views.ts', 'export const page = () => html`<p>ok</p>`;\n');
    write('tidy/tidy.pages.ts', "import { page } from './tidy.views.ts';\nsendPage(reply, page());\n");
    write('tidy/compose.pages.ts', 'export const all = [one, two];\n');
    write('tidy/tidy.routes.ts', 'export const routes = () => ({ ok: true });\n');
    assert.deepEqual(shapeProblems(root, 'tidy'), []);
  });
});
