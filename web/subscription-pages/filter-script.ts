/**
 * The one script the pages run: the programme chooser's filter box. Progressive enhancement: the box is
 * rendered hidden and only this script shows it, so without JavaScript the page is the full list of
 * boxes, all usable. The Content-Security-Policy allows exactly this text, by its hash (http.ts), so
 * it stays a constant: nothing from a request or a page ever goes into it.
 *
 * Matching folds case and width (NFKC then lower case: "ＣＲＥＳＴ", "crest" and "Crest" meet, and so
 * do half- and full-width katakana) over each label's data-match, which the server folds the same way.
 * A ticked box stays shown, so a person always sees what they chose; when nothing is left, the status line
 * (a live region) says so in the page's language (its data-none). Enter in the box filters and never
 * submits the form.
 */
import { createHash } from 'node:crypto';

export const FILTER_SCRIPT = `document.querySelectorAll('.chooser').forEach(function (chooser) {
  var box = chooser.querySelector('input[type=search]');
  if (!box || chooser.dataset.ready) return;
  chooser.dataset.ready = '1';
  var fold = function (s) { return s.normalize('NFKC').toLowerCase(); };
  var apply = function () {
    var q = fold(box.value.trim());
    chooser.querySelectorAll('label[data-match]').forEach(function (label) {
      label.hidden = q !== '' && !label.querySelector('input').checked && label.dataset.match.indexOf(q) < 0;
    });
    chooser.querySelectorAll('fieldset').forEach(function (group) {
      group.hidden = !group.querySelector('label[data-match]:not([hidden])');
    });
    var status = chooser.querySelector('[role=status]');
    status.textContent = chooser.querySelector('label[data-match]:not([hidden])') ? '' : status.dataset.none;
  };
  box.addEventListener('input', apply);
  box.addEventListener('keydown', function (e) { if (e.key === 'Enter') e.preventDefault(); });
  box.closest('.filter').hidden = false;
  apply();
});`;

/** The CSP source that allows FILTER_SCRIPT inline, and nothing else. */
export const FILTER_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(FILTER_SCRIPT, 'utf8').digest('base64')}'`;

/** The same folding as the script's, for the labels' data-match. */
export const foldForMatch = (text: string): string => text.normalize('NFKC').toLowerCase();
