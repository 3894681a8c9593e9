// The index's filters and search, in the page itself: no server, no CDN. Without
// scripts every brief is listed and the form stays hidden.
"use strict";
(function () {
  const form = document.getElementById("filters");
  const count = document.getElementById("count");
  const none = document.getElementById("no-match");
  const cards = Array.from(document.querySelectorAll(".card"));
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const texts = new Map(cards.map((card) => [card, fold(card.textContent)]));
  const values = (card, name) => JSON.parse(card.dataset[name] || "[]");
  const filters = ["year", "country", "type", "language"];

  function apply() {
    const words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const card of cards) {
      const chosen = filters.every((name) => {
        const wanted = form.elements[name].value;
        return !wanted || values(card, name).includes(wanted);
      });
      const found = words.every((word) => texts.get(card).includes(word));
      card.hidden = !(chosen && found);
      if (!card.hidden) shown += 1;
    }
    count.textContent =
      shown === cards.length
        ? `${cards.length} brief${cards.length === 1 ? "" : "s"}`
        : `${shown} of ${cards.length} briefs`;
    none.hidden = shown !== 0;
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  apply();
})();
