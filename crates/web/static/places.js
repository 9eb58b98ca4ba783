// Live GeoNames suggestions on the new-city form: as a name is typed, the matching places
// replace the result list. Choosing one follows its link, which fills the form on the
// server, so the form works the same without this script.
const input = document.querySelector('input[data-places]');
const out = document.getElementById('place-results');
if (input && out) {
  const lang = document.documentElement.lang || 'en';
  const number = new Intl.NumberFormat(lang);
  let timer;
  let last = input.value.trim();
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      let found;
      try {
        const r = await fetch(`${input.dataset.places}?q=${encodeURIComponent(q)}`, {
          headers: { accept: 'application/json' },
        });
        if (!r.ok || q !== last) return;
        found = (await r.json()).places;
      } catch {
        return;
      }
      if (found.length === 0) {
        const p = document.createElement('p');
        p.textContent = out.dataset.empty;
        out.replaceChildren(p);
        return;
      }
      const ul = document.createElement('ul');
      ul.className = 'place-results';
      for (const place of found) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `${out.dataset.pick}${place.geonames_id}`;
        a.textContent = place.name;
        const meta = document.createElement('span');
        meta.className = 'meta';
        const country = place.country_name[lang] || place.country_name.en || place.country;
        meta.textContent = ` ${country} · ${number.format(place.population)}`;
        li.append(a, meta);
        ul.append(li);
      }
      out.replaceChildren(ul);
    }, 200);
  });
}
