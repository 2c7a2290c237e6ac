import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, SafeHtml } from './html.ts';

test('html escapes interpolated text so user input cannot become markup', () => {
  const name = '<script>alert("x")</script> & \'quote\'';
  assert.equal(
    html`<p title="${name}">${name}</p>`.value,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;</p>',
  );
});

test('html keeps nested fragments and joins arrays, dropping empty values', () => {
  const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
  assert.equal(html`<ul>${items}${null}${undefined}${false}</ul>`.value, '<ul><li>a&lt;b</li><li>c</li></ul>');
  assert.equal(html`${new SafeHtml('<b>ok</b>')}`.value, '<b>ok</b>');
});
