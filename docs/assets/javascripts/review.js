// The 復習 page (hooks/review_cards.py): one card at a time, driven by keyboard or buttons, progress kept
// in localStorage. Without this script the page is a list of <details>, each question with its answer.
(() => {
  "use strict";
  const KEY = "studysite-review-v1";
  let view = null; // the page's cards and toolbar while the 復習 page is shown

  const load = () => {
    try {
      const state = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return state && typeof state === "object" ? state : {};
    } catch {
      return {};
    }
  };

  const save = (state) => {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // storage off (private window, file:// policy): the page still works, without memory
    }
  };

  const marks = (state) => {
    if (!state.marks || typeof state.marks !== "object") state.marks = {};
    return state.marks;
  };

  const render = () => {
    const state = view.state, cards = view.cards, single = state.mode !== "list";
    const current = cards[view.index];
    cards.forEach((card) => {
      const mark = marks(state)[card.dataset.card];
      if (mark === "knew" || mark === "again") card.dataset.mark = mark;
      else delete card.dataset.mark;
      card.classList.toggle("review-card--current", card === current);
    });
    view.lists.forEach((list) => {
      list.classList.toggle("review-cards--single", single);
      const heading = list.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.hidden = single && !list.contains(current);
    });
    let known = 0, again = 0;
    cards.forEach((card) => {
      if (card.dataset.mark === "knew") known += 1;
      if (card.dataset.mark === "again") again += 1;
    });
    view.progress.textContent = "カード " + (view.index + 1) + " / " + cards.length +
      "・覚えた " + known + "・もう一度 " + again;
    view.toolbar.querySelectorAll("[data-review]").forEach((button) => {
      const action = button.dataset.review;
      if (action === "list") button.textContent = single ? "一覧で見る" : "1枚ずつ見る";
      else if (action !== "reset") button.hidden = !single;
    });
  };

  const move = (step) => {
    const count = view.cards.length;
    view.cards[view.index].querySelector("details").open = false;
    view.index = (view.index + step + count) % count;
    view.state.current = view.cards[view.index].dataset.card;
    save(view.state);
    render();
    view.cards[view.index].querySelector("summary").focus({ preventScroll: false });
  };

  const reveal = () => {
    const details = view.cards[view.index].querySelector("details");
    details.open = !details.open;
  };

  const mark = (kind) => {
    marks(view.state)[view.cards[view.index].dataset.card] = kind;
    save(view.state);
    move(1);
  };

  const act = (action) => {
    if (action === "next") move(1);
    else if (action === "prev") move(-1);
    else if (action === "reveal") reveal();
    else if (action === "knew" || action === "again") mark(action);
    else if (action === "list") {
      view.state.mode = view.state.mode === "list" ? "single" : "list";
      save(view.state);
      render();
    } else if (action === "reset") {
      view.state.marks = {};
      save(view.state);
      render();
    }
  };

  const setup = () => {
    const toolbar = document.querySelector(".review-toolbar");
    const cards = [...document.querySelectorAll(".review-card")];
    if (!toolbar || cards.length === 0) {
      view = null;
      return;
    }
    if (toolbar.dataset.ready) return; // this page is set up already
    toolbar.dataset.ready = "true";
    const state = load();
    let index = 0;
    cards.forEach((card, i) => {
      if (card.dataset.card === state.current) index = i;
    });
    view = {
      state: state,
      cards: cards,
      index: index,
      toolbar: toolbar,
      progress: toolbar.querySelector(".review-toolbar__progress"),
      lists: [...document.querySelectorAll(".review-cards")],
    };
    toolbar.hidden = false;
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("[data-review]");
      if (button && view) act(button.dataset.review);
    });
    render();
  };

  document.addEventListener("keydown", (event) => {
    if (!view || view.state.mode === "list" || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (target && target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
    const action = { " ": "reveal", ArrowRight: "next", ArrowLeft: "prev", "1": "again", a: "again",
                     "2": "knew", k: "knew" }[event.key];
    if (!action) return;
    event.preventDefault();
    act(action);
  });

  // A link to a chapter's heading (the table of contents) shows that chapter's first card.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href*="#"]');
    if (!view || view.state.mode === "list" || !link) return;
    const id = decodeURIComponent(link.hash.slice(1));
    const heading = id && document.getElementById(id);
    const list = heading && heading.nextElementSibling;
    if (!list || !list.classList.contains("review-cards")) return;
    const first = view.cards.indexOf(list.querySelector(".review-card"));
    if (first >= 0) move(first - view.index);
  }, true);

  // Set up once the page is there, and again after each switch of Material's instant navigation (which
  // swaps pages without reloading scripts; the offline bundle from file:// has no instant navigation).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
})();
