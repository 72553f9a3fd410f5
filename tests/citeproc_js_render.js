// Bibliography entries by citeproc-js (npm "citeproc") for tests/citeproc_js.py.
// stdin: {"style": path, "locale": tag, "locales": folder of locales-*.xml, "items": [CSL-JSON]}
// stdout: {"id": "plain text of its entry", ...}
'use strict';
const CSL = require('citeproc');
const fs = require('fs');
const req = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = {};
for (const it of req.items) byId[String(it.id)] = it;
const sys = {
  retrieveLocale: (lang) => { try { return fs.readFileSync(`${req.locales}/locales-${lang}.xml`, 'utf8'); } catch (e) { return null; } },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(req.style, 'utf8'), req.locale, true);
engine.setOutputFormat('text');
engine.updateItems(req.items.map(i => String(i.id)));
const bib = engine.makeBibliography();
const out = {};
bib[0].entry_ids.forEach((ids, n) => { out[ids[0]] = bib[1][n]; });
process.stdout.write(JSON.stringify(out));
