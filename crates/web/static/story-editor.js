// The story editor's extras over forms that already work without it: drag and drop in
// the outline, the live preview of a page as it is typed, and the media library's
// progress kept up to date while files are being prepared.

const outline = document.querySelector('form.story-outline');
if (outline) {
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
  const pending = (root) => root.querySelector('.media-status[data-status="queued"], .media-status[data-status="processing"]');
  const poll = async () => {
    if (!pending(document)) return;
    try {
      const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (response.ok) {
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        const body = fresh.querySelector('table.media-items tbody');
        const mine = library.querySelector('tbody');
        if (body && mine) mine.replaceWith(document.importNode(body, true));
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
