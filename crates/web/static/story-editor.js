// The story editor's extras over forms that already work without it: drag and drop in
// the outline, the live preview of a page as it is typed, and the media library's
// progress kept up to date while files are being prepared.

const outline = document.querySelector('form.story-outline');
if (outline) {
  // After a page moved with its ↑ or ↓ button, the focus goes back to that button on
  // the page's new place (the server sends the outline back at #outline-page-N), so
  // it can be pressed again at once.
  outline.addEventListener('submit', (e) => {
    const op = e.submitter?.value ?? '';
    if (/^page-(up|down):/.test(op)) sessionStorage.setItem('forja-moved', op.split(':')[0]);
  });
  const landed = /^#outline-page-(\d+)$/.exec(location.hash);
  const direction = sessionStorage.getItem('forja-moved');
  sessionStorage.removeItem('forja-moved');
  if (landed) {
    const item = document.getElementById(`outline-page-${landed[1]}`);
    const button = item?.querySelector(`button[value="${direction}:${landed[1]}"]`)
      ?? item?.querySelector('button[value^="page-"]');
    // After the browser has scrolled to the page, so nothing takes the focus back.
    if (button) requestAnimationFrame(() => button.focus());
  }
  let dragged = null;
  const send = (n, chapter, index) => {
    for (const [name, value] of [['op', `move-page:${n}`], ['chapter', chapter], ['index', index]]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = String(value);
      outline.append(input);
    }
    outline.submit();
  };
  for (const item of outline.querySelectorAll('li.outline-page')) {
    item.draggable = true;
    item.addEventListener('dragstart', (e) => {
      dragged = item;
      item.classList.add('dragging');
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', item.dataset.n);
    });
    item.addEventListener('dragend', () => item.classList.remove('dragging'));
  }
  for (const list of outline.querySelectorAll('ol.outline-pages')) {
    list.addEventListener('dragover', (e) => {
      if (!dragged) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    });
    list.addEventListener('drop', (e) => {
      if (!dragged) return;
      e.preventDefault();
      // The page goes before the item dropped on (after it past its middle), or last.
      const items = [...list.querySelectorAll('li.outline-page')].filter((li) => li !== dragged);
      let index = items.length;
      for (const [i, li] of items.entries()) {
        const box = li.getBoundingClientRect();
        if (e.clientY < box.top + box.height / 2) { index = i; break; }
      }
      send(dragged.dataset.n, list.dataset.chapter, index);
    });
  }
}

const pageForm = document.querySelector('form.story-page-form');
const previewButton = pageForm && pageForm.querySelector('button[data-preview]');
if (pageForm && previewButton) {
  let timer = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => pageForm.requestSubmit(previewButton), 500);
  };
  pageForm.addEventListener('input', refresh);
  pageForm.addEventListener('change', refresh);
}

const library = document.querySelector('table.media-items');
if (library) {
  // While files are being prepared, their rows are fetched again every two seconds.
  // Only those rows are replaced: a row someone is working in (its focal point, say)
  // is never swapped under them.
  const busy = '.media-status[data-status="queued"], .media-status[data-status="processing"]';
  const poll = async () => {
    const waiting = [...library.querySelectorAll('tbody tr')].filter((row) => row.querySelector(busy));
    if (!waiting.length) return;
    try {
      const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (response.ok) {
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        for (const row of waiting) {
          const next = fresh.querySelector(`table.media-items tr[data-item="${row.dataset.item}"]`);
          if (!next) continue;
          const imported = document.importNode(next, true);
          row.replaceWith(imported);
          pickFocalPoints(imported);
        }
      }
    } catch (_) {
      // Offline for a moment: the next round tries again.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
}

// A file over the upload limit is refused here, before minutes of sending it: the
// server would refuse it too, but a browser often shows a broken connection for that.
const upload = document.querySelector('form.media-upload');
if (upload) {
  const file = upload.querySelector('input[type=file]');
  const tooBig = () => [...(file?.files || [])].some((f) => f.size > Number(upload.dataset.limit));
  upload.addEventListener('submit', (e) => {
    file.setCustomValidity(tooBig() ? upload.dataset.tooLarge : '');
    if (tooBig()) {
      e.preventDefault();
      file.reportValidity();
    }
  });
  file?.addEventListener('change', () => file.setCustomValidity(''));
}

// The focal point: a click on the picture moves the point there (in the 10 % steps the
// selects offer, which it sets); saving stays the form's own button.
function pickFocalPoints(root) {
  for (const picture of root.querySelectorAll('.focal-picture')) {
    const form = picture.closest('form');
    const xs = form.querySelector('select[name="x"]');
    const ys = form.querySelector('select[name="y"]');
    const show = () => {
      picture.className = picture.className.replace(/\bf[xy]-\d+\b/g, '').trim();
      picture.classList.add(`fx-${xs.value}`, `fy-${ys.value}`);
    };
    picture.addEventListener('click', (e) => {
      const box = picture.getBoundingClientRect();
      const step = (v) => String(Math.min(100, Math.max(0, Math.round((v * 100) / 10) * 10)));
      xs.value = step((e.clientX - box.left) / box.width);
      ys.value = step((e.clientY - box.top) / box.height);
      show();
    });
    xs.addEventListener('change', show);
    ys.addEventListener('change', show);
  }
}
pickFocalPoints(document);
