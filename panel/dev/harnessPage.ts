// The harness's start page: the panel at Premiere's default panel size beside a live view of the
// simulated Project panel (labels, ClipTriage columns, markers, subclips), plus controls to change the host
// theme and to kill the engine (to watch the panel recover). Plain HTML + ES5, no build step.

export interface ProjectViewNode {
  name: string;
  kind: string;
  nodeId?: string;
  label?: number;
  labelName?: string;
  columns?: Record<string, string>;
  markers?: Array<{ name: string; startSec: number; endSec: number }>;
  /** Subclips: their in and out points in the media. */
  range?: { inSec: number; outSec: number };
  children?: ProjectViewNode[];
}

export function harnessPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ClipTriage dev harness</title><link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 13px system-ui, sans-serif; background: #111; color: #ddd; display: flex; gap: 16px; padding: 16px; }
  .col { display: flex; flex-direction: column; gap: 8px; }
  iframe { width: 400px; height: 600px; border: 1px solid #444; resize: both; overflow: auto; background: #232323; }
  h1 { font-size: 15px; margin: 0; }
  .controls button { margin-right: 6px; }
  table { border-collapse: collapse; }
  td, th { padding: 2px 8px; border-bottom: 1px solid #2a2a2a; text-align: left; vertical-align: top; }
  .bin { color: #9ab; font-weight: 600; }
  .sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
  .mk { color: #c9a; font-size: 12px; }
  .sub { color: #8c8; font-size: 12px; margin-left: 6px; }
</style></head>
<body>
  <div class="col">
    <h1>Panel (CEP default size, drag the corner to resize)</h1>
    <iframe id="panel" src="/panel/index.html" title="ClipTriage panel"></iframe>
    <div class="controls">
      Premiere brightness:
      <button data-grey="29">Darkest</button><button data-grey="35">Default</button><button data-grey="70">Light</button><button data-grey="184">Lightest</button>
    </div>
    <div class="controls"><button id="kill">Kill the engine (simulate a crash)</button></div>
    <div class="controls"><button id="import" title="As File › Import in Premiere: the clip lands in the Imports bin">Import clip</button> <span id="imported"></span></div>
  </div>
  <div class="col" style="flex:1; min-width: 0;">
    <h1>Simulated Premiere project</h1>
    <div id="project">loading…</div>
  </div>
<script>
(function () {
  var SW = ['#a68ad8','#7f8bdf','#3dbca6','#e086e0','#3fa8da','#5aa24d','#e0577d','#f0a23c','#9342ad','#4263da','#2e8e8e','#d83f9d','#c8aa87','#33803d','#8c5c2d','#e2d03e'];
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function rows(node, depth, out) {
    var pad = 'padding-left:' + (depth * 16 + 8) + 'px';
    if (node.kind === 'bin' || node.kind === 'root') {
      if (node.kind === 'bin') out.push('<tr><td class="bin" style="' + pad + '" colspan="7">' + esc(node.name) + '/</td></tr>');
    } else {
      var c = node.columns || {};
      var mk = (node.markers || []).map(function (m) { return esc(m.name) + ' ' + m.startSec.toFixed(1) + '–' + m.endSec.toFixed(1) + 's'; }).join('<br>');
      out.push('<tr><td style="' + pad + '"><span class="sw" style="background:' + (SW[node.label] || '#555') + '"></span>' + esc(node.name) +
        (node.range ? '<span class="sub" data-subclip>subclip ' + node.range.inSec.toFixed(2) + '–' + node.range.outSec.toFixed(2) + ' s</span>' : '') +
        '</td><td>' + esc(c.Footage) + '</td><td>' + esc(c.Usability) + '</td><td>' + esc(c.Quality) + '</td><td>' + esc(c.Issues) + '</td><td>' + esc(c.Camera) + '</td><td>' + esc(c.TakeGroup) + '</td><td class="mk">' + mk + '</td></tr>');
    }
    (node.children || []).forEach(function (ch) { rows(ch, node.kind === 'root' ? depth : depth + 1, out); });
  }
  function refresh() {
    fetch('/__harness/state').then(function (r) { return r.json(); }).then(function (s) {
      var out = ['<table><tr><th>Name</th><th title="Set by the editor: a per-clip footage mode">Footage</th><th>Usability</th><th>Quality</th><th>Issues</th><th>Camera</th><th>Take group</th><th>Markers</th></tr>'];
      if (s.project) rows(s.project, 0, out);
      out.push('</table><p>Engine processes: ' + (s.enginePids.join(', ') || 'none') + '</p>');
      document.getElementById('project').innerHTML = out.join('');
    }).catch(function () {});
  }
  setInterval(refresh, 1000); refresh();
  Array.prototype.forEach.call(document.querySelectorAll('[data-grey]'), function (b) {
    b.onclick = function () {
      var g = Number(b.getAttribute('data-grey'));
      var w = document.getElementById('panel').contentWindow;
      document.getElementById('panel').style.background = 'rgb(' + g + ',' + g + ',' + g + ')';
      if (w.__cliptriageHarness) w.__cliptriageHarness.setSkinGrey(g);
    };
  });
  document.getElementById('kill').onclick = function () { fetch('/__harness/kill-engine', { method: 'POST' }); };
  document.getElementById('import').onclick = function () {
    fetch('/__harness/import', { method: 'POST' }).then(function (r) { return r.json(); }).then(function (j) {
      document.getElementById('imported').textContent = j.imported ? 'Imported “' + j.imported + '”' : 'Nothing to import';
      refresh();
    });
  };
})();
</script>
</body></html>`;
}
