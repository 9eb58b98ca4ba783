// The paged story: one page at a time. The wheel and trackpad move exactly one page per
// gesture (the inertia that follows is ignored until it stops), keys and swipes one page
// per press or swipe; each page has its own address, so reload, shared links and the
// browser's back and forward all land on the right page.
const story = document.getElementById('story');
if (story) {
  const pages = [...story.querySelectorAll('.page')];
  const count = pages.length;
  const base = story.dataset.base;
  const progress = document.getElementById('story-progress');
  const prev = document.querySelector('.story-prev');
  const next = document.querySelector('.story-next');
  let current = 0;

  // An exported story (no server behind it, maybe opened from disk) keeps its page in
  // the address's fragment instead.
  const exported = base === '';
  const urlFor = (n) => (exported ? `#page-${n}` : n === 1 ? base : `${base}/${n}`);
  const say = (n) => progress.dataset.template.replace('{n}', n).replace('{m}', count);

  // Background videos loop silently on the page in view, unless the reader asked for
  // less motion (then the poster stays) or paused them with the button.
  const still = matchMedia('(prefers-reduced-motion: reduce)');
  let paused = false;
  const pauseLabel = story.dataset.pause;
  const playLabel = story.dataset.play;
  // A background video's buttons sit in the page bar at the bottom, shown with their
  // page: never over the page's words.
  const tools = document.querySelector('.story-nav .page-tools');
  for (const video of story.querySelectorAll('video.bg-video')) {
    video.controls = false;
    video.muted = true;
    const n = video.closest('.page').dataset.n;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'bg-toggle';
    button.dataset.page = n;
    button.textContent = pauseLabel;
    button.addEventListener('click', () => {
      paused = !paused;
      syncVideos();
    });
    tools.append(button);
    // A clip with its own sound gets a second toggle to hear it; muted first, and
    // muted again when the reader turns the story's sound off.
    if ('sound' in video.dataset) {
      const hear = document.createElement('button');
      hear.type = 'button';
      hear.className = 'bg-sound';
      hear.dataset.page = n;
      hear.textContent = story.dataset.hear;
      hear.setAttribute('aria-pressed', 'false');
      hear.addEventListener('click', () => {
        video.muted = !video.muted;
        hear.setAttribute('aria-pressed', String(!video.muted));
      });
      tools.append(hear);
    }
  }
  function syncVideos() {
    pages.forEach((page, i) => {
      const video = page.querySelector('video.bg-video');
      if (!video) return;
      const play = i + 1 === current && !paused && !still.matches;
      if (play) {
        video.preload = 'auto';
        video.play().catch(() => {});
      } else {
        video.pause();
      }
    });
    for (const button of tools.querySelectorAll('button')) {
      const here = Number(button.dataset.page) === current;
      if (button.classList.contains('bg-toggle')) {
        button.hidden = !here || still.matches;
        button.textContent = paused ? playLabel : pauseLabel;
        button.setAttribute('aria-pressed', String(paused));
      } else {
        button.hidden = !here;
      }
    }
    // The next page's media start loading now, so they are ready when the reader moves;
    // later pages wait. A background video loads only when it would play.
    const coming = pages[current];
    coming?.querySelectorAll('img[loading="lazy"]').forEach((img) => { img.loading = 'eager'; });
    coming?.querySelectorAll('.quote-clip').forEach((clip) => { clip.preload = 'auto'; });
    if (!still.matches) coming?.querySelectorAll('video.bg-video').forEach((video) => { video.preload = 'auto'; });
  }
  still.addEventListener?.('change', syncVideos);

  // Sound: asked once (remembered), never before the reader's own click. With sound on,
  // a quote's clip starts when its page comes into view; the bar's toggle mutes all.
  const clips = [...story.querySelectorAll('.quote-clip')];
  let sound = localStorage.getItem('forja-sound');
  const bar = document.querySelector('.story-bar');
  let muteButton;
  function syncSound() {
    for (const clip of clips) clip.muted = sound !== 'on';
    if (sound !== 'on') {
      for (const video of story.querySelectorAll('video.bg-video')) video.muted = true;
      for (const hear of story.querySelectorAll('.bg-sound')) hear.setAttribute('aria-pressed', 'false');
    }
    if (muteButton) muteButton.setAttribute('aria-pressed', String(sound !== 'on'));
  }
  function syncClips() {
    pages.forEach((page, i) => {
      for (const clip of page.querySelectorAll('.quote-clip')) {
        if (i + 1 === current && sound === 'on') clip.play().catch(() => {});
        else clip.pause();
      }
    });
  }
  // A sound has no picture to show captions on: the cue being spoken is written under
  // the player instead (the quote's words stay the full text for every reader).
  for (const audio of story.querySelectorAll('audio.quote-clip')) {
    const line = audio.nextElementSibling?.matches('.clip-caption') ? audio.nextElementSibling : null;
    const track = audio.textTracks[0];
    if (!line || !track) continue;
    track.mode = 'hidden';
    track.addEventListener('cuechange', () => {
      line.textContent = [...(track.activeCues ?? [])].map((cue) => cue.text).join(' ');
    });
  }
  if (clips.length) {
    // The page holds the button already (its place kept, out of sight, until now), so
    // showing it moves nothing.
    muteButton = bar.querySelector('.story-mute');
    muteButton.addEventListener('click', () => {
      sound = sound === 'on' ? 'off' : 'on';
      localStorage.setItem('forja-sound', sound);
      syncSound();
      syncClips();
    });
    // An editor's draft or preview does not ask: it is read again and again while
    // being written; the toggle is there when wanted.
    if (!sound && !('draft' in story.dataset)) {
      const ask = document.createElement('div');
      ask.className = 'sound-choice';
      ask.setAttribute('role', 'group');
      ask.setAttribute('aria-label', story.dataset.soundAsk);
      const text = document.createElement('p');
      text.textContent = story.dataset.soundAsk;
      ask.append(text);
      for (const [value, label] of [['on', story.dataset.soundOn], ['off', story.dataset.soundOff]]) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        b.dataset.sound = value;
        b.addEventListener('click', () => {
          sound = value;
          localStorage.setItem('forja-sound', sound);
          ask.remove();
          reachable();
          syncSound();
          syncClips();
        });
        ask.append(b);
      }
      // In the header's landmark, so assistive technology finds it with the controls.
      bar.append(ask);
    }
    syncSound();
  }

  // A page taller than its room scrolls inside itself: wheel, keys and swipes read it
  // to its end before they turn the page.
  const box = () => pages[current - 1]?.querySelector('.page-inner');
  const canScroll = (dir) => {
    const b = box();
    if (!b || b.scrollHeight <= b.clientHeight + 1) return false;
    return dir > 0 ? b.scrollTop + b.clientHeight < b.scrollHeight - 1 : b.scrollTop > 1;
  };

  // A page that scrolls can be reached with Tab, so its words can be read with keys.
  function reachable() {
    const b = box();
    if (!b) return;
    if (b.scrollHeight > b.clientHeight + 1) b.tabIndex = 0;
    else b.removeAttribute('tabindex');
  }
  window.addEventListener('resize', reachable);

  function show(n, { push = true } = {}) {
    n = Math.min(Math.max(n, 1), count);
    if (n === current) return;
    current = n;
    pages.forEach((page, i) => {
      const on = i + 1 === n;
      page.classList.toggle('current', on);
      page.inert = !on;
    });
    syncVideos();
    syncClips();
    reachable();
    progress.textContent = say(n);
    prev.href = urlFor(Math.max(n - 1, 1));
    next.href = urlFor(Math.min(n + 1, count));
    prev.setAttribute('aria-disabled', String(n === 1));
    next.setAttribute('aria-disabled', String(n === count));
    // "Read in ..." opens the translation where the reader is, chapters aligned.
    for (const link of document.querySelectorAll('.story-translation[data-pages]')) {
      const there = Number(link.dataset.pages.split(' ')[n - 1]) || 1;
      link.href = there === 1 ? link.dataset.base : `${link.dataset.base}/${there}`;
    }
    if (push) history.pushState({ page: n }, '', urlFor(n));
  }

  document.documentElement.classList.add('paged');
  const fromHash = Number((/^#page-(\d+)$/.exec(location.hash) || [])[1]);
  show((exported && fromHash) || Number(story.dataset.start) || 1, { push: false });
  history.replaceState({ page: current }, '', urlFor(current));
  window.addEventListener('popstate', (e) => show(e.state?.page ?? 1, { push: false }));

  // One page per wheel gesture: move on the first clear movement, then wait until the
  // wheel has been still for a moment before listening again. A gesture that scrolled
  // the page never turns it, even when the page's end is reached mid-gesture.
  let locked = false;
  let quiet;
  story.addEventListener('wheel', (e) => {
    clearTimeout(quiet);
    quiet = setTimeout(() => { locked = false; }, 220);
    const dir = Math.sign(e.deltaY || e.deltaX);
    if (dir && canScroll(dir)) {
      locked = true;
      return;
    }
    e.preventDefault();
    if (locked || Math.abs(e.deltaY || e.deltaX) < 4) return;
    locked = true;
    show(current + dir);
  }, { passive: false });

  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const inControl = e.target instanceof Element
      && e.target.closest('a, button, input, select, textarea, summary, audio, video');
    const moves = {
      ArrowDown: 1, PageDown: 1, ArrowRight: 1, ArrowUp: -1, PageUp: -1, ArrowLeft: -1,
      ' ': e.shiftKey ? -1 : 1,
    };
    // A player's own keys (seek with the arrows, play with space) stay the player's.
    const playerKey = e.target instanceof Element && e.target.closest('audio, video')
      && (e.key === ' ' || e.key === 'ArrowLeft' || e.key === 'ArrowRight');
    if (playerKey) return;
    if (e.key === 'Home') show(1);
    else if (e.key === 'End') show(count);
    else if (e.key in moves && !(e.key === ' ' && inControl)) {
      const dir = moves[e.key];
      const vertical = e.key !== 'ArrowLeft' && e.key !== 'ArrowRight';
      if (vertical && canScroll(dir)) {
        const b = box();
        const step = e.key.startsWith('Arrow') ? 60 : b.clientHeight * 0.85;
        b.scrollBy({ top: dir * step, behavior: still.matches ? 'auto' : 'smooth' });
      } else {
        show(current + dir);
      }
    } else return;
    e.preventDefault();
  });

  // Swipes: up or left for the next page, down or right for the previous one; on a
  // page that scrolls, a vertical swipe scrolls it until its end is in view.
  let start = null;
  story.addEventListener('touchstart', (e) => {
    const t = e.touches[0];
    start = { x: t.clientX, y: t.clientY, up: canScroll(-1), down: canScroll(1) };
  }, { passive: true });
  story.addEventListener('touchend', (e) => {
    if (!start) return;
    const t = e.changedTouches[0];
    const dx = start.x - t.clientX;
    const dy = start.y - t.clientY;
    const { up, down } = start;
    start = null;
    if (Math.max(Math.abs(dx), Math.abs(dy)) < 40) return;
    if (Math.abs(dx) > Math.abs(dy)) {
      show(current + (dx > 0 ? 1 : -1));
    } else if (!(dy > 0 ? down : up)) {
      show(current + (dy > 0 ? 1 : -1));
    }
  });

  // Links to a page of this story (overview, "go to first page", prev/next) move here.
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a) return;
    let n = Number(a.dataset.page);
    if (!n && a === prev) n = current - 1;
    if (!n && a === next) n = current + 1;
    if (!n) return;
    e.preventDefault();
    show(n);
    a.closest('details')?.removeAttribute('open');
  });
}
