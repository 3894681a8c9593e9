// The preview page asks the server for news (a long poll) and shows each render: the
// PDF's pages as pictures, the web page in a frame, problems above them. A failed render
// leaves the last good pages on screen, dimmed.
"use strict";

let version = -1;
let shown = 0;

function setStatus(text, failed) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("failed", failed);
}

function showProblems(state) {
  const section = document.getElementById("problems");
  const list = document.getElementById("problem-list");
  list.replaceChildren();
  for (const [kind, messages] of [["error", state.problems], ["warning", state.warnings]]) {
    for (const message of messages) {
      const item = document.createElement("li");
      item.className = kind;
      item.textContent = message;
      list.append(item);
    }
  }
  section.hidden = list.children.length === 0;
}

function showPages(state) {
  if (state.generation === shown || state.generation === 0) return;
  shown = state.generation;
  const pages = document.getElementById("pages");
  pages.replaceChildren(
    ...state.pages.map((url, index) => {
      const image = document.createElement("img");
      image.src = url;
      image.alt = `Page ${index + 1} of ${state.pages.length}`;
      image.width = 794;
      image.height = 1123;
      return image;
    }),
  );
  if (state.web_page) document.getElementById("web").src = state.web_page;
  document.body.dataset.generation = String(state.generation);
}

function show(state) {
  showPages(state);
  showProblems(state);
  const failed = state.problems.length > 0;
  document.body.classList.toggle("stale", failed && state.generation > 0);
  if (state.rendering) {
    setStatus("Rendering…", false);
  } else if (failed) {
    const kept = state.generation > 0 ? "; the last good pages stay on screen" : "";
    setStatus(`Not rendered at ${state.finished_at}${kept}`, true);
  } else if (state.generation > 0) {
    setStatus(`Rendered at ${state.finished_at} in ${state.seconds.toFixed(1)} s`, false);
  }
  document.body.dataset.version = String(state.version);
}

async function listen() {
  for (;;) {
    try {
      const response = await fetch(`/state?after=${version}`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      version = state.version;
      show(state);
    } catch {
      setStatus("The preview stopped: start briefgen preview again, then reload.", true);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

listen();
