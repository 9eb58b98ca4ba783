// Suggestions as a search is typed: the first results for what is in the box, as links
// under it. The form works the same without this script (it is a plain GET form).
const input = document.querySelector('input[data-suggest]');
const out = document.getElementById('suggestions');
if (input && out) {
  const lang = document.documentElement.lang || 'en';
  let timer;
  let last = input.value.trim();
  let controller;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.length < 2) {
        out.replaceChildren();
        return;
      }
      controller?.abort();
      controller = new AbortController();
      let found;
      try {
        const params = new URLSearchParams({ q, prefix: 'true', per_page: '5', language: lang });
        const r = await fetch(`${input.dataset.suggest}?${params}`, {
          headers: { accept: 'application/json' },
          signal: controller.signal,
        });
        if (!r.ok || q !== last) return;
        found = (await r.json()).hits;
      } catch {
        return;
      }
      if (found.length === 0) {
        out.replaceChildren();
        return;
      }
      const heading = document.createElement('p');
      heading.className = 'meta';
      heading.id = 'suggestions-heading';
      heading.textContent = out.dataset.label;
      const ul = document.createElement('ul');
      ul.className = 'plain';
      ul.setAttribute('aria-labelledby', heading.id);
      for (const hit of found) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = hit.url;
        a.textContent = hit.title;
        if (hit.lang && hit.lang !== lang) a.lang = hit.lang;
        li.append(a);
        ul.append(li);
      }
      out.replaceChildren(heading, ul);
    }, 150);
  });
}
