/** Styles of the hint, inside its shadow root (so Amazon's CSS and ours never meet). Passed inline: no CSS fetch. */
export const HINT_CSS = `
:host { all: initial; display: block !important; margin: 4px 0 8px; }
.po-hint { font: 13px/1.4 "Amazon Ember", Arial, sans-serif; color: #0f1111; background: #f7fafa;
  border: 1px solid #d5d9d9; border-radius: 8px; padding: 8px 10px; max-width: 640px; box-sizing: border-box; }
p { margin: 0 0 4px; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #fff; padding: 0 3px; border-radius: 3px; }
.muted { color: #565959; }
.verdict:empty { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); margin: 0; }
.verdict.ok { color: #067d62; }
.verdict.ok::before { content: "✓ "; }
.error { color: #b12704; }
.warning { color: #8a5300; }
.strong { font-weight: 700; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
button { font: inherit; cursor: pointer; border: 1px solid #888c8c; background: #fff; border-radius: 6px;
  padding: 2px 10px; color: #0f1111; }
button.primary { background: #ffd814; border-color: #fcd200; }
button.link { border: none; background: none; color: #007185; text-decoration: underline; padding: 0; }
.tools { margin: 6px 0 0; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid #007185; outline-offset: 2px; }
.generate { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-top: 8px; padding-top: 8px;
  border-top: 1px solid #d5d9d9; }
.generate label { display: flex; flex-direction: column; gap: 2px; }
select, input { font: inherit; padding: 2px 4px; }
`;
